package dev.poolbench.core.db;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.config.Settings;
import dev.poolbench.core.probe.ServerSettings;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each provider starts a real server (or reaches one) that answers, with the settings poolbench asked for. */
class ProvidersTest {

    @Test
    void embeddedStartsPostgres17AndStopsItOnClose() throws Exception {
        String url;
        try (Database db = Databases.start(DatabaseSettings.of(DatabaseProvider.EMBEDDED))) {
            url = db.jdbcUrl();
            assertThat(db.provider()).isEqualTo(DatabaseProvider.EMBEDDED);
            Map<String, String> settings = settingsOf(db);
            assertThat(settings.get("server_version")).startsWith("17.");
            assertThat(settings).containsEntry("max_connections", "200")
                    .containsEntry("fsync", "on").containsEntry("synchronous_commit", "on");
        }
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", ""))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void testcontainersStartsTheImageItIsGivenAndRemovesIt() throws Exception {
        String engine = Databases.containerEngine();
        assumeTrue(engine == null, "no Docker-API engine here (" + engine + "); run ../shared/container-engine/setup");
        DatabaseSettings settings = DatabaseSettings.from(Settings.of(Map.of("bench.db", "testcontainers"), System.getenv()));
        String url;
        try (Database db = Databases.start(settings)) {
            url = db.jdbcUrl();
            assertThat(db.provider()).isEqualTo(DatabaseProvider.TESTCONTAINERS);
            assertThat(db.description()).contains(settings.image());
            Map<String, String> server = settingsOf(db);
            assertThat(server).containsEntry("max_connections", "200").containsEntry("fsync", "on");
            System.out.println("testcontainers served PostgreSQL " + server.get("server_version") + " from " + settings.image());
        }
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "poolbench", "x"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aGivenPasswordIsTheServerUsersPasswordWithEveryProvider() throws Exception {
        String known = "Known-Secret-" + System.nanoTime();
        DatabaseSettings embedded = new DatabaseSettings(DatabaseProvider.EMBEDDED, null, null, null, known, null);
        try (Database db = Databases.start(embedded)) {
            assertThat(db.password()).isEqualTo(known);
            assertThat(db.toString()).doesNotContain(known);
            assertThat(settingsOf(db)).isNotEmpty();
        }
        if (Databases.containerEngine() == null) {
            DatabaseSettings container = DatabaseSettings.from(Settings.of(
                    Map.of("bench.db", "testcontainers", "bench.db.password", known), System.getenv()));
            try (Database db = Databases.start(container)) {
                assertThat(db.password()).isEqualTo(known);
                assertThat(db.toString()).doesNotContain(known);
                // the server checks it: the right one connects, another does not
                assertThat(settingsOf(db)).isNotEmpty();
                assertThatThrownBy(() -> java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), "wrong"))
                        .hasMessageContaining("password authentication failed");
            }
        }
    }

    @Test
    void externalUsesTheGivenServerAndNeverStopsIt() throws Exception {
        Database server = TestDatabase.get();
        DatabaseSettings external = DatabaseSettings.external(server.jdbcUrl(),
                server.user(), server.password());

        try (Database db = Databases.start(external)) {
            assertThat(db.provider()).isEqualTo(DatabaseProvider.EXTERNAL);
            assertThat(settingsOf(db).get("server_version")).isNotBlank();
        }
        assertThat(settingsOf(server)).isNotEmpty();
    }

    @Test
    void aWrongPasswordIsReportedWithoutThePassword() {
        Database server = TestDatabase.get();
        assumeTrue(server.provider() != DatabaseProvider.EMBEDDED, "the embedded server trusts every local login");
        DatabaseSettings wrong = DatabaseSettings.external(server.jdbcUrl(),
                server.user(), "not-the-password-42");

        assertThatThrownBy(() -> Databases.start(wrong))
                .hasMessageStartingWith("could not connect to " + Redaction.jdbcUrl(server.jdbcUrl()) + " as " + server.user())
                .hasMessageNotContaining("not-the-password-42");
    }

    @Test
    void anUnreachableServerIsNamedInTheMessage() {
        DatabaseSettings nowhere = DatabaseSettings.external("jdbc:postgresql://127.0.0.1:1/app?password=hunter2", "app", "hunter2");

        assertThatThrownBy(() -> Databases.start(nowhere))
                .hasMessageStartingWith("could not connect to jdbc:postgresql://127.0.0.1:1/app?password=***** as app: ")
                .hasMessageNotContaining("hunter2");
    }

    private static Map<String, String> settingsOf(Database db) throws SQLException {
        try (Connection c = db.connect("pb-test-providers")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            return ServerSettings.read(c);
        }
    }
}
