package dev.poolbench.loadruns.simulations;

import dev.poolbench.loadruns.LoadSettings;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Seed 003's situation, "few concurrent users, many concurrent operations": a handful of people use the
 * app interactively (browse open todos, open one, complete it, with think time) while background jobs
 * (seed 003's four Celery workers: syncs, imports, batch updates) insert todos in bulk and then update
 * each of them. The interactive users' latency is what the seed's pool sizing is meant to protect.
 */
public class MixedOperationsSimulation extends Simulation {

    private final LoadSettings load = LoadSettings.fromSystem();

    private final int rows = load.integer("rows", 10_000, 10_000, 1, 10_000_000);
    private final int bulkSize = load.integer("bulkSize", 100, 100, 1, 1_000);
    private final Duration duration = load.duration("duration", Duration.ofSeconds(20), Duration.ofMinutes(3));

    private final HttpProtocolBuilder api = http.baseUrl(load.target())
            .disableCaching()
            .acceptHeader("application/json")
            .contentTypeHeader("application/json");

    // an interactive user

    private final ChainBuilder browseOpenTodos = exec(http("browse open todos")
            .get("/api/todo?completed=false&limit=20")
            .check(status().is(200)));

    private final ChainBuilder openOne = exec(http("open a todo")
            .get(session -> "/api/todo/" + ThreadLocalRandom.current().nextInt(1, rows + 1))
            .check(status().is(200), jmesPath("id").saveAs("openId")));

    private final ChainBuilder completeIt = exec(http("complete it")
            .put("/api/todo/#{openId}")
            .body(StringBody("{\"completed\":true}"))
            .check(status().is(200)));

    // a background job

    private final ChainBuilder importABatch = exec(http("bulk import")
            .post("/api/todo/bulk")
            .body(StringBody(this::batchOfTodos))
            .check(status().is(201), jmesPath("[*].id").ofList().saveAs("imported")));

    private final ChainBuilder updateEachImported = foreach("#{imported}", "importedId").on(
            exec(http("batch update")
                    .put("/api/todo/#{importedId}")
                    .body(StringBody(session -> "{\"priority\":" + ThreadLocalRandom.current().nextInt(1, 6) + "}"))
                    .check(status().is(200))));

    private final ScenarioBuilder people = scenario("interactive users")
            .during(duration).on(browseOpenTodos, pause(Duration.ofMillis(500), Duration.ofSeconds(2)),
                    openOne, pause(Duration.ofMillis(500), Duration.ofSeconds(2)),
                    completeIt, pause(Duration.ofSeconds(1), Duration.ofSeconds(3)));

    private final ScenarioBuilder jobs = scenario("background jobs")
            .during(duration).on(importABatch, updateEachImported, pause(Duration.ofMillis(200)));

    {
        int users = load.integer("users", 5, 5, 0, 10_000);
        int workers = load.integer("jobs", 4, 4, 0, 1_000);
        double minSuccessPercent = load.percent("minSuccessPercent", 99, 99);
        int maxP95Ms = load.integer("maxP95Ms", 5_000, 5_000, 1, 600_000);
        load.publish();

        setUp(people.injectOpen(atOnceUsers(users)), jobs.injectOpen(atOnceUsers(workers)))
                .protocols(api)
                .assertions(
                        global().successfulRequests().percent().gte(minSuccessPercent),
                        global().responseTime().percentile(95.0).lte(maxP95Ms));
    }

    private String batchOfTodos(Session session) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < bulkSize; i++) {
            json.append(i == 0 ? "" : ",").append("{\"title\":\"imported by job ").append(session.userId())
                    .append(" #").append(i).append("\",\"priority\":").append(1 + i % 5).append('}');
        }
        return json.append(']').toString();
    }
}
