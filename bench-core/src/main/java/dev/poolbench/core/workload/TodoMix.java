package dev.poolbench.core.workload;

import dev.poolbench.core.todo.TodoChanges;
import dev.poolbench.core.todo.TodoGenerator;
import dev.poolbench.core.todo.TodoRepository;
import dev.poolbench.core.todo.TodoSchema;
import dev.poolbench.core.todo.TodoSql;
import org.postgresql.util.PSQLException;

import java.sql.SQLException;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * A mix of the TODO workload's calls, each one borrow of the pool: find a todo by id, insert one, or change one's
 * priority, in fixed shares. The rows live in the harness's own schema ({@link TodoSchema}); {@link #prepare} empties
 * the table and seeds {@link #ROWS} rows, so a find always hits and an update always finds its row.
 */
public final class TodoMix implements Workload {

    /** Rows seeded before the calls: a table that fits in shared_buffers, so the mix measures pool and network. */
    public static final int ROWS = 10_000;

    private final String name;
    private final int findPercent;
    private final int insertPercent;

    private TodoMix(String name, int findPercent, int insertPercent) {
        this.name = name;
        this.findPercent = findPercent;
        this.insertPercent = insertPercent;
    }

    /** 90% find by id, 10% insert: a typical web page read path. */
    public static TodoMix readHeavy() {
        return new TodoMix("todo-read-heavy", 90, 10);
    }

    /** 30% find by id, 35% insert, 35% update: an ingest path, where every write waits for its commit. */
    public static TodoMix writeHeavy() {
        return new TodoMix("todo-write-heavy", 30, 35);
    }

    @Override
    public String name() {
        return name;
    }

    /** The shares as a report shows them: "90% find, 10% insert, 0% update". */
    public String shares() {
        return findPercent + "% find, " + insertPercent + "% insert, " + (100 - findPercent - insertPercent) + "% update";
    }

    @Override
    public void prepare(DataSource dataSource) throws SQLException {
        TodoSchema schema = new TodoSchema(dataSource).create();
        schema.reset();
        schema.seed(ROWS, 42);
    }

    @Override
    public void call(DataSource dataSource, SplittableRandom random) throws SQLException {
        TodoRepository todos = new TodoRepository(dataSource);
        int dice = random.nextInt(100);
        long id = random.nextLong(1, ROWS + 1);
        if (dice < findPercent) {
            refusedAs(TodoSql.FIND.jdbc(), () -> todos.find(id));
        } else if (dice < findPercent + insertPercent) {
            refusedAs(TodoSql.INSERT_RETURNING.jdbc(), () -> todos.insert(new TodoGenerator(random.nextLong()).next((int) id)));
        } else {
            TodoChanges changes = TodoChanges.none().priority(1 + random.nextInt(5));
            refusedAs(TodoSql.update(id, changes).jdbc(), () -> todos.update(id, changes));
        }
    }

    private interface Statement {
        Object run() throws SQLException;
    }

    /** A refusal by the server (it sent an error message) is a {@link StatementFailure}; pool and I/O errors are not. */
    private static void refusedAs(String sql, Statement statement) throws SQLException {
        try {
            statement.run();
        } catch (PSQLException e) {
            if (e.getServerErrorMessage() != null) {
                throw new StatementFailure(sql, e);
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return name + " (" + shares() + ")";
    }
}
