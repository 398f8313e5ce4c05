package dev.poolbench.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one schema poolbench owns. Everything the harness creates lives in {@code poolbench}, marked
 * as its own by a comment; the harness refuses to work in a {@code poolbench} schema it did not
 * create, so pointing it at a real database can never touch anyone else's tables.
 */
public final class HarnessSchema {

    public static final String NAME = "poolbench";

    /** The ownership mark, kept as the schema's comment. */
    static final String MARK = "created by the poolbench benchmark harness, which only ever touches this schema; safe to drop";

    private HarnessSchema() {
    }

    /** Creates the schema if it is missing; refuses if a {@code poolbench} schema exists that poolbench did not create. */
    public static void ensure(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            // concurrent JMH forks may race to create it
            s.execute("SELECT pg_advisory_xact_lock(hashtext('poolbench schema'))");
            String existing = existingMark(connection);
            if (existing == null) {
                s.execute("CREATE SCHEMA " + NAME);
                s.execute("COMMENT ON SCHEMA " + NAME + " IS '" + MARK + "'");
            } else if (!existing.equals(MARK)) {
                throw new ForeignSchemaException("a schema named '" + NAME + "' already exists in database '"
                        + connection.getCatalog() + "' and was not created by poolbench; poolbench only works in a schema of "
                        + "its own, so it will not touch it. Rename or drop that schema, or point poolbench at another database.");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Drops the schema and everything in it, only if poolbench created it. */
    public static void drop(Connection connection) throws SQLException {
        String existing = existingMark(connection);
        if (existing == null) {
            return;
        }
        if (!existing.equals(MARK)) {
            throw new ForeignSchemaException("refusing to drop schema '" + NAME + "': poolbench did not create it");
        }
        try (Statement s = connection.createStatement()) {
            s.execute("DROP SCHEMA " + NAME + " CASCADE");
        }
    }

    /** The schema's comment; "" for a schema without one; null when there is no such schema. */
    private static String existingMark(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** A {@code poolbench} schema that is not poolbench's. */
    public static final class ForeignSchemaException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ForeignSchemaException(String message) {
            super(message);
        }
    }
}
