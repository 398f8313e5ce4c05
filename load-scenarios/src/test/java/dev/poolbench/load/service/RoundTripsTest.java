package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.LatencyProxy;
import dev.poolbench.core.db.RoundTrips;
import dev.poolbench.core.todo.Transactions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database round trips per HTTP request, measured at the latency proxy, for both stacks in every seed
 * configuration (issue 17's main cause of disagreement): the reference service starts with
 * {@code --configuration NAME}, the Java service with the settings the reference reports for itself. Requests go
 * one at a time after a warm-up, so each figure is one request's own conversation with the database.
 *
 * <p>What the figures say: pgjdbc sends each statement as one autocommit exchange; psycopg2 under a SQLAlchemy
 * session sends BEGIN, the statement, and COMMIT (or ROLLBACK when the session closes after a read), three.
 * Pre-ping adds one to both; a new connection per request (NullPool) adds the connection's startup. The Java
 * service in {@code --transactions session} (what the seeds' configurations ask for) makes the reference stack's
 * round trips, within 0.2 a request, in every configuration and for every operation, connection set-up included.
 *
 * <p>A new connection: the last column, measured with a burst that makes the pool open connections, is what each
 * one costs beyond a warm request. In phase 2 and 3 the reference's asyncpg takes 10 (an SSLRequest, the startup,
 * SQLAlchemy's json and jsonb codec introspection with its prepares and closes, the first statement's prepare, less
 * the pre-ping SQLAlchemy skips on a fresh connection); vertx-pg-client as it is takes 4, which is why the claims'
 * load runs, which open dozens of connections, found the Java service ~0.9 round trips a request short in phase 2.
 * In session style the Java service makes the same exchanges ({@code store.AsyncpgSession}).
 * The table goes to stdout and to {@code target/round-trips.md}.
 */
class RoundTripsTest {

    private static final int ROWS = 200;
    private static final int REQUESTS = 10;
    /** Requests sent at once to make the pool open connections: more than one request's worth of them. */
    private static final int BURST = 16;
    /** Where each burst's GETs start: rows the other requests leave alone (120-135, 154-169, 170-185). */
    private static final int[] BURST_ROWS = {120, 154, 170};
    /** How far the Java service in session style may be from the reference stack, in round trips per request. */
    static final double SAME_ROUND_TRIPS = 0.2;
    static final List<String> OPERATIONS = List.of("GET /api/todo/{id}", "the same GET again", "POST /api/todo",
            "PUT /api/todo/{id}", "DELETE /api/todo/{id}", "GET /api/todo (list)", "POST /api/todo/bulk (10)",
            "a new connection, beyond a warm GET (" + BURST + " GETs at once)");
    private static final int NEW_CONNECTION = 7;

    private static final Map<String, Map<String, double[]>> TABLE = new LinkedHashMap<>();
    private static Database network;

    @BeforeAll
    static void throughTheProxy() {
        ReferenceProcess.assumeAvailable();
        network = TestDatabase.get().throughProxy(Duration.ZERO, false);
    }

    @AfterAll
    static void writeTheTable() throws IOException {
        if (network != null) {
            network.close();
        }
        StringBuilder table = new StringBuilder("| configuration | stack |");
        OPERATIONS.forEach(op -> table.append(' ').append(op).append(" |"));
        table.append("\n|---|---|").append("---:|".repeat(OPERATIONS.size())).append('\n');
        TABLE.forEach((configuration, stacks) -> stacks.forEach((stack, figures) -> {
            table.append("| ").append(configuration).append(" | ").append(stack).append(" |");
            for (double figure : figures) {
                table.append(' ').append(figure == Math.rint(figure) ? String.valueOf((long) figure)
                        : String.format(java.util.Locale.ROOT, "%.1f", figure)).append(" |");
            }
            table.append('\n');
        }));
        System.out.println("database round trips per request, " + REQUESTS + " requests each, one at a time:\n" + table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "round-trips.md"), table);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"baseline", "phase1", "phase2", "phase2-worker", "phase3", "seed000-null", "seed000-static",
            "seed000-queue-2+1", "seed000-queue-10+20", "seed003", "seed004", "seed002-jit-on", "seed002-jit-off"})
    void roundTripsPerRequestOfBothStacks(String configuration) throws Exception {
        LatencyProxy proxy = network.proxy().orElseThrow();
        double[] python;
        JsonObject service;
        try (ReferenceProcess reference = ReferenceProcess.start(network, ROWS, List.of("--configuration", configuration))) {
            service = reference.http.get("/api/health/pool").json().getJsonObject("service");
            python = measure(reference.http, proxy);
        }
        ServiceOptions options = ServiceCommand.parse(asFlags(service).toArray(String[]::new)).options()
                .withConfiguration(configuration);
        assertThat(options.transactions()).as("the reference stack's own style").isEqualTo(Transactions.SESSION);
        double[] java;
        try (RunningService running = RunningService.start(options.withTransactions(Transactions.AUTOCOMMIT), ROWS, network)) {
            java = measure(running.http, proxy);
        }
        double[] javaSession;
        try (RunningService running = RunningService.start(options, ROWS, network)) {
            javaSession = measure(running.http, proxy);
        }
        String driver = options.execution() == Execution.REACTIVE ? "vertx-pg-client" : "pgjdbc";
        Map<String, double[]> row = new LinkedHashMap<>();
        row.put("Java (Vert.x + " + driver + "), autocommit", java);
        row.put("Java (Vert.x + " + driver + "), session", javaSession);
        row.put("Python (FastAPI + SQLAlchemy + " + (service.getString("execution").equals("reactive") ? "asyncpg" : "psycopg2") + ")", python);
        TABLE.put(configuration, row);

        boolean prePing = service.getBoolean("prePing");
        boolean newConnectionEachTime = service.getString("pool").equals("none");
        if (!newConnectionEachTime) {
            int ping = prePing ? 1 : 0;
            assertThat(java[2]).as("Java: one autocommit INSERT ... RETURNING (+ pre-ping)").isEqualTo(1 + ping);
            assertThat(python[2]).as("Python: BEGIN, INSERT ... RETURNING, COMMIT (+ pre-ping)").isEqualTo(3 + ping);
            assertThat(python[5]).as("Python: BEGIN, SELECT, ROLLBACK at session close (+ pre-ping)").isEqualTo(3 + ping);
        }
        if (service.getLong("cacheTtlMs") > 0) {
            assertThat(java[1]).as("Java: read from the cache").isZero();
            assertThat(python[1]).as("Python: read from the cache").isZero();
        }
        for (int i = 0; i < OPERATIONS.size(); i++) {
            if (i != NEW_CONNECTION) {
                // a statement's transaction, not a connection's set-up (pgjdbc's takes a round trip more than psycopg2's)
                assertThat(python[i]).as(OPERATIONS.get(i) + ": the reference stack never takes fewer round trips than autocommit")
                        .isGreaterThanOrEqualTo(java[i]);
            }
            assertThat(javaSession[i]).as(OPERATIONS.get(i) + ": the Java service in session style makes the reference's round trips")
                    .isCloseTo(python[i], org.assertj.core.data.Offset.offset(SAME_ROUND_TRIPS));
        }
    }

    /**
     * Round trips per request of each operation: the proxy's exchanges over {@value #REQUESTS} requests, after the
     * same requests on other rows have warmed up (the pool's connections open, SQLAlchemy has met the server,
     * asyncpg and vertx-pg-client have prepared each statement once).
     */
    private static double[] measure(Http http, LatencyProxy proxy) {
        List<IntFunction<Http.Response>> operations = new ArrayList<>();
        operations.add(i -> http.get("/api/todo/" + (11 + i)));
        operations.add(i -> http.get("/api/todo/" + (11 + i)));
        operations.add(i -> http.post("/api/todo", "{\"title\":\"round trip " + i + "\",\"priority\":2}"));
        operations.add(i -> http.put("/api/todo/" + (31 + i), "{\"completed\":true}"));
        operations.add(i -> http.delete("/api/todo/" + (51 + i)));
        operations.add(i -> http.get("/api/todo?completed=false&limit=20"));
        operations.add(i -> http.post("/api/todo/bulk", bulk(10)));
        for (IntFunction<Http.Response> operation : operations) {
            // ids 100 above the measured ones: seeded rows the measured requests leave alone
            for (int i = 100; i < 103; i++) {
                operation.apply(i);
            }
        }
        double[] perRequest = new double[OPERATIONS.size()];
        for (int op = 0; op < operations.size(); op++) {
            RoundTrips before = proxy.roundTrips();
            for (int i = 0; i < REQUESTS; i++) {
                Http.Response response = operations.get(op).apply(i);
                assertThat(response.status()).as(OPERATIONS.get(op) + ": " + response.body()).isBetween(200, 204);
            }
            perRequest[op] = (double) proxy.roundTrips().since(before).exchanges() / REQUESTS;
        }
        perRequest[NEW_CONNECTION] = newConnection(http, proxy, perRequest[0]);
        return perRequest;
    }

    /**
     * What a connection the pool opens costs beyond its first request's statements: {@value #BURST} GETs at once on
     * a service whose pool holds one warm connection, the proxy's exchanges less {@code warmGet} each, per connection
     * the pool reports opened (its own figure: a connection may take more than one TCP connection to open). The
     * claims' load runs open dozens of connections in their first second; this is where the stacks' connection
     * set-up differs, which one request at a time never shows.
     */
    private static double newConnection(Http http, LatencyProxy proxy, double warmGet) {
        // with no added round trip a quick service can answer a whole burst on its one warm connection: burst again,
        // on other rows, until the pool opens one, as the figure is per connection opened
        for (int firstRow : BURST_ROWS) {
            long openedBefore = opened(http);
            RoundTrips before = proxy.roundTrips();
            List<CompletableFuture<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                answers.add(http.getAsync("/api/todo/" + (firstRow + i)));
            }
            answers.forEach(answer -> assertThat(answer.join().status()).isEqualTo(200));
            long exchanges = proxy.roundTrips().since(before).exchanges();
            long opened = opened(http) - openedBefore;
            if (opened > 0) {
                return (exchanges - warmGet * BURST) / opened;
            }
        }
        // none opened in every burst: the configuration serves one request at a time (sync calls on the event
        // loop) or has one connection (StaticPool); nothing to count
        return 0;
    }

    private static long opened(Http http) {
        return http.get("/api/health/pool").json().getJsonObject("pool").getLong("opened");
    }

    private static String bulk(int todos) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < todos; i++) {
            body.append(i == 0 ? "" : ",").append("{\"title\":\"bulk ").append(i).append("\"}");
        }
        return body.append(']').toString();
    }

    /** The Java service's flags for the configuration the reference reports ({@code service} of /api/health/pool). */
    private static List<String> asFlags(JsonObject service) {
        return List.of("--pool", service.getString("pool"),
                "--pool-size", service.getInteger("poolSize").toString(),
                "--max-overflow", service.getInteger("maxOverflow").toString(),
                "--pool-timeout", service.getLong("poolTimeoutMs") + "ms",
                "--recycle", service.getLong("recycleMs") + "ms",
                "--pre-ping", service.getBoolean("prePing").toString(),
                "--indexes", service.getString("indexes"),
                "--cache-ttl", service.getLong("cacheTtlMs") + "ms",
                "--jit", service.getString("jit"),
                "--execution", service.getString("execution"),
                "--transactions", service.getString("transactions"));
    }
}
