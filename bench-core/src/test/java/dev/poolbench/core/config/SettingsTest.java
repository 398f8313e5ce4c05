package dev.poolbench.core.config;

import dev.poolbench.core.pool.PoolStrategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void readsTypedValuesAndFallsBackToTheEnvironment() {
        Settings settings = Settings.of(
                Map.of("n", "12", "flag", "on", "wait", "250ms", "pool", "HIKARI", "blank", " "),
                Map.of("BLANK_ENV", "from-env"));

        assertThat(settings.integer("n", 0, 1, 100)).isEqualTo(12);
        assertThat(settings.bool("flag", false)).isTrue();
        assertThat(settings.duration("wait", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.choice("pool", PoolStrategy.class, PoolStrategy.NONE)).isEqualTo(PoolStrategy.HIKARI);
        assertThat(settings.string("blank", "BLANK_ENV")).contains("from-env");
        assertThat(settings.integer("missing", 7, 1, 100)).isEqualTo(7);
    }

    @Test
    void durationsAcceptTheUsualSpellings() {
        assertThat(Settings.parseDuration("d", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Settings.parseDuration("d", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Settings.parseDuration("d", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Settings.parseDuration("d", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Settings.parseDuration("d", "20")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Settings.parseDuration("d", "0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void badValuesNameTheSettingTheValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> Settings.parseInt("bench.pool.size", "lots", 1, 1000))
                .isInstanceOf(SettingsException.class)
                .hasMessage("bench.pool.size = 'lots' is not accepted: a whole number from 1 to 1000");
        assertThatThrownBy(() -> Settings.parseInt("bench.pool.size", "-3", 1, 1000))
                .hasMessage("bench.pool.size = '-3' is not accepted: a whole number from 1 to 1000");
        assertThatThrownBy(() -> Settings.parseBoolean("bench.pool.prePing", "maybe"))
                .hasMessage("bench.pool.prePing = 'maybe' is not accepted: true or false (also on/off, yes/no)");
        assertThatThrownBy(() -> Settings.parseDuration("bench.pool.timeout", "-5s"))
                .hasMessage("bench.pool.timeout = '-5s' is not accepted: a duration of zero or more, such as 250ms, 30s, 10m, 1h (a bare number means seconds)");
        assertThatThrownBy(() -> Settings.parseDuration("bench.pool.timeout", "soon"))
                .hasMessageStartingWith("bench.pool.timeout = 'soon' is not accepted");
        assertThatThrownBy(() -> Settings.parseChoice("bench.pool", "bouncer", PoolStrategy.class))
                .hasMessage("bench.pool = 'bouncer' is not accepted: one of none, static, single, queue, hikari, dbcp2, agroal, vibur, tomcat, c3p0");
    }
}
