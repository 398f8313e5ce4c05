package dev.poolbench.core.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The user's own server. poolbench starts nothing, so closing stops nothing. */
final class ExternalPostgres {

    private ExternalPostgres() {
    }

    static Database connect(DatabaseSettings settings) {
        String shown = Redaction.jdbcUrl(settings.url());
        Database database = new Database(DatabaseProvider.EXTERNAL, settings.url(), settings.user(),
                settings.password(), "external PostgreSQL at " + shown, null);
        try (Connection c = database.connect("poolbench-setup");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version')")) {
            rs.next();
            return new Database(DatabaseProvider.EXTERNAL, settings.url(), settings.user(), settings.password(),
                    "external PostgreSQL " + rs.getString(1) + " at " + shown, null);
        } catch (SQLException e) {
            throw new IllegalStateException("could not connect to " + shown + " as " + settings.user() + ": "
                    + Redaction.mask(e.getMessage(), settings.password()), null);
        }
    }
}
