package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.LatencyProxy;
import dev.poolbench.load.reference.ReferenceStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Seed 004's retry ({@code --retry}, 004_02e627a8f49d242e.txt's {@code handle_database_error}) on both stacks: a call
 * that keeps failing with what the seed catches is tried exactly as many times as promised, counted by the service
 * and seen by the server (or the pool), and the caller then gets the very answer, status and body, it would have had
 * without the retry. Short backoffs (100 ms) keep the tests quick; the seed's is 2 s.
 */
class RetryTest {

    private static final List<String> RETRY = List.of("--retry", "3x100ms");
    private static final List<String> NO_RETRY = List.of("--retry", "off");

    /**
     * The seed's {@code TimeoutError}: the one connection is held by a request the network swallows (the proxy
     * frozen), so every try of the second request waits pool_timeout in vain. The pool counts each wait.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "reference"})
    void aPoolTimeoutIsTriedThreeTimesAndStillAnswersTheSame503(String stack) throws Exception {
        Outcome without = exhaustTheOneConnection(stack, NO_RETRY);
        Outcome with = exhaustTheOneConnection(stack, RETRY);

        assertThat(without.response.status()).isEqualTo(503);
        assertThat(without.response.error()).startsWith(
                "QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.30");
        assertThat(with.response).as("the same status and body as without the retry").isEqualTo(without.response);

        assertThat(retry(without.health)).isEqualTo(counts("off", 2, 2, 0, 1));
        // the frozen request and the timed-out one: 2 calls; the timed-out one tried 3 times
        assertThat(retry(with.health)).isEqualTo(counts("3x100ms", 2, 4, 0, 1));
        assertThat(without.health.getJsonObject("pool").getLong("timeouts")).as("pool timeouts without").isEqualTo(1);
        assertThat(with.health.getJsonObject("pool").getLong("timeouts")).as("pool timeouts with, counted by the pool").isEqualTo(3);
        // three waits of 300 ms and the sleeps between them, 100 ms then 200 ms
        assertThat(with.millis).isGreaterThanOrEqualTo(1_200).isLessThan(10_000);
        assertThat(without.millis).isGreaterThanOrEqualTo(300).isLessThan(with.millis - 800);
    }

    /**
     * The seed's {@code OperationalError} reaching the server: the test locks the todos table, so each try's SELECT
     * waits for the lock in {@code pg_stat_activity}, where the test cancels it (57014, psycopg2's QueryCanceledError,
     * an OperationalError). The server sees as many statements as the service counts tries.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "reference"})
    void aCancelledStatementIsSentThreeTimesAndStillAnswersTheSame500(String stack) throws Exception {
        Outcome without = cancelEveryTry(stack, NO_RETRY);
        Outcome with = cancelEveryTry(stack, RETRY);

        assertThat(without.response.status()).isEqualTo(500);
        assertThat(without.response.error()).contains("canceling statement due to user request");
        assertThat(with.response).as("the same status and body as without the retry").isEqualTo(without.response);

        assertThat(without.serverStatements).as("statements the server saw without the retry").isEqualTo(1);
        assertThat(with.serverStatements).as("statements the server saw with the retry").isEqualTo(3);
        assertThat(retry(without.health)).isEqualTo(counts("off", 1, 1, 0, 1));
        assertThat(retry(with.health)).isEqualTo(counts("3x100ms", 1, 3, 0, 1));
    }

    /** A try that fails and one that then succeeds: the caller gets the todo, the service counts one recovery. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "reference"})
    void aCallThatSucceedsOnItsSecondTryAnswersTheTodo(String stack) throws Exception {
        Outcome with = cancelTries(stack, RETRY, 1);

        assertThat(with.response.status()).isEqualTo(200);
        assertThat(with.response.json().getLong("id")).isEqualTo(1);
        assertThat(with.serverStatements).isEqualTo(2);
        assertThat(retry(with.health)).isEqualTo(counts("3x100ms", 1, 2, 1, 0));
    }

    /** A bad {@code --retry} stops either stack before any database work, in the same one line. */
    @Test
    void aBadRetryIsRefusedInTheSameLineByBothStacks() throws Exception {
        String javaRefusal = catchThrowable(() -> ServiceCommand.parse("--retry", "3")).getMessage();
        ReferenceProcess.assumeAvailable();
        List<String> command = new ArrayList<>(ReferenceStack.launcher());
        command.addAll(List.of("--retry", "3"));
        Process python = new ProcessBuilder(command).start();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(python.exitValue()).isEqualTo(2);
        assertThat(new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo("todo-service: " + javaRefusal)
                .isEqualTo("todo-service: --retry = '3' is not accepted: off, or TRIESxBACKOFF with 2 to 10 tries and a "
                        + "backoff such as 250ms or 2s, e.g. 3x2s (seed 004: 3 tries, sleeping 2s then 4s)");
    }

    private record Outcome(Http.Response response, long millis, JsonObject health, int serverStatements) {
    }

    private static Outcome exhaustTheOneConnection(String stack, List<String> retry) throws Exception {
        try (Database network = TestDatabase.get().throughProxy(Duration.ZERO, false);
             Started service = start(stack, network, flags(retry, "--pool-size", "1", "--max-overflow", "0",
                     "--pool-timeout", "300ms"))) {
            assertThat(service.http().get("/api/todo/1").status()).as("works before the stall").isEqualTo(200);
            JsonObject before = retry(service.http().get("/api/health/pool").json());
            LatencyProxy proxy = network.proxy().orElseThrow();
            proxy.freeze();
            Http.Response timedOut;
            long millis;
            CompletableFuture<Http.Response> held;
            try {
                held = service.http().getAsync("/api/todo/1");
                Thread.sleep(150);
                long started = System.nanoTime();
                timedOut = service.http().getAsync("/api/todo/2").get(30, TimeUnit.SECONDS);
                millis = (System.nanoTime() - started) / 1_000_000;
            } finally {
                proxy.unfreeze();
            }
            assertThat(held.get(30, TimeUnit.SECONDS).status()).as("the request the stall held").isEqualTo(200);
            JsonObject health = service.http().get("/api/health/pool").json();
            return new Outcome(timedOut, millis, since(health, before), 0);
        }
    }

    private static Outcome cancelEveryTry(String stack, List<String> retry) throws Exception {
        return cancelTries(stack, retry, Integer.MAX_VALUE);
    }

    /** GET /api/todo/1 while the table is locked; the first {@code cancels} tries are cancelled, then the lock goes. */
    private static Outcome cancelTries(String stack, List<String> retry, int cancels) throws Exception {
        Database database = TestDatabase.get();
        try (Started service = start(stack, database, flags(retry));
             Connection locker = database.connections("pb-test-locker").open();
             Connection watcher = database.connections("pb-test-watcher").open()) {
            assertThat(service.http().get("/api/todo/1").status()).as("works before the lock").isEqualTo(200);
            JsonObject before = retry(service.http().get("/api/health/pool").json());
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE poolbench.todos IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Http.Response> answer = service.http().getAsync("/api/todo/1");
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!answer.isDone() && System.nanoTime() < deadline) {
                for (String statement : waitingForTheLock(watcher, service.applicationName())) {
                    if (seen.add(statement)) {
                        if (seen.size() > cancels) {
                            locker.rollback();
                        } else {
                            cancel(watcher, Integer.parseInt(statement.substring(0, statement.indexOf('@'))));
                        }
                    }
                }
                Thread.sleep(10);
            }
            locker.rollback();
            Http.Response response = answer.get(30, TimeUnit.SECONDS);
            JsonObject health = service.http().get("/api/health/pool").json();
            return new Outcome(response, 0, since(health, before), seen.size());
        }
    }

    /** "pid@query_start" of each of the service's statements waiting for a lock: one per statement the server got. */
    private static List<String> waitingForTheLock(Connection watcher, String applicationName) throws Exception {
        try (PreparedStatement ps = watcher.prepareStatement("SELECT pid, query_start FROM pg_stat_activity "
                + "WHERE application_name = ? AND wait_event_type = 'Lock' AND state = 'active'")) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> statements = new ArrayList<>();
                while (rs.next()) {
                    statements.add(rs.getInt(1) + "@" + rs.getString(2));
                }
                return statements;
            }
        }
    }

    private static void cancel(Connection watcher, int pid) throws Exception {
        try (PreparedStatement ps = watcher.prepareStatement("SELECT pg_cancel_backend(?)")) {
            ps.setInt(1, pid);
            ps.execute();
        }
    }

    private static List<String> flags(List<String> retry, String... more) {
        List<String> flags = new ArrayList<>(List.of("--execution", "worker"));
        flags.addAll(retry);
        flags.addAll(List.of(more));
        return flags;
    }

    private static JsonObject counts(String policy, long calls, long attempts, long recovered, long exhausted) {
        return new JsonObject().put("policy", policy).put("calls", calls).put("attempts", attempts)
                .put("recovered", recovered).put("exhausted", exhausted);
    }

    private static JsonObject retry(JsonObject health) {
        return health.getJsonObject("retry");
    }

    /** The health snapshot with its retry counts made relative to {@code before} (the warm-up request's). */
    private static JsonObject since(JsonObject health, JsonObject before) {
        JsonObject now = health.getJsonObject("retry");
        JsonObject delta = new JsonObject().put("policy", now.getString("policy"));
        for (String count : List.of("calls", "attempts", "recovered", "exhausted")) {
            delta.put(count, now.getLong(count) - before.getLong(count));
        }
        return health.copy().put("retry", delta);
    }

    /** The Java service in this JVM, or the reference stack as a child process, started with the same flags. */
    private interface Started extends AutoCloseable {
        Http http();

        String applicationName();

        @Override
        void close();
    }

    private static Started start(String stack, Database database, List<String> flags) throws Exception {
        if (stack.equals("reference")) {
            ReferenceProcess.assumeAvailable();
            ReferenceProcess reference = ReferenceProcess.start(database, 10, flags);
            return new Started() {
                public Http http() {
                    return reference.http;
                }

                public String applicationName() {
                    return reference.applicationName;
                }

                public void close() {
                    reference.close();
                }
            };
        }
        RunningService running = RunningService.start(ServiceCommand.parse(flags.toArray(String[]::new)).options(), 10, database);
        return new Started() {
            public Http http() {
                return running.http;
            }

            public String applicationName() {
                return running.options.applicationName();
            }

            public void close() {
                running.close();
            }
        };
    }
}
