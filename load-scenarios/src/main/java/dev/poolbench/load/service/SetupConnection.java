package dev.poolbench.load.service;

import dev.poolbench.core.db.ForwardingConnection;
import dev.poolbench.core.db.SimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The service's table preparation (create, empty, indexes, seed) through one connection, lent again and again:
 * bench-core's TodoSchema asks for a connection per step, and behind a cloud-like round trip every new
 * connection costs several (TCP, startup, authentication). Closing what it lends does nothing; closing this
 * closes the connection.
 */
final class SetupConnection extends SimpleDataSource implements AutoCloseable {

    private final Connection connection;

    SetupConnection(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Connection getConnection() {
        return new ForwardingConnection(connection) {
            @Override
            public void close() {
                // kept for the next step; SetupConnection.close() closes it
            }
        };
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
