package dev.poolbench.loadruns.simulations;

import dev.poolbench.loadruns.LoadSettings;
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
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Seed 004's situation, an admin app whose people open the same records again and again
 * ({@code GET /admin/paints/<id>} behind a 5-minute cache): users keep reading todos from a small working
 * set, and now and then change one (which must not be hidden by the cache). TodoApiSimulation reads each
 * todo once, so a cache could never hit there; here seed 004's KPIs can be read off the summary: the
 * response times, the {@code cache} hit rate from the service's own counters, the pool's peak usage and
 * the peak of server connections, and the error rate.
 */
public class ReadHeavySimulation extends Simulation {

    private final LoadSettings load = LoadSettings.fromSystem();

    /** Todos read: ids 1..workingSet of the service's seeded rows (--seed-rows, 10,000 by default). */
    private final int workingSet = load.integer("workingSet", 100, 100, 1, 10_000_000);
    private final double updatePercent = load.percent("updatePercent", 5, 5);
    private final Duration thinkTime = load.duration("thinkTime", Duration.ofMillis(100), Duration.ofMillis(100));
    private final Duration duration = load.duration("duration", Duration.ofSeconds(20), Duration.ofMinutes(2));
    private final Duration requestTimeout = load.duration("requestTimeout", Duration.ofSeconds(60), Duration.ofSeconds(60));

    private final HttpProtocolBuilder api = http.baseUrl(load.target())
            .disableCaching()
            .acceptHeader("application/json")
            .contentTypeHeader("application/json");

    private final ChainBuilder readOne = exec(http("get")
            .get(session -> "/api/todo/" + oneOfTheWorkingSet())
            .requestTimeout(requestTimeout)
            .check(status().is(200)));

    private final ChainBuilder changeOne = exec(http("update")
            .put(session -> "/api/todo/" + oneOfTheWorkingSet())
            .body(StringBody(session -> "{\"priority\":" + ThreadLocalRandom.current().nextInt(1, 6) + "}"))
            .requestTimeout(requestTimeout)
            .check(status().is(200)));

    private final ScenarioBuilder readers = scenario("read a working set, change one now and then")
            .during(duration).on(randomSwitch().on(
                            percent(updatePercent).then(changeOne),
                            percent(100 - updatePercent).then(readOne)),
                    pause(thinkTime));

    {
        int users = load.integer("users", 20, 20, 1, 10_000);
        double minSuccessPercent = load.percent("minSuccessPercent", 99, 99);
        int maxP95Ms = load.integer("maxP95Ms", 5_000, 5_000, 1, 600_000);
        load.publish();

        setUp(readers.injectOpen(atOnceUsers(users)))
                .protocols(api)
                .assertions(
                        global().successfulRequests().percent().gte(minSuccessPercent),
                        global().responseTime().percentile(95.0).lte(maxP95Ms));
    }

    private int oneOfTheWorkingSet() {
        return ThreadLocalRandom.current().nextInt(1, workingSet + 1);
    }
}
