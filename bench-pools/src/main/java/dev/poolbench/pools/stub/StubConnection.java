package dev.poolbench.pools.stub;

import dev.poolbench.core.db.ForwardingConnection;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.Executor;

/**
 * A connection of {@link StubDriver}'s. The calls pools make at checkout, reset and validation are plain code
 * here (no reflection, so they cost what a real driver's in-memory answers cost); the rest go to a stand-in that
 * refuses them, naming the call, so a pool that needs one more shows it at once.
 */
final class StubConnection extends ForwardingConnection {

    private static final Connection UNSUPPORTED = (Connection) Proxy.newProxyInstance(
            StubConnection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                throw new SQLFeatureNotSupportedException("the stub driver's connection does not support "
                        + method.getName());
            });

    private volatile boolean closed;
    private boolean autoCommit = true;
    private boolean readOnly;
    private int isolation = Connection.TRANSACTION_READ_COMMITTED;
    private String catalog = "poolbench";
    private String schema = "public";
    private int networkTimeout;

    StubConnection() {
        super(UNSUPPORTED);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isValid(int timeoutSeconds) {
        return !closed;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        open();
        return autoCommit;
    }

    /** As JDBC says, turning autocommit on commits; the stub has nothing to commit. */
    @Override
    public void setAutoCommit(boolean value) throws SQLException {
        open();
        autoCommit = value;
    }

    @Override
    public void commit() throws SQLException {
        inTransaction("commit");
    }

    @Override
    public void rollback() throws SQLException {
        inTransaction("rollback");
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        open();
        return readOnly;
    }

    @Override
    public void setReadOnly(boolean value) throws SQLException {
        open();
        readOnly = value;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        open();
        return isolation;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        open();
        isolation = level;
    }

    @Override
    public String getCatalog() throws SQLException {
        open();
        return catalog;
    }

    @Override
    public void setCatalog(String value) throws SQLException {
        open();
        catalog = value;
    }

    @Override
    public String getSchema() throws SQLException {
        open();
        return schema;
    }

    @Override
    public void setSchema(String value) throws SQLException {
        open();
        schema = value;
    }

    @Override
    public int getNetworkTimeout() {
        return networkTimeout;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        open();
        networkTimeout = milliseconds;
    }

    @Override
    public int getHoldability() {
        return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        open();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        open();
    }

    @Override
    public Statement createStatement() throws SQLException {
        open();
        return StubStatement.create(this);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        open();
        return StubStatement.create(this);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("the stub connection wraps nothing");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "StubConnection";
    }

    private void open() throws SQLException {
        if (closed) {
            throw new SQLException("this stub connection is closed", "08003");
        }
    }

    private void inTransaction(String what) throws SQLException {
        open();
        if (autoCommit) {
            throw new SQLException("cannot " + what + " when autoCommit is enabled");
        }
    }
}
