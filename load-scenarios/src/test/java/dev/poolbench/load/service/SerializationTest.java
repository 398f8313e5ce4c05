package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001's "Async/Sync Mismatch: Sync functions in async endpoints ... Prevents FastAPI concurrency",
 * shown: with a 40 ms database round trip, the event-loop mode takes as long for a burst of requests as
 * for the same requests one by one, while worker and reactive answer the burst in a fraction of that.
 * The pool (10 connections) is never what limits here; only where the JDBC call runs.
 */
class SerializationTest {

    static final Duration RTT = Duration.ofMillis(40);

    private static Database network;

    @BeforeAll
    static void slowNetwork() {
        network = TestDatabase.get().throughProxy(RTT, false);
    }

    @AfterAll
    static void close() {
        network.close();
    }

    @Test
    void theEventLoopModeServesABurstOneRequestAtATime() throws Exception {
        Burst.Timing timing = measure(Execution.EVENT_LOOP);

        assertThat(timing.sequentialMs()).as("each request costs at least a round trip").isGreaterThan(Burst.REQUESTS * 40 * 0.9);
        assertThat(timing.ratio()).as(timing.toString()).isGreaterThan(0.75);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Execution.class, names = {"WORKER", "REACTIVE"})
    void theOtherModesServeABurstConcurrently(Execution execution) throws Exception {
        Burst.Timing timing = measure(execution);

        assertThat(timing.sequentialMs()).as("each request costs at least a round trip").isGreaterThan(Burst.REQUESTS * 40 * 0.9);
        assertThat(timing.ratio()).as(timing.toString()).isLessThan(0.5);
    }

    static Burst.Timing measure(Execution execution) throws Exception {
        return measure(execution, network);
    }

    static Burst.Timing measure(Execution execution, Database database) throws Exception {
        PoolSettings tenConnections = PoolSettings.of(PoolStrategy.QUEUE).withPoolSize(10).withMaxOverflow(0);
        ServiceOptions options = RunningService.options(execution).withPool(tenConnections);
        try (RunningService running = RunningService.start(options, 100, database)) {
            Burst.Timing timing = Burst.measure(running.http);
            System.out.println(execution.spelling() + " with a " + RTT.toMillis() + " ms round trip: " + timing);
            return timing;
        }
    }
}
