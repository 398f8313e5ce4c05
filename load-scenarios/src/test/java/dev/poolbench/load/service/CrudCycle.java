package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.todo.TodoSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's test script in one pass, checked over HTTP and in the table itself: create, get, list
 * filtered, update, get again, delete, get a 404; then a bulk create of three.
 */
final class CrudCycle {

    private CrudCycle() {
    }

    static void run(RunningService running) throws SQLException {
        run(running.http);
    }

    /** The cycle against any service speaking the API, the reference stack's too. */
    static void run(Http http) throws SQLException {

        Http.Response created = http.post("/api/todo",
                "{\"title\":\"Write the pool report\",\"description\":\"for seed 001\",\"priority\":5,\"due_date\":\"2026-12-24\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonObject todo = created.json();
        long id = todo.getLong("id");
        assertThat(todo.getString("title")).isEqualTo("Write the pool report");
        assertThat(todo.getInteger("priority")).isEqualTo(5);
        assertThat(todo.getString("due_date")).isEqualTo("2026-12-24");
        assertThat(todo.getBoolean("completed")).isFalse();
        assertThat(row(id)).isEqualTo("Write the pool report|5|false");

        Http.Response fetched = http.get("/api/todo/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(todo);

        JsonArray open = http.get("/api/todo?completed=false&priority=5&limit=10").array();
        assertThat(open.size()).isBetween(1, 10);
        assertThat(open.getJsonObject(0).getLong("id")).as("newest first").isEqualTo(id);
        for (int i = 0; i < open.size(); i++) {
            assertThat(open.getJsonObject(i).getInteger("priority")).isEqualTo(5);
            assertThat(open.getJsonObject(i).getBoolean("completed")).isFalse();
        }

        Http.Response updated = http.put("/api/todo/" + id, "{\"completed\":true,\"title\":\"Pool report written\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().getBoolean("completed")).isTrue();
        assertThat(updated.json().getString("title")).isEqualTo("Pool report written");
        assertThat(updated.json().getString("description")).as("untouched fields stay").isEqualTo("for seed 001");
        assertThat(row(id)).isEqualTo("Pool report written|5|true");
        assertThat(http.get("/api/todo/" + id).json().getBoolean("completed")).isTrue();
        assertThat(http.get("/api/todo?completed=false&priority=5&limit=1000").array().stream()
                .map(o -> ((JsonObject) o).getLong("id"))).doesNotContain(id);

        assertThat(http.delete("/api/todo/" + id).status()).isEqualTo(204);
        assertThat(row(id)).isNull();
        Http.Response gone = http.get("/api/todo/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error()).isEqualTo("todo " + id + " not found");

        Http.Response bulk = http.post("/api/todo/bulk",
                "[{\"title\":\"bulk one\"},{\"title\":\"bulk two\",\"priority\":1},{\"title\":\"bulk three\",\"due_date\":null}]");
        assertThat(bulk.status()).isEqualTo(201);
        JsonArray rows = bulk.array();
        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.getJsonObject(0).getString("title")).isEqualTo("bulk one");
        assertThat(rows.getJsonObject(0).getInteger("priority")).as("default priority").isEqualTo(3);
        assertThat(rows.getJsonObject(1).getInteger("priority")).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(row(rows.getJsonObject(i).getLong("id"))).startsWith(rows.getJsonObject(i).getString("title") + "|");
        }
    }

    /** "title|priority|completed" of the row with {@code id}, read straight from the table; null when absent. */
    static String row(long id) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-check");
             PreparedStatement ps = c.prepareStatement("SELECT title, priority, completed FROM " + TodoSchema.TABLE + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getBoolean(3) : null;
            }
        }
    }
}
