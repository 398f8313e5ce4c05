package dev.poolbench.pools;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.todo.TodoSchema;
import dev.poolbench.pools.runner.DatabaseHandoff;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.SQLException;
import java.util.Map;

/**
 * The real PostgreSQL of one fork. Under poolbench's runner ({@code benchmarks.jar}) every fork uses
 * the one database the runner started and handed over; run under plain JMH, a fork provisions its
 * own from {@code bench.db} (auto | testcontainers | embedded | external).
 */
@State(Scope.Benchmark)
public class BenchDatabase {

    static final String APPLICATION = "poolbench-bench";

    private Database database;
    private TodoSchema todos;

    @Setup(Level.Trial)
    public void start() throws SQLException {
        Settings settings = Settings.fromSystem();
        DatabaseSettings wanted = DatabaseHandoff.read(settings).orElseGet(() -> DatabaseSettings.from(settings));
        database = Databases.start(wanted);
        todos = new TodoSchema(database.connections(APPLICATION + "-admin")).create();
    }

    @TearDown(Level.Trial)
    public void stop() {
        database.close();
    }

    public Database database() {
        return database;
    }

    public TodoSchema todos() {
        return todos;
    }

    /** Physical connections for the pool under test, labelled so the server-side sampler finds exactly them. */
    PhysicalConnections connections(String label, Map<String, String> pgjdbcProperties) {
        return connections(database, label, pgjdbcProperties);
    }

    /** The same, reaching the server through {@code route} (PgBouncer in front of it, say). */
    PhysicalConnections connections(Database route, String label, Map<String, String> pgjdbcProperties) {
        return route.connections(APPLICATION + "-" + label).with(pgjdbcProperties);
    }

    /**
     * Brings the todos table to exactly {@code rows} seeded rows with seed 001's indexes on or off,
     * reusing what is there when it already matches (seeding a million rows takes a while).
     */
    void prepareTodos(int rows, boolean indexed) throws SQLException {
        boolean indexesMatch = todos.indexes().size() == (indexed ? TodoSchema.INDEX_NAMES.size() : 0);
        if (!todos.isSeededWith(rows)) {
            System.out.println("poolbench: seeding " + rows + " todos");
            todos.reset();
            todos.seed(rows, 42);
        }
        if (!indexesMatch) {
            System.out.println("poolbench: turning seed 001's indexes " + (indexed ? "on" : "off"));
            todos.setIndexes(indexed);
        }
    }
}
