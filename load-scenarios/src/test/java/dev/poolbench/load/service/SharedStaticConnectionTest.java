package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.todo.TodoSchema;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on {@code --pool static} (seed 000's StaticPool): every request shares the one JDBC connection at
 * once. Requests that are one autocommit statement each (create, get, list, update, delete) stay correct, only
 * take turns; the bulk create is the one request that opens a transaction, and it shares that transaction with
 * whatever runs beside it, so its answer (201 or 500) and what the table holds can disagree.
 */
class SharedStaticConnectionTest {

    private static ServiceOptions shared() {
        return RunningService.options(Execution.WORKER).withPool(PoolSettings.of(PoolStrategy.STATIC));
    }

    @Test
    void concurrentSingleStatementRequestsTakeTurnsAndEveryCreateIsKept() throws Exception {
        try (RunningService running = RunningService.start(shared(), 10)) {
            List<CompletableFuture<Http.Response>> creates = new ArrayList<>();
            List<CompletableFuture<Http.Response>> reads = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                creates.add(running.http.sendAsync("POST", "/api/todo", "{\"title\":\"shared " + i + "\"}"));
                reads.add(running.http.getAsync("/api/todo/" + (i % 10 + 1)));
            }
            List<Long> ids = new ArrayList<>();
            for (CompletableFuture<Http.Response> create : creates) {
                Http.Response response = create.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).isEqualTo(201);
                ids.add(response.json().getLong("id"));
            }
            for (CompletableFuture<Http.Response> read : reads) {
                assertThat(read.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            }

            assertThat(stored(ids)).isEqualTo(60);
            JsonObject health = running.http.get("/api/health/pool").json();
            assertThat(health.getJsonObject("server").getInteger("total")).isEqualTo(1);
            assertThat(health.getJsonObject("pool").getLong("opened")).isEqualTo(1);
        }
    }

    @Test
    void concurrentBulkCreatesShareOneTransactionSoTheAnswersAndTheTableDisagree() throws Exception {
        try (RunningService running = RunningService.start(shared(), 10)) {
            List<String> disagreements = new ArrayList<>();
            for (int round = 0; round < 10 && disagreements.isEmpty(); round++) {
                List<CompletableFuture<Http.Response>> bulks = new ArrayList<>();
                List<CompletableFuture<Http.Response>> reads = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    bulks.add(running.http.sendAsync("POST", "/api/todo/bulk", bulkOf(20, tag(round, i))));
                    for (int j = 0; j < 6; j++) {
                        reads.add(running.http.getAsync("/api/todo/" + (j + 1)));
                    }
                }
                for (CompletableFuture<Http.Response> read : reads) {
                    assertThat(read.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
                }
                for (int i = 0; i < bulks.size(); i++) {
                    int status = bulks.get(i).get(60, TimeUnit.SECONDS).status();
                    long rows = storedTitled("bulk " + tag(round, i) + ".");
                    if ((status == 201 && rows < 20) || (status != 201 && rows > 0)) {
                        disagreements.add("answered " + status + ", " + rows + " of 20 rows in the table");
                    }
                }
            }

            // a request's rollback or return (reset on return) ends another's transaction, and JDBC's
            // setAutoCommit(true) at the end of one bulk commits another's half-done one under it
            assertThat(disagreements).as("bulk creates whose answer the table contradicts").isNotEmpty();
        }
    }

    private static String tag(int round, int request) {
        return round + "." + request;
    }

    private static String bulkOf(int n, String tag) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append("{\"title\":\"bulk ").append(tag).append('.').append(i).append("\"}");
        }
        return body.append(']').toString();
    }

    private static long storedTitled(String prefix) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-admin");
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + TodoSchema.TABLE + " WHERE title LIKE ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many of {@code ids} the table holds. */
    private static long stored(List<Long> ids) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-admin");
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + TodoSchema.TABLE + " WHERE id = ANY (?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
