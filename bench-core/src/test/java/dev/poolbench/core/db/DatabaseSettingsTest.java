package dev.poolbench.core.db;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseSettingsTest {

    @Test
    void defaultsToAutoWithTheOfficialImage() {
        DatabaseSettings settings = DatabaseSettings.from(Settings.of(Map.of()));

        assertThat(settings.provider()).isEqualTo(DatabaseProvider.AUTO);
        assertThat(settings.image()).isEqualTo("postgres:17");
    }

    @Test
    void theEnvironmentFillsInWhatPropertiesLeaveOut() {
        DatabaseSettings settings = DatabaseSettings.from(Settings.of(Map.of("bench.db", "testcontainers"),
                Map.of("BENCH_PG_IMAGE", "localhost/bench-postgres:15")));

        assertThat(settings.image()).isEqualTo("localhost/bench-postgres:15");
    }

    @Test
    void aUrlUnderAutoMeansExternal() {
        DatabaseSettings settings = DatabaseSettings.from(Settings.of(Map.of(),
                Map.of("BENCH_DB_URL", "jdbc:postgresql://db.example.com/app", "BENCH_DB_USER", "app")));

        assertThat(settings.provider()).isEqualTo(DatabaseProvider.EXTERNAL);
        assertThat(settings.user()).isEqualTo("app");
    }

    @Test
    void badSettingsGetOneClearMessage() {
        assertThatThrownBy(() -> DatabaseSettings.from(Settings.of(Map.of("bench.db", "sqlite"))))
                .isInstanceOf(SettingsException.class)
                .hasMessage("bench.db = 'sqlite' is not accepted: one of auto, testcontainers, embedded, external");
        assertThatThrownBy(() -> DatabaseSettings.from(Settings.of(Map.of("bench.db", "external"))))
                .hasMessage("bench.db = 'external' needs bench.db.url (or BENCH_DB_URL), e.g. jdbc:postgresql://db.example.com:5432/app");
        assertThatThrownBy(() -> DatabaseSettings.from(Settings.of(Map.of("bench.db.url", "postgres://u:hunter2@h/db"))))
                .hasMessage("bench.db.url = 'postgres://u:*****@h/db' is not accepted: a PostgreSQL JDBC URL starting with"
                        + " jdbc:postgresql://, e.g. jdbc:postgresql://localhost:5432/app");
        assertThatThrownBy(() -> DatabaseSettings.from(Settings.of(
                Map.of("bench.db", "embedded", "bench.db.url", "jdbc:postgresql://h/db"))))
                .hasMessage("bench.db.url is only used with bench.db = external or auto, not with bench.db = embedded; remove one of the two");
    }

    @Test
    void neverShowsThePassword() {
        DatabaseSettings settings = DatabaseSettings.from(Settings.of(Map.of(
                "bench.db.url", "jdbc:postgresql://h:5432/db?user=app&password=hunter2&ssl=true",
                "bench.db.password", "s3cret-pw")));

        assertThat(settings.toString())
                .doesNotContain("hunter2").doesNotContain("s3cret-pw")
                .contains("password=*****&ssl=true");
    }
}
