package dev.poolbench.loadruns.simulations;

import dev.poolbench.loadruns.LoadSettings;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Concurrency well above what the pool can serve: seed 004's "Connection Pool Exhaustion: simultaneous
 * requests overwhelming available connections". A fixed number of users keep requests in flight; each
 * request that waits longer than the pool's timeout gets 503. What to read from the summary: the success
 * rate, the pool's {@code waiting} and {@code timeouts} in the pool samples, and how latency sits just
 * under the pool timeout (requests that made it) or at it (those that did not), against the configured
 * pool size, overflow and timeout.
 */
public class PoolExhaustionSimulation extends Simulation {

    private final LoadSettings load = LoadSettings.fromSystem();

    /** Ids of the service's seeded rows (--seed-rows, 10,000 by default) to read. */
    private final int rows = load.integer("rows", 10_000, 10_000, 1, 10_000_000);

    private final HttpProtocolBuilder api = http.baseUrl(load.target())
            .disableCaching()
            .acceptHeader("application/json")
            .contentTypeHeader("application/json");

    private final ChainBuilder readOne = exec(http("get")
            .get(session -> "/api/todo/" + ThreadLocalRandom.current().nextInt(1, rows + 1))
            .check(status().is(200)));

    private final ChainBuilder listOpen = exec(http("list filtered")
            .get(session -> "/api/todo?completed=false&priority=" + ThreadLocalRandom.current().nextInt(1, 6) + "&limit=20")
            .check(status().is(200)));

    private final ChainBuilder createOne = exec(http("create")
            .post("/api/todo")
            .body(StringBody(session -> "{\"title\":\"exhaustion " + session.userId() + "\"}"))
            .check(status().is(201)));

    /** Mostly reads, as a web front end's traffic is. */
    private final ScenarioBuilder overload = scenario("more callers than connections")
            .exec(randomSwitch().on(
                    percent(60.0).then(readOne),
                    percent(30.0).then(listOpen),
                    percent(10.0).then(createOne)));

    {
        int users = load.integer("users", 40, 100, 1, 10_000);
        Duration duration = load.duration("duration", Duration.ofSeconds(20), Duration.ofMinutes(2));
        double minSuccessPercent = load.percent("minSuccessPercent", 10, 10);
        int maxP95Ms = load.integer("maxP95Ms", 5_000, 5_000, 1, 600_000);
        load.publish();

        setUp(overload.injectClosed(constantConcurrentUsers(users).during(duration)))
                .protocols(api)
                .assertions(
                        global().successfulRequests().percent().gte(minSuccessPercent),
                        global().responseTime().percentile(95.0).lte(maxP95Ms));
    }
}
