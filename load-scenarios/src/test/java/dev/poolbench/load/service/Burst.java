package dev.poolbench.load.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same GETs sent one by one and then all at once. With a database round trip of tens of
 * milliseconds, a service that serves requests concurrently answers the burst in about one round trip;
 * one that serializes them takes as long as one by one.
 */
final class Burst {

    /** Requests per burst: below every test pool's capacity, so only the execution mode can serialize. */
    static final int REQUESTS = 8;
    private static final int ROUNDS = 3;

    private Burst() {
    }

    /** Median over a few rounds of (all at once) / (one by one), after warming the pool up. */
    static Timing measure(Http http) {
        burst(http);
        burst(http);
        double[] sequential = new double[ROUNDS];
        double[] concurrent = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            sequential[round] = oneByOne(http);
            concurrent[round] = burst(http);
        }
        return new Timing(median(sequential), median(concurrent));
    }

    private static double oneByOne(Http http) {
        long started = System.nanoTime();
        for (int i = 1; i <= REQUESTS; i++) {
            assertThat(http.get("/api/todo/" + i).status()).isEqualTo(200);
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private static double burst(Http http) {
        long started = System.nanoTime();
        List<CompletableFuture<Http.Response>> answers = new ArrayList<>();
        for (int i = 1; i <= REQUESTS; i++) {
            answers.add(http.getAsync("/api/todo/" + i));
        }
        for (CompletableFuture<Http.Response> answer : answers) {
            assertThat(answer.join().status()).isEqualTo(200);
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    record Timing(double sequentialMs, double concurrentMs) {
        double ratio() {
            return concurrentMs / sequentialMs;
        }

        @Override
        public String toString() {
            return String.format("%d requests one by one %.0f ms, all at once %.0f ms (ratio %.2f)",
                    REQUESTS, sequentialMs, concurrentMs, ratio());
        }
    }
}
