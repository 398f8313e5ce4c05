package dev.poolbench.pools.runner;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.config.Settings;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file that carries the database, password included, from the runner to its forks: only its owner
 * can read it, a fork reaches the database with what it holds, and it is gone once closed. (That a run
 * deletes it when it ends, also on Ctrl-C, is {@link BenchmarkMainTest}'s and {@link InterruptTest}'s.)
 */
class DatabaseHandoffTest {

    @Test
    void onlyItsOwnerCanReadTheFileAndAForkReachesTheDatabaseWithIt(@TempDir Path dir) throws Exception {
        Database db = TestDatabase.get();

        try (DatabaseHandoff handoff = DatabaseHandoff.write(db, dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(handoff.file()))).isEqualTo("rw-------");
            assertThat(handoff.file().getParent()).isEqualTo(dir);

            DatabaseSettings read = DatabaseHandoff.read(
                    Settings.of(Map.of(DatabaseHandoff.PROPERTY, handoff.file().toString()))).orElseThrow();
            assertThat(read.url()).isEqualTo(db.jdbcUrl());
            assertThat(read.user()).isEqualTo(db.user());
            assertThat(read.password()).isEqualTo(db.password());
            try (Database reached = Databases.start(read);
                 Connection c = reached.connect("pb-test-handoff");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(db.user());
            }
        }
    }

    @Test
    void closingDeletesTheFile(@TempDir Path dir) throws Exception {
        Path file;
        try (DatabaseHandoff handoff = DatabaseHandoff.write(TestDatabase.get(), dir)) {
            file = handoff.file();
            assertThat(file).exists();
        }

        assertThat(file).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void withoutTheSettingThereIsNoHandoff() {
        assertThat(DatabaseHandoff.read(Settings.of(Map.of()))).isEmpty();
    }
}
