package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive service's pool follows SQLAlchemy's QueuePool where vertx-pg-client on its own does not
 * ({@code store.QueuePoolRules}): a connection given back while pool_size are idle is closed, and the idle
 * connection given back longest ago goes out first. Seen from the server: how many of the service's backends
 * stay after a burst, and which backend answers each request after it.
 */
class QueuePoolRulesTest {

    private static final int POOL_SIZE = 2;
    private static final int MAX_OVERFLOW = 2;
    private static Database network;

    @BeforeAll
    static void aNetworkSlowEnoughForTheBurstToOverlap() {
        network = TestDatabase.get().throughProxy(Duration.ofMillis(20), false);
    }

    @AfterAll
    static void close() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void overflowConnectionsCloseOnReturnAndTheOldestIdleGoesOutFirst() throws Exception {
        PoolSettings pool = PoolSettings.of(PoolStrategy.parse("pool", "queue"))
                .withPoolSize(POOL_SIZE).withMaxOverflow(MAX_OVERFLOW);
        try (RunningService running = RunningService.start(RunningService.options(Execution.REACTIVE).withPool(pool), 0, network)) {
            List<CompletableFuture<Http.Response>> burst = new ArrayList<>();
            for (int i = 0; i < 4 * (POOL_SIZE + MAX_OVERFLOW); i++) {
                burst.add(running.http.getAsync("/api/health/session"));
            }
            Set<Integer> burstBackends = new HashSet<>();
            for (CompletableFuture<Http.Response> answer : burst) {
                burstBackends.add(answer.join().json().getInteger("backendPid"));
            }
            assertThat(burstBackends).as("the burst opened every connection the pool may have").hasSize(POOL_SIZE + MAX_OVERFLOW);

            Set<Integer> left = serverBackends(running.options.applicationName(), POOL_SIZE);
            assertThat(left).as("after the burst only pool_size connections stay open (the overflow rule)")
                    .hasSize(POOL_SIZE).isSubsetOf(burstBackends);

            List<Integer> oneByOne = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                oneByOne.add(running.http.get("/api/health/session").json().getInteger("backendPid"));
            }
            assertThat(oneByOne).as("requests one at a time take the idle connections in turn, oldest first")
                    .containsExactly(oneByOne.get(0), oneByOne.get(1), oneByOne.get(0), oneByOne.get(1));
            assertThat(oneByOne.get(0)).isNotEqualTo(oneByOne.get(1));
            assertThat(Set.copyOf(oneByOne)).isEqualTo(left);
        }
    }

    /** The service's backends once their number has come down to {@code expected}, or after 5 s whatever it is. */
    private static Set<Integer> serverBackends(String applicationName, int expected) throws SQLException, InterruptedException {
        Set<Integer> backends = Set.of();
        for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline; Thread.sleep(50)) {
            backends = backendsOf(applicationName);
            if (backends.size() == expected) {
                break;
            }
        }
        return backends;
    }

    private static Set<Integer> backendsOf(String applicationName) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-queue-rules");
             PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, applicationName);
            Set<Integer> pids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
            return pids;
        }
    }
}
