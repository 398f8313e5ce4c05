package dev.poolbench.pools.runner;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * How the runner hands the database it started to the JMH forks: a small file only its owner can
 * read, named by {@code -Dbench.db.handoff}. The password travels in the file, never on a fork's
 * command line (JMH prints every fork's VM options).
 */
public final class DatabaseHandoff {

    public static final String PROPERTY = "bench.db.handoff";

    private DatabaseHandoff() {
    }

    static Path write(Database database, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "db-handoff", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file.toFile().deleteOnExit(); // also on Ctrl-C, when the runner's finally blocks never run
        Properties p = new Properties();
        p.setProperty("url", database.jdbcUrl());
        p.setProperty("user", database.user());
        p.setProperty("password", database.password());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "poolbench: the database of one benchmark run; deleted when the run ends");
        }
        return file;
    }

    /** The database the runner handed over, if this JVM is one of its forks. */
    public static Optional<DatabaseSettings> read(Settings settings) {
        return settings.string(PROPERTY).map(name -> {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(name))) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the database hand-off " + name + ": " + e.getMessage(), e);
            }
            return DatabaseSettings.external(p.getProperty("url"), p.getProperty("user"), p.getProperty("password"));
        });
    }
}
