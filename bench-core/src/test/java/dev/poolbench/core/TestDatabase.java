package dev.poolbench.core;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.todo.TodoSchema;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * One real PostgreSQL per test JVM, from {@code bench.db} (default auto: Testcontainers when an engine
 * answers, embedded otherwise). Stopped by the database's shutdown hook when the JVM exits.
 */
public final class TestDatabase {

    private static Database database;

    private TestDatabase() {
    }

    /**
     * The password a database this class starts is given when none is set: never empty, so that the tests
     * that search outputs for the password search for something, with either provider (embedded has none
     * of its own).
     */
    static final String TEST_PASSWORD = "pb-test-password-must-not-appear";

    public static synchronized Database get() {
        if (database == null) {
            Settings settings = Settings.fromSystem();
            if (settings.string(DatabaseSettings.PASSWORD, "BENCH_DB_PASSWORD").isEmpty()
                    && settings.string(DatabaseSettings.URL, "BENCH_DB_URL").isEmpty()) {
                settings = settings.with(Map.of(DatabaseSettings.PASSWORD, TEST_PASSWORD));
            }
            database = Databases.start(DatabaseSettings.from(settings));
        }
        return database;
    }

    /** Physical connections under an application name no other test uses, so server counts are this test's alone. */
    public static PhysicalConnections freshConnections(String purpose) {
        return get().connections("pb-test-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The todos table, created if missing and emptied. */
    public static TodoSchema emptyTodos() throws SQLException {
        TodoSchema schema = new TodoSchema(get().connections("pb-test-admin")).create();
        schema.reset();
        return schema;
    }
}
