package dev.poolbench.core.db;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.config.SettingsException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one JIT setting the service's {@code --jit} and the benchmarks' {@code jit} parameter share. */
class JitTest {

    @Test
    void eachValueSetsTheSessionsJitOnARealConnectionOrLeavesTheServers() throws SQLException {
        PhysicalConnections plain = TestDatabase.freshConnections("jit");
        String serverDefault = jitOf(plain);

        assertThat(jitOf(Jit.ON.applyTo(plain))).isEqualTo("on");
        assertThat(jitOf(Jit.OFF.applyTo(plain))).isEqualTo("off");
        assertThat(Jit.DEFAULT.applyTo(plain)).isSameAs(plain);
        assertThat(jitOf(Jit.DEFAULT.applyTo(plain))).isEqualTo(serverDefault);
    }

    @Test
    void theStartupOptionsAndPgjdbcPropertiesThatCarryIt() {
        assertThat(Jit.OFF.startupOptions()).contains("-c jit=off");
        assertThat(Jit.ON.startupOptions()).contains("-c jit=on");
        assertThat(Jit.DEFAULT.startupOptions()).isEqualTo(Optional.empty());
        assertThat(Jit.OFF.connectionProperties()).isEqualTo(Map.of("options", "-c jit=off"));
        assertThat(Jit.DEFAULT.connectionProperties()).isEmpty();
    }

    @Test
    void aFlagIsReadInAnyCaseAJmhParameterExactly() {
        assertThat(Jit.parse("--jit", " Off ")).isEqualTo(Jit.OFF);
        assertThatThrownBy(() -> Jit.parse("--jit", "maybe")).isInstanceOf(SettingsException.class)
                .hasMessage("--jit = 'maybe' is not accepted: one of default, on, off");

        assertThat(Jit.parameter("jit", "default")).isEqualTo(Jit.DEFAULT);
        assertThatThrownBy(() -> Jit.parameter("jit", "OFF")).isInstanceOf(SettingsException.class)
                .hasMessage("jit = 'OFF' is not accepted: default, on or off");
    }

    private static String jitOf(PhysicalConnections connections) throws SQLException {
        try (Connection c = connections.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('jit')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
