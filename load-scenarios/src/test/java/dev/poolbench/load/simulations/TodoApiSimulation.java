package dev.poolbench.load.simulations;

import dev.poolbench.load.run.LoadSettings;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The seeds' own load test ({@code test_todo_api.py}, "Bulk Create (200)"): a burst of 200 users at
 * once, each creating a todo, then reading it back, listing open todos of its priority, completing it
 * and deleting it. Seed 001 reports 2.28 ops/sec for this against queue 5+10 with sync calls in async
 * endpoints, and promises 7-11 ops/sec from a bigger pool and 20-45 from async; the summary's
 * {@code throughputRps} and {@code successRate} are the figures to hold those claims against.
 */
public class TodoApiSimulation extends Simulation {

    private final LoadSettings load = LoadSettings.fromSystem();

    private final HttpProtocolBuilder api = http.baseUrl(load.target())
            .disableCaching()
            .acceptHeader("application/json")
            .contentTypeHeader("application/json");

    private final ChainBuilder create = exec(http("create")
            .post("/api/todo")
            .body(StringBody(session -> "{\"title\":\"load test todo " + session.userId() + "\","
                    + "\"description\":\"created by TodoApiSimulation\",\"priority\":" + priority() + "}"))
            .check(status().is(201), jmesPath("id").saveAs("id"), jmesPath("priority").saveAs("priority")))
            .exitHereIfFailed();

    private final ChainBuilder get = exec(http("get")
            .get("/api/todo/#{id}")
            .check(status().is(200)));

    private final ChainBuilder listOpenOfItsPriority = exec(http("list filtered")
            .get("/api/todo?completed=false&priority=#{priority}&limit=20")
            .check(status().is(200)));

    private final ChainBuilder complete = exec(http("update")
            .put("/api/todo/#{id}")
            .body(StringBody("{\"completed\":true}"))
            .check(status().is(200)));

    private final ChainBuilder delete = exec(http("delete")
            .delete("/api/todo/#{id}")
            .check(status().is(204)));

    private final ScenarioBuilder seedLoadTest = scenario("a todo's life: create, get, list, update, delete")
            .exec(create, get, listOpenOfItsPriority, complete, delete);

    {
        int users = load.integer("users", 200, 200, 1, 10_000);
        int bursts = load.integer("bursts", 1, 10, 1, 1_000);
        Duration between = load.duration("pauseBetweenBursts", Duration.ofSeconds(5), Duration.ofSeconds(5));
        double minSuccessPercent = load.percent("minSuccessPercent", 95, 95);
        int maxP95Ms = load.integer("maxP95Ms", 10_000, 10_000, 1, 600_000);
        load.publish();

        setUp(seedLoadTest.injectOpen(burstsOf(users, bursts, between)))
                .protocols(api)
                .assertions(
                        global().successfulRequests().percent().gte(minSuccessPercent),
                        global().responseTime().percentile(95.0).lte(maxP95Ms));
    }

    private static io.gatling.javaapi.core.OpenInjectionStep[] burstsOf(int users, int bursts, Duration between) {
        io.gatling.javaapi.core.OpenInjectionStep[] steps = new io.gatling.javaapi.core.OpenInjectionStep[bursts * 2 - 1];
        for (int i = 0; i < bursts; i++) {
            steps[i * 2] = atOnceUsers(users);
            if (i + 1 < bursts) {
                steps[i * 2 + 1] = nothingFor(between);
            }
        }
        return steps;
    }

    private static int priority() {
        return ThreadLocalRandom.current().nextInt(1, 6);
    }
}
