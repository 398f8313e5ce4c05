package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Jit;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --jit} (seed 002: "JIT disabled for better small query performance") sets {@code jit} on the
 * service's own sessions, over JDBC and over vertx-pg-client: the service's connection reports it, and the
 * server confirms that connection is the service's (its backend pid under the service's application name).
 */
class JitTest {

    @ParameterizedTest(name = "{0}, --jit {1}")
    @CsvSource({"EVENT_LOOP, OFF", "EVENT_LOOP, ON", "WORKER, OFF", "REACTIVE, OFF", "REACTIVE, ON", "WORKER, DEFAULT",
            "REACTIVE, DEFAULT"})
    void theServicesSessionsRunWithTheJitAskedFor(Execution execution, Jit jit) throws Exception {
        String serverDefault = serverSetting("jit");
        try (RunningService running = RunningService.start(RunningService.options(execution).withJit(jit), 0)) {
            JsonObject session = running.http.get("/api/health/session").json();

            assertThat(session.getString("jit")).isEqualTo(jit == Jit.DEFAULT ? serverDefault : jit.spelling());
            assertThat(applicationNameOf(session.getInteger("backendPid")))
                    .as("the server knows that backend as one of the service's")
                    .isEqualTo(running.options.applicationName())
                    .isEqualTo(session.getString("applicationName"));
            assertThat(running.http.get("/api/health/pool").json().getJsonObject("service").getString("jit"))
                    .isEqualTo(jit.spelling());
        }
    }

    private static String serverSetting(String name) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-jit");
             PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String applicationNameOf(int backendPid) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-jit");
             PreparedStatement ps = c.prepareStatement("SELECT application_name FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, backendPid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
