package dev.poolbench.loadruns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolbench.core.db.LatencyProxy;
import dev.poolbench.core.db.RoundTrips;
import dev.poolbench.results.LoadSummary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the service's {@code /api/health/pool} once a period while a simulation runs: the pool's
 * figures and the server's view of the service's connections, the {@code poolSamples} of the summary.
 * A sample the service could not answer in time is skipped, not invented (an event-loop service
 * answers its health only between requests).
 */
final class PoolSampler implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI health;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pool-sampler");
        t.setDaemon(true);
        return t;
    });
    private final List<LoadSummary.PoolSample> samples = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();

    PoolSampler(String serviceUrl, Duration period) {
        this.health = URI.create(serviceUrl + "/api/health/pool");
        timer.scheduleWithFixedDelay(this::sample, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The samples so far, oldest first. */
    synchronized List<LoadSummary.PoolSample> samples() {
        return List.copyOf(samples);
    }

    /**
     * Database round trips one {@code /api/health/pool} costs the service at {@code proxy} (its server probe's query),
     * measured over a few calls while nothing else runs; taken before a sampler starts.
     */
    static double probeCost(String serviceUrl, LatencyProxy proxy) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/api/health/pool"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        client.send(request, HttpResponse.BodyHandlers.discarding());
        int calls = 3;
        RoundTrips before = proxy.roundTrips();
        for (int i = 0; i < calls; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        return (double) proxy.roundTrips().since(before).exchanges() / calls;
    }

    /** Health requests this sampler has sent so far (samples and snapshots, answered or not). */
    long calls() {
        return calls.get();
    }

    /** The service's health now, whole (pool, server, cache), for the end of a run. */
    JsonNode snapshot() throws IOException, InterruptedException {
        calls.incrementAndGet();
        return JSON.readTree(client.send(request(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        try {
            calls.incrementAndGet();
            HttpResponse<String> response = client.send(request(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return;
            }
            JsonNode json = JSON.readTree(response.body());
            JsonNode pool = json.path("pool");
            JsonNode server = json.path("server");
            LoadSummary.PoolSample sample = new LoadSummary.PoolSample(Instant.now().toString(), pool.path("active").asInt(),
                    pool.path("idle").asInt(), pool.path("waiting").asInt(), pool.path("opened").asLong(),
                    pool.path("timeouts").asLong(), server.path("active").asInt(), server.path("idle").asInt(),
                    server.path("total").asInt());
            synchronized (this) {
                samples.add(sample);
            }
        } catch (IOException e) {
            // no answer this time: no sample
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build();
    }
}
