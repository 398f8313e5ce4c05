package dev.poolbench.loadruns.simulations;

import dev.poolbench.core.config.SettingsException;
import dev.poolbench.loadruns.LoadSettings;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

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
 * {@code operationsPerSecond} and {@code successRate} are the figures to hold those claims against.
 *
 * <p>Bulk mode ({@code poolbench.bulk=true}) is seed 001's phase 3: the creates go as
 * {@code POST /api/todo/bulk} in batches of {@code bulkSize} (all in one by default), and once they are
 * answered, one user per created todo takes it through get, list, update and delete. A bulk create of 200
 * carries 200 todo operations: the simulation counts the todos each answer returns.
 *
 * <p>{@code followUps} limits how many todos go on past their create (the claims run shrinks the slowest
 * configurations this way and keeps the 200-user burst of creates); the summary's
 * {@code load.differsFromSeed} says so whenever the load is not the seed's.
 */
public class TodoApiSimulation extends Simulation {

    /** The seed's burst: 200 users, each one todo's whole life. */
    static final int SEED_USERS = 200;
    static final String BULK_CREATE = "bulk create";

    private final LoadSettings load = LoadSettings.fromSystem();

    private final int users = load.integer("users", SEED_USERS, SEED_USERS, 1, 10_000);
    private final int bursts = load.integer("bursts", 1, 10, 1, 1_000);
    private final Duration between = load.duration("pauseBetweenBursts", Duration.ofSeconds(5), Duration.ofSeconds(5));
    private final int followUps = load.integer("followUps", users, users, 0, users);
    private final boolean bulk = load.bool("bulk", false, false);
    private final int bulkSize = bulk ? load.integer("bulkSize", Math.min(users, 1_000), Math.min(users, 1_000), 1, 1_000) : 0;
    /** How long a client waits for an answer; Gatling's (gatling.conf) unless the run says otherwise. */
    private final Duration requestTimeout = load.duration("requestTimeout", Duration.ofSeconds(60), Duration.ofSeconds(60));

    private final HttpProtocolBuilder api = http.baseUrl(load.target())
            .disableCaching()
            .acceptHeader("application/json")
            .contentTypeHeader("application/json");

    private final ChainBuilder create = exec(http("create")
            .post("/api/todo")
            .body(StringBody(session -> "{\"title\":\"load test todo " + session.userId() + "\","
                    + "\"description\":\"created by TodoApiSimulation\",\"priority\":" + priority() + "}"))
            .requestTimeout(requestTimeout)
            .check(status().is(201), jmesPath("id").saveAs("id"), jmesPath("priority").saveAs("priority")))
            .exitHereIfFailed();

    private final ChainBuilder get = exec(http("get")
            .get("/api/todo/#{id}")
            .requestTimeout(requestTimeout)
            .check(status().is(200)));

    private final ChainBuilder listOpenOfItsPriority = exec(http("list filtered")
            .get("/api/todo?completed=false&priority=#{priority}&limit=20")
            .requestTimeout(requestTimeout)
            .check(status().is(200)));

    private final ChainBuilder complete = exec(http("update")
            .put("/api/todo/#{id}")
            .body(StringBody("{\"completed\":true}"))
            .requestTimeout(requestTimeout)
            .check(status().is(200)));

    private final ChainBuilder delete = exec(http("delete")
            .delete("/api/todo/#{id}")
            .requestTimeout(requestTimeout)
            .check(status().is(204)));

    private final ChainBuilder restOfItsLife = exec(get, listOpenOfItsPriority, complete, delete);

    private final ScenarioBuilder seedLoadTest = scenario("a todo's life: create, get, list, update, delete")
            .exec(create)
            .doIf(this::followsUp).then(restOfItsLife);

    // bulk mode: the creates in batches, then one user per created todo

    /** Todos the bulk creates returned, waiting for their follow-up user: {id, priority}. */
    private final Queue<long[]> created = new ConcurrentLinkedQueue<>();
    private final AtomicInteger batchesSent = new AtomicInteger();

    private final ChainBuilder bulkCreate = exec(session -> session.set("batch", batchesSent.getAndIncrement()))
            .exec(http(BULK_CREATE)
                    .post("/api/todo/bulk")
                    .body(StringBody(this::batchOfTodos))
                    .requestTimeout(requestTimeout)
                    .check(status().is(201), jmesPath("[*].id").ofList().saveAs("ids"),
                            jmesPath("[*].priority").ofList().saveAs("priorities")))
            .exitHereIfFailed()
            .exec(this::handOverCreated);

    private final ChainBuilder takeACreatedTodo = exec(session -> {
        long[] todo = created.poll();
        return todo == null ? session : session.set("id", todo[0]).set("priority", todo[1]);
    }).exitHereIf(session -> !session.contains("id"));

    {
        double minSuccessPercent = load.percent("minSuccessPercent", 95, 95);
        int maxP95Ms = load.integer("maxP95Ms", 10_000, 10_000, 1, 600_000);
        if (bulk && bursts > 1) {
            throw SettingsException.badValue("poolbench.bursts", bursts, "1 with poolbench.bulk=true "
                    + "(the follow-ups start once every bulk create is answered)");
        }
        noteWhereTheLoadDiffersFromTheSeed();
        load.publish();

        PopulationBuilder population;
        if (bulk) {
            int batches = (users + bulkSize - 1) / bulkSize;
            population = scenario("bulk create: " + users + " todos in " + batches + (batches == 1 ? " request" : " requests"))
                    .exec(bulkCreate).injectOpen(atOnceUsers(batches));
            if (followUps > 0) {
                population = population.andThen(scenario("each created todo's life: get, list, update, delete")
                        .exec(takeACreatedTodo, restOfItsLife).injectOpen(atOnceUsers(followUps)));
            }
        } else {
            population = seedLoadTest.injectOpen(burstsOf(users, bursts, between));
        }
        setUp(population)
                .protocols(api)
                .assertions(
                        global().successfulRequests().percent().gte(minSuccessPercent),
                        global().responseTime().percentile(95.0).lte(maxP95Ms));
    }

    @Override
    public void after() {
        load.publishCounts();
    }

    /** The first {@code followUps} users of each burst take their todo past its create. */
    private boolean followsUp(Session session) {
        return (session.userId() - 1) % users < followUps;
    }

    private String batchOfTodos(Session session) {
        int batch = session.getInt("batch");
        int size = Math.min(bulkSize, users - batch * bulkSize);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append("{\"title\":\"load test todo ").append(batch * bulkSize + i + 1)
                    .append("\",\"description\":\"created in bulk by TodoApiSimulation\",\"priority\":")
                    .append(priority()).append('}');
        }
        return json.append(']').toString();
    }

    /** Queues the todos a bulk create returned for their follow-up users, and counts them as its operations. */
    private Session handOverCreated(Session session) {
        List<Object> ids = session.getList("ids");
        List<Object> priorities = session.getList("priorities");
        for (int i = 0; i < ids.size(); i++) {
            created.add(new long[] {((Number) ids.get(i)).longValue(), ((Number) priorities.get(i)).longValue()});
        }
        load.countOperations(BULK_CREATE, ids.size());
        return session;
    }

    private void noteWhereTheLoadDiffersFromTheSeed() {
        List<String> differences = new ArrayList<>();
        if (users != SEED_USERS) {
            differences.add(users + " users at once, not the seed's " + SEED_USERS);
        }
        if (followUps < users) {
            differences.add("only " + followUps + " of the " + users + " todos go on to get, list, update and delete "
                    + "(the seed: every one)");
        }
        if (bursts > 1) {
            differences.add(bursts + " bursts, " + between.toSeconds() + " s apart (the seed: one)");
        }
        if (!differences.isEmpty()) {
            load.note("differsFromSeed", String.join("; ", differences));
        }
    }

    private static OpenInjectionStep[] burstsOf(int users, int bursts, Duration between) {
        OpenInjectionStep[] steps = new OpenInjectionStep[bursts * 2 - 1];
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
