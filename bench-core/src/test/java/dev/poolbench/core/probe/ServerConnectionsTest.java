package dev.poolbench.core.probe;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.PhysicalConnections;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class ServerConnectionsTest {

    @Test
    void countsOnlyTheWatchedApplicationsBackendsByState() throws SQLException {
        PhysicalConnections watched = TestDatabase.freshConnections("probe");
        PhysicalConnections other = TestDatabase.freshConnections("other");
        try (ServerConnections probe = new ServerConnections(TestDatabase.get(), watched.applicationName());
             Connection idle1 = watched.open(); Connection idle2 = watched.open(); Connection inTx = watched.open();
             Connection unrelated = other.open()) {
            assertThat(unrelated.isClosed()).isFalse();
            inTx.setAutoCommit(false);
            try (Statement s = inTx.createStatement()) {
                s.execute("SELECT 1");
            }

            assertThat(probe.sample()).isEqualTo(new ServerConnectionCounts(0, 2, 1, 3));
            assertThat(probe.backendPids()).hasSize(3);
            inTx.rollback();
        }
    }
}
