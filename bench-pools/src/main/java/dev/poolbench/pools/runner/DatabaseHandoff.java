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
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * How the runner hands the database it started to the JMH forks: a small file named by
 * {@code -Dbench.db.handoff}. The password travels in the file, never on a fork's command line (JMH
 * prints every fork's VM options, and every user of the machine can read a command line). The file
 * is created readable and writable by its owner only (in one step, so it is never readable by others
 * even for a moment) and deleted when the hand-off is closed, or at the latest when this JVM exits,
 * Ctrl-C included.
 */
public final class DatabaseHandoff implements AutoCloseable {

    public static final String PROPERTY = "bench.db.handoff";

    /** rw-------: the only permissions a hand-off file ever has. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    private DatabaseHandoff(Path file) {
        this.file = file;
    }

    /** Writes {@code database}'s URL, user and password to a new owner-only file in {@code directory}. */
    public static DatabaseHandoff write(Database database, Path directory) throws IOException {
        Files.createDirectories(directory);
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        // created with these permissions (O_CREAT|O_EXCL, mode 0600), not widened or narrowed afterwards
        Path file = Files.createTempFile(directory, "db-handoff", ".properties", ownerOnly);
        file.toFile().deleteOnExit(); // also on Ctrl-C, when no finally block runs
        DatabaseHandoff handoff = new DatabaseHandoff(file);
        Properties p = new Properties();
        p.setProperty("url", database.jdbcUrl());
        p.setProperty("user", database.user());
        p.setProperty("password", database.password());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "poolbench: the database of one run; deleted when the run ends");
        } catch (IOException | RuntimeException e) {
            handoff.close();
            throw e;
        }
        return handoff;
    }

    /** The file, for {@code -D}{@value #PROPERTY}{@code =<file>}. */
    public Path file() {
        return file;
    }

    /** Deletes the file: the forks it was written for have read it. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
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
