package dev.poolbench.pools.stub;

import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.pool.Pools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stub driver behind the Overhead benchmark keeps the state a pool resets, so each pool's reset path runs on
 * it as on a real driver: what each pool puts back when a borrower changed autocommit, read-only and isolation.
 */
class StubDriverTest {

    @Test
    void keepsTheStateAPoolResetsAndAnswersItsCannedRow() throws SQLException {
        Connection c = new StubDriver().connect(StubDriver.URL, new java.util.Properties());
        c.setAutoCommit(false);
        c.setReadOnly(true);
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        c.rollback();

        assertThat(c.getAutoCommit()).isFalse();
        assertThat(c.isReadOnly()).isTrue();
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM poolbench.todos WHERE id = ?")) {
            ps.setLong(1, 42);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(42);
                assertThat(rs.next()).isFalse();
            }
        }
        assertThatThrownBy(() -> c.prepareCall("CALL p()")).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessage("the stub driver's connection does not support prepareCall");
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThat(c.isValid(1)).isFalse();
        assertThat(new StubDriver().connect("jdbc:postgresql://localhost/x", new java.util.Properties())).isNull();
    }

    /** A borrower turns autocommit off, read-only on and isolation to serializable, then gives the connection back. */
    @ParameterizedTest(name = "{0}: autocommit {1}, read-only {2}, isolation {3}")
    @CsvSource(delimiter = '|', textBlock = """
        single | true | true  | 8
        queue  | true | true  | 8
        hikari | true | false | 2
        dbcp2  | true | true  | 8
        agroal | true | false | 2
        vibur  | true | true  | 8
        tomcat | true | true  | 8
        c3p0   | true | false | 2
        """)
    void whatEachPoolPutsBackAtItsNextBorrow(String strategy, boolean autoCommit, boolean readOnly, int isolation)
            throws SQLException {
        PoolSettings settings = PoolSettings.of(PoolStrategy.parse("strategy", strategy)).withPoolSize(1).withMaxOverflow(0);
        PhysicalConnections stub = PhysicalConnections.through(new StubDriver(), StubDriver.URL, "pb-test-stub");
        try (ConnectionPool pool = Pools.create(settings, stub)) {
            try (Connection c = pool.dataSource().getConnection()) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            }
            try (Connection c = pool.dataSource().getConnection()) {
                assertThat(c.getAutoCommit()).as("autocommit").isEqualTo(autoCommit);
                assertThat(c.isReadOnly()).as("read-only").isEqualTo(readOnly);
                assertThat(c.getTransactionIsolation()).as("isolation").isEqualTo(isolation);
            }
            assertThat(stub.opened()).as("one stub connection, lent twice").isEqualTo(1);
        }
    }
}
