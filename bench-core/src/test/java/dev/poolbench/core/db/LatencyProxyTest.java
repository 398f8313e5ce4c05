package dev.poolbench.core.db;

import dev.poolbench.core.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy adds the round trip it was asked for, to every query, and can cut connections. */
class LatencyProxyTest {

    @ParameterizedTest(name = "rtt {0} ms")
    @ValueSource(ints = {20, 60})
    void addsTheRoundTripItWasAskedForOnce(int rttMs) throws SQLException {
        Database direct = TestDatabase.get();
        try (Database slow = direct.throughProxy(Duration.ofMillis(rttMs), false)) {
            double directMs = medianQueryMs(direct);
            double proxiedMs = medianQueryMs(slow);
            double addedMs = proxiedMs - directMs;

            System.out.printf("asked rtt %d ms: direct %.2f ms, through proxy %.2f ms, added %.2f ms%n",
                    rttMs, directMs, proxiedMs, addedMs);
            // not half of it (one direction only), not twice (both directions each): scheduling on a loaded 2-core
            // machine adds a few ms on top (24.9 ms for 20 seen in CI), never 10 or 20
            assertThat(addedMs).isBetween(rttMs * 0.8, rttMs * 1.5);
            assertThat(slow.description()).endsWith(", through a " + rttMs + " ms round-trip proxy");
        }
    }

    @Test
    void cuttingAllConnectionsBreaksOpenOnesButNotNewOnes() throws SQLException {
        try (Database viaProxy = TestDatabase.get().throughProxy(Duration.ZERO, false);
             Connection before = viaProxy.connect("pb-test-proxy")) {
            assertThat(selectOne(before)).isEqualTo(1);

            viaProxy.proxy().orElseThrow().cutAll();

            assertThatThrownBy(() -> selectOne(before)).isInstanceOf(SQLException.class);
            try (Connection after = viaProxy.connect("pb-test-proxy")) {
                assertThat(selectOne(after)).isEqualTo(1);
            }
        }
    }

    @Test
    void downRefusesConnectionsUntilUp() throws SQLException {
        try (Database viaProxy = TestDatabase.get().throughProxy(Duration.ZERO, false);
             Connection before = viaProxy.connect("pb-test-proxy")) {
            LatencyProxy proxy = viaProxy.proxy().orElseThrow();

            proxy.down();

            assertThatThrownBy(() -> selectOne(before)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> viaProxy.connect("pb-test-proxy")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("Connection to 127.0.0.1:" + proxy.port() + " refused");
            proxy.up();
            try (Connection after = viaProxy.connect("pb-test-proxy")) {
                assertThat(selectOne(after)).isEqualTo(1);
            }
        }
    }

    @Test
    void anAutocommitStatementIsOneExchangeAndAPsycopg2StyleTransactionIsThree() throws SQLException {
        try (Database viaProxy = TestDatabase.get().throughProxy(Duration.ZERO, false);
             Connection c = viaProxy.connect("pb-test-proxy")) {
            LatencyProxy proxy = viaProxy.proxy().orElseThrow();

            RoundTrips before = proxy.roundTrips();
            for (int i = 0; i < 10; i++) {
                selectOne(c);
            }
            RoundTrips autocommit = proxy.roundTrips().since(before);

            before = proxy.roundTrips();
            try (Statement s = c.createStatement()) {
                // what psycopg2 sends for one SQLAlchemy session: BEGIN, the statement, COMMIT, each on its own
                s.execute("BEGIN");
                s.execute("SELECT 1");
                s.execute("COMMIT");
            }
            RoundTrips separate = proxy.roundTrips().since(before);

            before = proxy.roundTrips();
            c.setAutoCommit(false);
            selectOne(c);
            c.commit();
            c.setAutoCommit(true);
            RoundTrips pgjdbcTransaction = proxy.roundTrips().since(before);

            assertThat(autocommit.exchanges()).as("Parse/Bind/Execute/Sync in one write, one answer").isEqualTo(10);
            assertThat(separate.exchanges()).isEqualTo(3);
            assertThat(pgjdbcTransaction.exchanges()).as("pgjdbc sends BEGIN with the first statement").isEqualTo(2);
            assertThat(autocommit.connections() + separate.connections() + pgjdbcTransaction.connections()).isZero();
        }
    }

    @Test
    void bytesAreCountedInTheDirectionTheyGoAndABigAnswerIsStillOneExchange() throws SQLException {
        try (Database viaProxy = TestDatabase.get().throughProxy(Duration.ZERO, false);
             Connection c = viaProxy.connect("pb-test-proxy")) {
            LatencyProxy proxy = viaProxy.proxy().orElseThrow();

            RoundTrips before = proxy.roundTrips();
            try (PreparedStatement ps = c.prepareStatement("SELECT length(?)")) {
                ps.setString(1, "q".repeat(200_000));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            RoundTrips bigQuestion = proxy.roundTrips().since(before);

            before = proxy.roundTrips();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT repeat('a', 2000000)")) {
                rs.next();
            }
            RoundTrips bigAnswer = proxy.roundTrips().since(before);

            assertThat(bigQuestion.bytesToServer()).isGreaterThan(200_000);
            assertThat(bigQuestion.bytesToClient()).isLessThan(1_000);
            assertThat(bigQuestion.exchanges()).isEqualTo(1);
            assertThat(bigAnswer.bytesToClient()).isGreaterThan(2_000_000);
            assertThat(bigAnswer.exchanges()).as("an answer read in many pieces is still one exchange").isEqualTo(1);
        }
    }

    @Test
    void eachConnectionIsCountedOnItsOwnFromItsStartupOn() throws SQLException {
        try (Database viaProxy = TestDatabase.get().throughProxy(Duration.ZERO, false)) {
            LatencyProxy proxy = viaProxy.proxy().orElseThrow();

            try (Connection first = viaProxy.connect("pb-test-proxy"); Connection second = viaProxy.connect("pb-test-proxy")) {
                selectOne(first);
                selectOne(first);
                selectOne(second);
            }
            List<Long> perConnection = proxy.exchangesByConnection();

            assertThat(proxy.roundTrips().connections()).isEqualTo(2);
            assertThat(perConnection).hasSize(2);
            long startup = perConnection.get(1) - 1;
            assertThat(startup).as("SSL request, startup and authentication, and pgjdbc's settings").isBetween(2L, 8L);
            assertThat(perConnection.get(0)).isEqualTo(startup + 2);
            assertThat(proxy.roundTrips().exchanges()).isEqualTo(perConnection.get(0) + perConnection.get(1));
        }
    }

    @Test
    void anAbsurdRoundTripIsRefused() {
        assertThatThrownBy(() -> DatabaseSettings.of(DatabaseProvider.EMBEDDED).withRtt(Duration.ofSeconds(11)))
                .hasMessage("bench.db.rtt = '11000ms' is not accepted: a round trip from 0 to 10s, e.g. 0, 2ms, 20ms, 60ms");
    }

    /** The median of 25 primary-key-sized round trips, after 5 to warm up. */
    private static double medianQueryMs(Database db) throws SQLException {
        try (Connection c = db.connect("pb-test-proxy"); PreparedStatement ps = c.prepareStatement("SELECT ?::int")) {
            double[] ms = new double[25];
            for (int i = -5; i < ms.length; i++) {
                long started = System.nanoTime();
                ps.setInt(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - started) / 1e6;
                }
            }
            Arrays.sort(ms);
            return ms[ms.length / 2];
        }
    }

    private static int selectOne(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
