package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.LatencyProxy;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference stack (FastAPI + SQLAlchemy, issue 17) keeps the Java service's contract: started as load-runs
 * starts a service, it says where it listens in the same line, serves the seed's CRUD cycle, answers a script
 * of good and bad requests with the Java service's statuses and bodies byte for byte (both seed the same rows),
 * reports its pool in the same JSON keys, and answers a pool timeout with 503 and SQLAlchemy's own message.
 */
class ReferenceServiceTest {

    private static final int ROWS = 200;

    @BeforeAll
    static void needsThePackages() {
        ReferenceProcess.assumeAvailable();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        baseline        | queue 5+10, timeout 30s, event-loop, indexes off, session transactions
        phase2          | queue 20+30, timeout 30s, recycle 3600s, pre-ping, reactive, indexes on, session transactions
        phase2-worker   | queue 20+30, timeout 30s, recycle 3600s, pre-ping, worker, indexes on, session transactions
        seed000-null    | none, worker, indexes off, session transactions
        seed000-static  | static, timeout 30s, worker, indexes off, session transactions
        seed004         | queue 5+10, timeout 20s, recycle 300s, pre-ping, worker, indexes off, cache ttl 300s, session transactions, retry 3x2s
        seed002-jit-off | queue 20+30, timeout 30s, recycle 3600s, pre-ping, worker, indexes off, jit off, session transactions
        """)
    void eachSeedConfigurationListensAndServesTheCrudCycle(String configuration, String label) throws Exception {
        try (ReferenceProcess reference = ReferenceProcess.start(TestDatabase.get(), ROWS,
                List.of("--configuration", configuration))) {
            assertThat(reference.url).startsWith("http://127.0.0.1:");
            assertThat(reference.label).isEqualTo(label);

            CrudCycle.run(reference.http);

            JsonObject health = reference.http.get("/api/health/pool").json();
            assertThat(health.getString("configuration")).isEqualTo(configuration);
            assertThat(health.getJsonObject("service").getString("label")).isEqualTo(label);
            JsonObject pool = health.getJsonObject("pool");
            assertThat(pool.getLong("opened")).isGreaterThanOrEqualTo(1);
            assertThat(pool.getInteger("active")).isZero();
            assertThat(health.getJsonObject("server").getInteger("total"))
                    .as("the server sees the service's pooled connections under its application name")
                    .isEqualTo(pool.getInteger("idle"));
            JsonObject session = reference.http.get("/api/health/session").json();
            assertThat(session.getString("applicationName")).isEqualTo(reference.applicationName);
            assertThat(session.getString("jit")).isEqualTo(configuration.endsWith("jit-off") ? "off" : "on");
            assertThat(Files.readString(reference.log)).as("the log never holds the password")
                    .doesNotContain(TestDatabase.get().password());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"event-loop", "worker"})
    void answersAScriptOfRequestsAsTheJavaServiceDoesByteForByte(String execution) throws Exception {
        List<String> java;
        try (RunningService running = RunningService.start(RunningService.options(
                dev.poolbench.core.config.Settings.parseChoice("execution", execution, Execution.class)), ROWS)) {
            java = script(running.http);
        }
        List<String> python;
        try (ReferenceProcess reference = ReferenceProcess.start(TestDatabase.get(), ROWS,
                List.of("--execution", execution))) {
            python = script(reference.http);
        }

        assertThat(python).containsExactlyElementsOf(java);
    }

    /** Asked as load-runs' PoolSampler asks: Java's HttpClient as it comes, which offers HTTP/2 (h2c) first. */
    @Test
    void reportsItsPoolInTheJavaServicesKeys() throws Exception {
        Set<String> java;
        try (RunningService running = RunningService.start(RunningService.options(Execution.WORKER)
                .withCacheTtl(Duration.ofSeconds(5)), 0)) {
            java = keys(asThePoolSamplerAsks(running.service.url()), "");
        }
        Set<String> python;
        try (ReferenceProcess reference = ReferenceProcess.start(TestDatabase.get(), 0,
                List.of("--execution", "worker", "--cache-ttl", "5s"))) {
            python = keys(asThePoolSamplerAsks(reference.url), "");
        }

        assertThat(python).containsExactlyElementsOf(java)
                .contains("pool.peakActive", "server.idleInTransaction", "cache.hitRate", "service.label");
    }

    /**
     * The one connection is held by a request whose query the network swallows (the proxy frozen), so the second
     * request has nothing to borrow and gets 503 with SQLAlchemy's QueuePool message after pool_timeout.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"worker", "reactive"})
    void aRequestThatGetsNoConnectionInTimeIsAnswered503WithSqlAlchemysMessage(String execution) throws Exception {
        try (Database network = TestDatabase.get().throughProxy(Duration.ZERO, false);
             ReferenceProcess reference = ReferenceProcess.start(network, 10, List.of("--execution", execution,
                     "--pool", "queue", "--pool-size", "1", "--max-overflow", "0", "--pool-timeout", "300ms"))) {
            assertThat(reference.http.get("/api/todo/1").status()).as("works before the stall").isEqualTo(200);
            LatencyProxy proxy = network.proxy().orElseThrow();

            proxy.freeze();
            long started = System.nanoTime();
            CompletableFuture<Http.Response> first = reference.http.getAsync("/api/todo/1");
            Thread.sleep(150);
            CompletableFuture<Http.Response> second = reference.http.getAsync("/api/todo/2");
            Http.Response timedOut = CompletableFuture.anyOf(first, second).thenApply(Http.Response.class::cast)
                    .get(30, TimeUnit.SECONDS);
            double waitedMs = (System.nanoTime() - started) / 1e6;
            proxy.unfreeze();
            List<Http.Response> both = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

            assertThat(timedOut.status()).isEqualTo(503);
            assertThat(timedOut.error()).startsWith(
                    "QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.30");
            assertThat(waitedMs).as("answered after about pool_timeout, not hung").isBetween(300.0, 10_000.0);
            assertThat(both).extracting(Http.Response::status).containsExactlyInAnyOrder(200, 503);
            assertThat(reference.http.get("/api/health/pool").json().getJsonObject("pool").getLong("timeouts")).isEqualTo(1);
            assertThat(reference.http.get("/api/todo/2").status()).as("works again after the stall").isEqualTo(200);
        }
    }

    /**
     * Seed 001's "sync functions in async endpoints ... prevents FastAPI concurrency", on the real stack: with a
     * 40 ms database round trip the baseline takes as long for a burst as for the same GETs one by one; the
     * thread pool and asyncpg answer the burst in a fraction of that.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"event-loop, true", "worker, false", "reactive, false"})
    void onlyTheBaselineServesABurstOneRequestAtATime(String execution, boolean serialized) throws Exception {
        try (Database network = TestDatabase.get().throughProxy(SerializationTest.RTT, false);
             ReferenceProcess reference = ReferenceProcess.start(network, 100, List.of("--execution", execution,
                     "--pool", "queue", "--pool-size", "10", "--max-overflow", "0"))) {
            Burst.Timing timing = Burst.measure(reference.http);
            int peak = reference.http.get("/api/health/pool").json().getJsonObject("pool").getInteger("peakActive");
            System.out.println("reference " + execution + " with a 40 ms round trip: " + timing);

            if (serialized) {
                assertThat(timing.ratio()).as(timing.toString()).isGreaterThan(0.75);
                assertThat(peak).as("never more than one connection lent at once").isEqualTo(1);
            } else {
                assertThat(timing.ratio()).as(timing.toString()).isLessThan(0.5);
                assertThat(peak).as("connections lent at once during the burst").isBetween(2, 10);
            }
        }
    }

    /**
     * Seed 000's option 2 as SQLAlchemy implements it: StaticPool lends its one connection to every request at once
     * (psycopg2 takes their statements in turn, their transactions interleave), where the Java service's static pool
     * makes the others wait: "one connection" is not a queue here.
     */
    @Test
    void staticPoolLendsItsOneConnectionToConcurrentRequestsAtOnce() throws Exception {
        try (Database network = TestDatabase.get().throughProxy(Duration.ofMillis(20), false);
             ReferenceProcess reference = ReferenceProcess.start(network, 100, List.of("--configuration", "seed000-static"))) {
            Burst.measure(reference.http);

            JsonObject health = reference.http.get("/api/health/pool").json();
            assertThat(health.getJsonObject("pool").getInteger("capacity")).isEqualTo(1);
            assertThat(health.getJsonObject("pool").getInteger("peakActive")).as("borrowers of the one connection at once")
                    .isGreaterThan(1);
            assertThat(health.getJsonObject("pool").getInteger("active")).isZero();
            assertThat(health.getJsonObject("server").getInteger("total")).as("one connection on the server").isEqualTo(1);
        }
    }

    /** Good and bad requests in an order both services can follow; each answer as "status body". */
    private static List<String> script(Http http) {
        long created = ROWS + 1;
        List<Http.Response> answers = new ArrayList<>();
        answers.add(http.get("/api/todo/1"));
        answers.add(http.get("/api/todo/77"));
        answers.add(http.get("/api/todo?limit=5"));
        answers.add(http.get("/api/todo?completed=true&priority=2&limit=3&offset=1"));
        answers.add(http.post("/api/todo", "{\"title\":\"Compare the stacks\",\"description\":\"é ü, \\\"quoted\\\"\","
                + "\"priority\":4,\"due_date\":\"2026-12-31\"}"));
        answers.add(http.get("/api/todo/" + created));
        answers.add(http.put("/api/todo/" + created, "{\"completed\":true,\"title\":\"Compared\",\"due_date\":\"2027-01-02\"}"));
        answers.add(http.put("/api/todo/" + created, "{\"description\":null,\"due_date\":null}"));
        answers.add(http.put("/api/todo/" + created, "{\"priority\":true}"));
        answers.add(http.delete("/api/todo/" + created));
        answers.add(http.get("/api/todo/" + created));
        answers.add(http.delete("/api/todo/" + created));
        answers.add(http.post("/api/todo/bulk", "[{\"title\":\"one\"},{\"title\":\"two\",\"priority\":1,\"due_date\":null}]"));
        answers.add(http.post("/api/todo", ""));
        answers.add(http.post("/api/todo", "[1, 2]"));
        answers.add(http.post("/api/todo", "{\"priority\": 2}"));
        answers.add(http.post("/api/todo", "{\"title\": \"   \"}"));
        answers.add(http.post("/api/todo", "{\"title\": 42}"));
        answers.add(http.post("/api/todo", "{\"title\": {\"a\": [1, 2.5]}}"));
        answers.add(http.post("/api/todo", "{\"title\": \"" + "t".repeat(256) + "\"}"));
        answers.add(http.post("/api/todo", "{\"title\": \"x\", \"priority\": 2.5}"));
        answers.add(http.post("/api/todo", "{\"title\": \"x\", \"priority\": \"3\"}"));
        answers.add(http.post("/api/todo", "{\"title\": \"x\", \"due_date\": \"2026-02-30\"}"));
        answers.add(http.post("/api/todo", "{\"title\": \"x\", \"description\": 7}"));
        answers.add(http.post("/api/todo/bulk", "{\"title\": \"x\"}"));
        answers.add(http.post("/api/todo/bulk", "[]"));
        answers.add(http.post("/api/todo/bulk", "[{\"title\": \"a\"}, \"b\"]"));
        answers.add(http.post("/api/todo/bulk", "[{\"title\": \"a\"}, {\"priority\": 9}]"));
        answers.add(http.put("/api/todo/1", "{}"));
        answers.add(http.put("/api/todo/1", "{\"completed\": \"yes\"}"));
        answers.add(http.get("/api/todo/abc"));
        answers.add(http.get("/api/todo/bulk"));
        answers.add(http.get("/api/todo/-1"));
        answers.add(http.send("DELETE", "/api/todo/1.5", null));
        answers.add(http.get("/api/todo?completed=maybe"));
        answers.add(http.get("/api/todo?priority=9"));
        answers.add(http.get("/api/todo?limit=0"));
        answers.add(http.get("/api/todo?offset=-3"));
        answers.add(http.get("/api/nothing"));
        answers.add(http.send("PATCH", "/api/todo/1", "{}"));
        answers.add(http.send("PUT", "/api/todo", "{}"));
        List<String> shown = new ArrayList<>();
        for (Http.Response answer : answers) {
            // rows created now carry now(); the seeded ones carry the same timestamps in both tables
            shown.add(answer.status() + " " + answer.body().replaceAll("\"created_at\":\"[^\"]*\\.\\d+Z\"", "\"created_at\":\"(now)\""));
        }
        return shown;
    }

    private static JsonObject asThePoolSamplerAsks(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/api/health/pool")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** Every key of {@code json}, nested ones as "pool.active". */
    private static Set<String> keys(JsonObject json, String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String name : json.fieldNames()) {
            keys.add(prefix + name);
            if (json.getValue(name) instanceof JsonObject nested) {
                keys.addAll(keys(nested, prefix + name + "."));
            }
        }
        return keys;
    }

}
