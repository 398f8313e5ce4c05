package dev.poolbench.core.todo;

import dev.poolbench.core.db.HarnessSchema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The seeds' {@code todos} table in poolbench's own schema: create it, empty it, switch seed 001's
 * indexes on and off, and fill it with N generated rows fast (COPY).
 */
public final class TodoSchema {

    private static final Logger LOG = LoggerFactory.getLogger(TodoSchema.class);

    public static final String TABLE = HarnessSchema.NAME + ".todos";

    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + " id bigserial PRIMARY KEY,"
            + " title varchar(" + NewTodo.MAX_TITLE + ") NOT NULL,"
            + " description text,"
            + " priority smallint NOT NULL DEFAULT " + NewTodo.DEFAULT_PRIORITY
            + "   CHECK (priority BETWEEN " + NewTodo.MIN_PRIORITY + " AND " + NewTodo.MAX_PRIORITY + "),"
            + " due_date date,"
            + " completed boolean NOT NULL DEFAULT false,"
            + " created_at timestamptz NOT NULL DEFAULT now())";

    /** Seed 001's migration {@code add_todo_indexes}, name for name. */
    public static final List<String> INDEXES = List.of(
            "CREATE INDEX IF NOT EXISTS idx_todos_completed ON " + TABLE + " (completed)",
            "CREATE INDEX IF NOT EXISTS idx_todos_priority ON " + TABLE + " (priority)",
            "CREATE INDEX IF NOT EXISTS idx_todos_created_at ON " + TABLE + " (created_at)",
            "CREATE INDEX IF NOT EXISTS idx_todos_completed_priority ON " + TABLE + " (completed, priority)");

    public static final List<String> INDEX_NAMES = List.of(
            "idx_todos_completed", "idx_todos_priority", "idx_todos_created_at", "idx_todos_completed_priority");

    private static final int SEED_CHUNK = 50_000;

    private final DataSource admin;

    /** {@code admin} serves the housekeeping connections (a plain {@code PhysicalConnections} will do). */
    public TodoSchema(DataSource admin) {
        this.admin = admin;
    }

    /** Creates the schema (if poolbench may) and the table, if they are missing. */
    public TodoSchema create() throws SQLException {
        try (Connection c = admin.getConnection()) {
            HarnessSchema.ensure(c);
            try (Statement s = c.createStatement()) {
                s.execute(CREATE_TABLE);
            }
        }
        return this;
    }

    /** Empties the table and restarts its ids at 1. */
    public void reset() throws SQLException {
        execute("TRUNCATE " + TABLE + " RESTART IDENTITY");
        execute("COMMENT ON TABLE " + TABLE + " IS NULL");
    }

    /**
     * True when the table holds exactly the {@code rows} rows {@link #seed} wrote and nothing else,
     * so a benchmark can reuse them instead of seeding again.
     */
    public boolean isSeededWith(int rows) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT obj_description('" + TABLE + "'::regclass, 'pg_class'),"
                     + " (SELECT count(*) FROM " + TABLE + ")")) {
            rs.next();
            return seedMark(rows).equals(rs.getString(1)) && rs.getLong(2) == rows;
        }
    }

    private static String seedMark(int rows) {
        return "seeded by poolbench: " + rows + " rows";
    }

    /** Seed 001's four indexes on or off; the table's primary key stays. */
    public void setIndexes(boolean on) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            if (on) {
                for (String ddl : INDEXES) {
                    s.execute(ddl);
                }
                s.execute("ANALYZE " + TABLE);
            } else {
                for (String name : INDEX_NAMES) {
                    s.execute("DROP INDEX IF EXISTS " + HarnessSchema.NAME + "." + name);
                }
            }
        }
    }

    /** The secondary indexes on the table now, as {@code pg_indexes} lists them. */
    public List<String> indexes() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = admin.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT indexname FROM pg_indexes"
                     + " WHERE schemaname = ? AND tablename = 'todos' AND indexname <> 'todos_pkey' ORDER BY indexname")) {
            ps.setString(1, HarnessSchema.NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    public long count() throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Adds {@code rows} generated rows through COPY (the same rows for the same {@code seed}), then
     * ANALYZEs the table so the planner knows its size.
     */
    public void seed(int rows, long seed) throws SQLException {
        TodoGenerator generator = new TodoGenerator(seed);
        long started = System.nanoTime();
        try (Connection c = admin.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY " + TABLE + " (title, description, priority, due_date, completed, created_at) FROM STDIN WITH (FORMAT csv)");
            try {
                StringBuilder chunk = new StringBuilder(SEED_CHUNK * 120);
                for (int i = 1; i <= rows; i++) {
                    generator.appendSeedRow(chunk, i);
                    if (i % SEED_CHUNK == 0 || i == rows) {
                        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        chunk.setLength(0);
                        if (rows > SEED_CHUNK) {
                            LOG.info("seeding {}: {} of {} rows", TABLE, i, rows);
                        }
                    }
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + TABLE);
                long total = count();
                s.execute("COMMENT ON TABLE " + TABLE + " IS '" + seedMark((int) total) + "'");
            }
        }
        LOG.debug("seeded {} rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
