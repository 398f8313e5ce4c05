package dev.poolbench.core.todo;

import dev.poolbench.core.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class TodoSchemaTest {

    @Test
    void switchesTheSeedsIndexesOnAndOff() throws SQLException {
        TodoSchema schema = TestDatabase.emptyTodos();

        schema.setIndexes(true);
        assertThat(schema.indexes()).containsExactly("idx_todos_completed", "idx_todos_completed_priority",
                "idx_todos_created_at", "idx_todos_priority");

        schema.setIndexes(false);
        assertThat(schema.indexes()).isEmpty();
    }

    @Test
    void seedsTheRowsItIsAskedForWithEveryPriorityAndBothStates() throws SQLException {
        TodoSchema schema = TestDatabase.emptyTodos();

        schema.seed(20_000, 42);

        assertThat(schema.count()).isEqualTo(20_000);
        assertThat(schema.isSeededWith(20_000)).isTrue();
        assertThat(schema.isSeededWith(10_000)).isFalse();
        try (Connection c = TestDatabase.get().connect("pb-test-seed"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(DISTINCT priority), min(priority), max(priority),"
                     + " round(avg(completed::int), 1), count(*) FILTER (WHERE due_date IS NULL) > 0,"
                     + " (SELECT reltuples FROM pg_class WHERE oid = 'poolbench.todos'::regclass)"
                     + " FROM poolbench.todos")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.getInt(3)).isEqualTo(5);
            assertThat(rs.getDouble(4)).isEqualTo(0.3);
            assertThat(rs.getBoolean(5)).isTrue();
            assertThat(rs.getDouble(6)).as("ANALYZE ran").isEqualTo(20_000);
        }
    }

    @Test
    void aSeededTableStopsCountingAsSeededOnceAnythingElseIsWritten() throws SQLException {
        TodoSchema schema = TestDatabase.emptyTodos();
        schema.seed(100, 1);
        assertThat(schema.isSeededWith(100)).isTrue();

        new TodoRepository(TestDatabase.get().connections("pb-test-seed")).insert(NewTodo.titled("extra"));

        assertThat(schema.isSeededWith(100)).isFalse();
        schema.reset();
        assertThat(schema.isSeededWith(0)).isFalse();
    }
}
