package dev.poolbench.core.todo;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.pool.Pools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TodoRepositoryTest {

    private TodoSchema schema;
    private ConnectionPool pool;
    private TodoRepository todos;

    @BeforeEach
    void emptyTable() throws SQLException {
        schema = TestDatabase.emptyTodos();
        pool = Pools.create(PoolSettings.of(PoolStrategy.QUEUE), TestDatabase.freshConnections("repo"));
        todos = new TodoRepository(pool.dataSource());
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void theFullCrudCycle() throws SQLException {
        Todo created = todos.insert(new NewTodo("Write the report", "with error bars", 2, LocalDate.of(2026, 12, 1)));

        assertThat(created.id()).isEqualTo(1);
        assertThat(created.title()).isEqualTo("Write the report");
        assertThat(created.priority()).isEqualTo(2);
        assertThat(created.dueDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(created.completed()).isFalse();
        assertThat(created.createdAt()).isNotNull();
        assertThat(todos.find(created.id())).contains(created);

        Todo updated = todos.update(created.id(), TodoChanges.none().completed(true).priority(5)).orElseThrow();
        assertThat(updated.completed()).isTrue();
        assertThat(updated.priority()).isEqualTo(5);
        assertThat(updated.title()).isEqualTo("Write the report");

        assertThat(todos.delete(created.id())).isTrue();
        assertThat(todos.delete(created.id())).isFalse();
        assertThat(todos.find(created.id())).isEmpty();
        assertThat(todos.update(created.id(), TodoChanges.none().title("gone"))).isEmpty();
    }

    @Test
    void listFiltersByCompletedAndPriorityNewestFirst() throws SQLException {
        for (int i = 1; i <= 6; i++) {
            Todo t = todos.insert(new NewTodo("todo " + i, null, i % 2 == 0 ? 1 : 4, null));
            if (i <= 3) {
                todos.update(t.id(), TodoChanges.none().completed(true));
            }
        }

        assertThat(titles(todos.list(TodoFilter.all()))).containsExactly("todo 6", "todo 5", "todo 4", "todo 3", "todo 2", "todo 1");
        assertThat(titles(todos.list(TodoFilter.of(true, null, 50, 0)))).containsExactly("todo 3", "todo 2", "todo 1");
        assertThat(titles(todos.list(TodoFilter.of(false, 1, 50, 0)))).containsExactly("todo 6", "todo 4");
        assertThat(titles(todos.list(TodoFilter.of(null, 4, 2, 1)))).containsExactly("todo 3", "todo 1");
    }

    @Test
    void theTableRefusesWhatTheServiceMustRefuse() {
        assertThatThrownBy(() -> todos.insert(new NewTodo("x".repeat(256), null, 3, null)))
                .isInstanceOf(SQLException.class).hasMessageContaining("value too long");
        assertThatThrownBy(() -> todos.insert(new NewTodo("bad priority", null, 6, null)))
                .isInstanceOf(SQLException.class).hasMessageContaining("todos_priority_check");
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"SINGLE,1", "SINGLE,100", "BATCH,1", "BATCH,1000", "MULTIROW,1", "MULTIROW,1000", "MULTIROW,12000",
            "COPY,1", "COPY,1000"})
    void everyInsertModeWritesExactlyTheRowsItWasGiven(InsertMode mode, int rows) throws SQLException {
        List<NewTodo> batch = awkwardTodos(rows);

        assertThat(todos.insertAll(batch, mode)).isEqualTo(rows);

        assertThat(schema.count()).isEqualTo(rows);
        assertThat(storedTitlesAndDescriptions()).containsExactlyInAnyOrderElementsOf(titlesAndDescriptions(batch));
    }

    @Test
    void batchWithPgjdbcRewriteWritesTheSameRows() throws SQLException {
        PhysicalConnections rewriting = TestDatabase.freshConnections("rewrite").with(Map.of("reWriteBatchedInserts", "true"));
        try (ConnectionPool rewritePool = Pools.create(PoolSettings.of(PoolStrategy.QUEUE), rewriting)) {
            List<NewTodo> batch = awkwardTodos(500);

            assertThat(new TodoRepository(rewritePool.dataSource()).insertAll(batch, InsertMode.BATCH)).isEqualTo(500);
            assertThat(storedTitlesAndDescriptions()).containsExactlyInAnyOrderElementsOf(titlesAndDescriptions(batch));
        }
    }

    @Test
    void aFailingBulkInsertWritesNothing() throws SQLException {
        List<NewTodo> batch = new ArrayList<>(awkwardTodos(10));
        batch.add(new NewTodo("priority out of range", null, 9, null));

        for (InsertMode mode : InsertMode.values()) {
            assertThatThrownBy(() -> todos.insertAll(batch, mode)).as(mode.spelling()).isInstanceOf(SQLException.class);
        }
        assertThat(schema.count()).isZero();
        assertThat(pool.stats().active()).isZero();
    }

    @Test
    void theBulkEndpointReturnsEveryCreatedRow() throws SQLException {
        List<Todo> created = todos.insertAllReturning(awkwardTodos(200));

        assertThat(created).hasSize(200);
        assertThat(created).extracting(Todo::id).doesNotHaveDuplicates();
        assertThat(todos.find(created.get(199).id())).contains(created.get(199));
    }

    /** Titles with the characters CSV and SQL care about, so COPY's quoting is really exercised. */
    private static List<NewTodo> awkwardTodos(int rows) {
        String[] awkward = {"plain", "with, comma", "with \"quotes\"", "multi\nline", "tab\there", "back\\slash", "ünïcødé ✓", ""};
        List<NewTodo> list = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String description = i % 3 == 0 ? null : "d" + i + " " + awkward[(i + 3) % awkward.length];
            list.add(new NewTodo("t" + i + " " + awkward[i % awkward.length], description, 1 + i % 5,
                    i % 2 == 0 ? null : LocalDate.of(2026, 1, 1).plusDays(i % 300)));
        }
        return list;
    }

    private static List<String> titles(List<Todo> list) {
        return list.stream().map(Todo::title).toList();
    }

    private static List<String> titlesAndDescriptions(List<NewTodo> list) {
        return list.stream().map(t -> t.title() + "|" + t.description() + "|" + t.priority() + "|" + t.dueDate()).toList();
    }

    private List<String> storedTitlesAndDescriptions() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.get().connect("pb-test-repo"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT title, description, priority, due_date FROM poolbench.todos")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3) + "|"
                        + (rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate()));
            }
        }
        return rows;
    }
}
