package dev.poolbench.loadruns;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A simulation's knobs: the level's default unless overridden, and a target on this machine only. */
class LoadSettingsTest {

    @Test
    void eachKnobTakesItsLevelsDefaultUnlessGiven() {
        LoadSettings smoke = LoadSettings.from(Settings.of(Map.of("poolbench.users", "7")));
        LoadSettings full = LoadSettings.from(Settings.of(Map.of("poolbench.load", "full")));

        assertThat(smoke.integer("users", 40, 100, 1, 1000)).isEqualTo(7);
        assertThat(smoke.duration("duration", Duration.ofSeconds(20), Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(20));
        assertThat(full.integer("users", 40, 100, 1, 1000)).isEqualTo(100);
        assertThat(full.duration("duration", Duration.ofSeconds(20), Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(smoke.effective()).containsExactly(Map.entry("level", "smoke"), Map.entry("users", 7),
                Map.entry("durationMs", 20_000L));
        assertThat(smoke.target()).isEqualTo("http://127.0.0.1:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:41000", "http://localhost:8080/", "http://[::1]:8080", "http://127.0.0.2:9000"})
    void loopbackTargetsAreAccepted(String url) {
        assertThat(LoadSettings.from(Settings.of(Map.of("poolbench.target", url))).target()).isEqualTo(url.replaceAll("/$", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.5:8080", "http://example.com", "https://127.0.0.1:8080", "127.0.0.1:8080"})
    void anyOtherTargetIsRefused(String url) {
        assertThatThrownBy(() -> LoadSettings.from(Settings.of(Map.of("poolbench.target", url))))
                .isInstanceOf(SettingsException.class)
                .hasMessage("poolbench.target = '" + url + "' is not accepted: an http URL on this machine (127.0.0.1, "
                        + "localhost or [::1]), e.g. http://127.0.0.1:8080: poolbench loads only services it can see on loopback");
    }

    @Test
    void aBadKnobIsRefusedByName() {
        LoadSettings load = LoadSettings.from(Settings.of(Map.of("poolbench.minSuccessPercent", "120", "poolbench.users", "lots")));

        assertThatThrownBy(() -> load.percent("minSuccessPercent", 95, 95))
                .hasMessage("poolbench.minSuccessPercent = '120' is not accepted: a percentage from 0 to 100");
        assertThatThrownBy(() -> load.integer("users", 40, 100, 1, 1000))
                .hasMessage("poolbench.users = 'lots' is not accepted: a whole number from 1 to 1000");
    }
}
