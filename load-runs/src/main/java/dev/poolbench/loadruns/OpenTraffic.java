package dev.poolbench.loadruns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.results.ServiceFaults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code GET /api/todo/{id}} of a random todo, sent at a steady rate whatever the answers (an open model: users do
 * not wait for each other, so a slow or retrying service meets the same arrivals a fast one does), every request
 * recorded: when it started and ended, its status, and its error.
 */
final class OpenTraffic implements AutoCloseable {

    /** One request: System.nanoTime() at start and end, the status (0: no answer at all), and the error's text. */
    record Request(long start, long end, int status, String error) {
        boolean ok() {
            return status == 200;
        }

        long millis() {
            return (end - start) / 1_000_000;
        }
    }

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final int rows;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread sender;
    private volatile double perSecond;
    private volatile boolean running = true;

    OpenTraffic(String base, int rows) {
        this.base = base;
        this.rows = rows;
        this.sender = new Thread(this::send, "poolbench-open-traffic");
        sender.setDaemon(true);
        sender.start();
    }

    /** From now on, {@code value} requests a second; 0 sends none. */
    void rate(double value) {
        perSecond = value;
    }

    private void send() {
        long next = System.nanoTime();
        while (running) {
            double rate = perSecond;
            if (rate <= 0) {
                sleepNanos(5_000_000);
                next = System.nanoTime();
                continue;
            }
            long now = System.nanoTime();
            if (now < next) {
                sleepNanos(next - now);
                continue;
            }
            fire();
            next += (long) (1e9 / rate);
        }
    }

    private void fire() {
        long id = ThreadLocalRandom.current().nextLong(1, rows + 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/todo/" + id)).timeout(CLIENT_TIMEOUT).build();
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long end = System.nanoTime();
            Request done = failure != null
                    ? new Request(start, end, 0, failure.getClass().getSimpleName() + ": " + failure.getMessage())
                    : new Request(start, end, response.statusCode(), response.statusCode() == 200 ? null : response.body());
            synchronized (requests) {
                requests.add(done);
            }
            inFlight.decrementAndGet();
        });
    }

    /** Stops sending for good and waits, up to {@code limit}, for every request in flight to be answered; true if all were. */
    boolean drain(Duration limit) throws InterruptedException {
        running = false;
        sender.interrupt();
        sender.join(limit.toMillis());
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return inFlight.get() == 0;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long count(List<Request> requests, Predicate<Request> which) {
        return requests.stream().filter(which).count();
    }

    /** p50, p95, p99 and the slowest (nearest rank), in ms; all zero for no requests. */
    static ServiceFaults.Latency latency(List<Request> requests) {
        long[] ms = requests.stream().mapToLong(Request::millis).sorted().toArray();
        if (ms.length == 0) {
            return new ServiceFaults.Latency(0, 0, 0, 0);
        }
        return new ServiceFaults.Latency(rank(ms, 0.50), rank(ms, 0.95), rank(ms, 0.99), ms[ms.length - 1]);
    }

    private static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The distinct answers other than 200, the most frequent first, at most three: "12 x 503 QueuePool limit ...". */
    static List<String> errors(List<Request> requests) {
        Map<String, Long> counted = requests.stream().filter(r -> !r.ok())
                .collect(Collectors.groupingBy(OpenTraffic::describe, Collectors.counting()));
        return counted.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(e -> e.getValue() + " x " + e.getKey()).toList();
    }

    private static String describe(Request r) {
        String text = r.error() == null ? "" : r.error();
        // the JSON error body's message; the status says the rest
        try {
            JsonNode body = LoadResult.JSON.readTree(text);
            if (body != null && body.path("error").isTextual()) {
                text = body.path("error").asText();
            }
        } catch (IOException notJson) {
            // a body of another kind, or the client's own error: as it is
        }
        text = text.replaceAll("\\s+", " ").trim();
        // SQLAlchemy's "(Background on this error at: ...)" and pgjdbc's connection details vary by nothing useful
        text = text.replaceAll("\\s*\\(Background on this error at: [^)]*\\)", "");
        String line = (r.status() == 0 ? "no answer" : Integer.toString(r.status())) + (text.isEmpty() ? "" : " " + text);
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
