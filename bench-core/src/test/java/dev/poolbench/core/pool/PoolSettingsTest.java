package dev.poolbench.core.pool;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolSettingsTest {

    private final PoolSettings queue = PoolSettings.of(PoolStrategy.QUEUE);

    @Test
    void defaultsAreSqlAlchemys() {
        assertThat(queue).isEqualTo(new PoolSettings(PoolStrategy.QUEUE, 5, 10, Duration.ofSeconds(30), Duration.ZERO,
                false, false, Duration.ZERO));
        assertThat(queue.label()).isEqualTo("queue 5+10, timeout 30s");
        assertThat(queue.capacity()).isEqualTo(15);
    }

    @Test
    void readsTheSeedsSettingsFromProperties() {
        PoolSettings seed004 = PoolSettings.from(Settings.of(Map.of("bench.pool", "queue", "bench.pool.size", "5",
                "bench.pool.overflow", "10", "bench.pool.timeout", "20s", "bench.pool.recycle", "300s",
                "bench.pool.prePing", "true")));

        assertThat(seed004.label()).isEqualTo("queue 5+10, timeout 20s, recycle 300s, pre-ping");
    }

    @Test
    void everyBadSettingIsRefusedWithOneClearMessage() {
        assertThatThrownBy(() -> queue.withPoolSize(-1)).isInstanceOf(SettingsException.class)
                .hasMessage("poolSize = '-1' is not accepted: a whole number from 1 to 1000");
        assertThatThrownBy(() -> queue.withMaxOverflow(-2))
                .hasMessage("maxOverflow = '-2' is not accepted: a whole number from 0 to 1000");
        assertThatThrownBy(() -> queue.withPoolTimeout(Duration.ZERO))
                .hasMessage("poolTimeout = '0s' is not accepted: more than zero and at most 1h, e.g. 30s"
                        + " (with zero no borrower could ever wait for a busy connection)");
        assertThatThrownBy(() -> queue.withRecycle(Duration.ofSeconds(-1)))
                .hasMessage("recycle = '-1s' is not accepted: zero (never) or more, e.g. 3600s");
        assertThatThrownBy(() -> PoolStrategy.parse("strategy", "pgbouncer"))
                .hasMessage("strategy = 'pgbouncer' is not accepted: one of none, static, single, queue, hikari, dbcp2, agroal, vibur, tomcat, c3p0");
        assertThatThrownBy(() -> PoolSettings.from(Settings.of(Map.of("bench.pool.size", "0"))))
                .hasMessage("bench.pool.size = '0' is not accepted: a whole number from 1 to 1000");
    }

    @Test
    void hikarisOwnLimitsAreCheckedUpFrontInsteadOfSilentlyOverridden() {
        PoolSettings hikari = PoolSettings.of(PoolStrategy.HIKARI);

        assertThatThrownBy(() -> hikari.withPoolTimeout(Duration.ofMillis(100)))
                .hasMessage("poolTimeout = '100ms' is not accepted: at least 250ms with strategy hikari (HikariCP's minimum connectionTimeout)");
        assertThatThrownBy(() -> hikari.withRecycle(Duration.ofSeconds(10)))
                .hasMessage("recycle = '10s' is not accepted: zero (never) or at least 30s with strategy hikari (HikariCP's minimum maxLifetime)");
        assertThat(queue.withRecycle(Duration.ofSeconds(10)).withStrategy(PoolStrategy.QUEUE).recycle())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aLibraryWithoutTheKnobOrItsUnitRefusesRecycleUpFront() {
        assertThatThrownBy(() -> PoolSettings.of(PoolStrategy.VIBUR).withRecycle(Duration.ofSeconds(60)))
                .hasMessage("recycle = '60s' is not accepted: zero (never) with strategy vibur (Vibur DBCP has no maximum lifetime)");
        assertThatThrownBy(() -> PoolSettings.of(PoolStrategy.C3P0).withRecycle(Duration.ofMillis(1500)))
                .hasMessage("recycle = '1500ms' is not accepted: whole seconds with strategy c3p0 (c3p0's maxConnectionAge is in seconds)");
        assertThat(PoolSettings.of(PoolStrategy.C3P0).withRecycle(Duration.ofSeconds(2)).label())
                .isEqualTo("c3p0 5+10, timeout 30s, recycle 2s");
    }
}
