package dev.poolbench.core.workload;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.todo.TodoSchema;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TODO mixes against a real PostgreSQL: their seeded rows, their writes, and a refusal reported by statement. */
class TodoMixTest {

    @Test
    void prepareSeedsTheRowsAndTheWriteHeavyMixAddsSome() throws SQLException {
        PhysicalConnections connections = TestDatabase.freshConnections("todo-mix");
        TodoMix mix = TodoMix.writeHeavy();
        mix.prepare(connections);
        TodoSchema todos = new TodoSchema(connections);
        assertThat(todos.count()).isEqualTo(TodoMix.ROWS);

        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            mix.call(connections, random);
        }

        // 35% of 200 calls insert: some rows were added, at most one per call
        assertThat(todos.count()).isBetween(TodoMix.ROWS + 1L, TodoMix.ROWS + 200L);
        assertThat(connections.opened()).isEqualTo(connections.closed());
        TodoMix.readHeavy().prepare(connections);
        assertThat(todos.count()).isEqualTo(TodoMix.ROWS);
    }

    @Test
    void aStatementTheServerRefusesIsAStatementFailureWithItsTextAndTheServersMessage() throws SQLException {
        PhysicalConnections connections = TestDatabase.freshConnections("todo-mix-refused");
        TodoMix.readHeavy().prepare(connections);
        try (Connection c = connections.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + TodoSchema.TABLE + " RENAME TO todos_away");
        }
        try {
            assertThatThrownBy(() -> TodoMix.readHeavy().call(connections, new SplittableRandom(1)))
                    .isInstanceOfSatisfying(StatementFailure.class, f -> {
                        assertThat(f.statement()).contains(TodoSchema.TABLE);
                        assertThat(f.serverMessage()).contains("relation \"poolbench.todos\" does not exist");
                    });
        } finally {
            try (Connection c = connections.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE poolbench.todos_away RENAME TO todos");
            }
        }
    }
}
