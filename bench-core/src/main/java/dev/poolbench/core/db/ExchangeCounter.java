package dev.poolbench.core.db;

import org.netcrusher.core.filter.TransformFilter;
import org.netcrusher.core.filter.TransformFilterFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts request/response exchanges per connection as the proxy reads them: a burst of client bytes followed by
 * the server's answer is one exchange, however many reads either side took. That is the number of network round
 * trips a client waits for: pgjdbc's Parse/Bind/Execute/Sync in one write is one, psycopg2's BEGIN, statement and
 * COMMIT sent one after the other are three. A client that writes again before the answer comes (pipelining)
 * waits once, and is counted once.
 *
 * <p>NetCrusher hands each connection's bytes to a filter per direction, on its one reactor thread, right after
 * reading them and before any delay: the order seen here is the order on the wire.
 */
final class ExchangeCounter {

    private final List<Connection> connections = new ArrayList<>();
    private final Map<InetSocketAddress, Connection> byClient = new HashMap<>();

    /** For the proxy's client-to-server direction. */
    TransformFilterFactory toServer() {
        return client -> {
            Connection connection = connection(client, true);
            return bytes -> connection.fromClient(bytes.remaining());
        };
    }

    /** For the proxy's server-to-client direction. */
    TransformFilterFactory toClient() {
        return client -> {
            Connection connection = connection(client, false);
            return bytes -> connection.fromServer(bytes.remaining());
        };
    }

    synchronized RoundTrips total() {
        RoundTrips total = RoundTrips.NONE;
        for (Connection connection : connections) {
            total = total.plus(connection.counted());
        }
        return total;
    }

    /** Exchanges per connection, in the order the connections were opened. */
    synchronized List<Long> perConnection() {
        List<Long> exchanges = new ArrayList<>(connections.size());
        for (Connection connection : connections) {
            exchanges.add(connection.counted().exchanges());
        }
        return exchanges;
    }

    /**
     * The connection a direction's filter belongs to. Both directions of a new connection ask once each; a
     * direction asked for again on the same client address is a new connection (the port was reused).
     */
    private synchronized Connection connection(InetSocketAddress client, boolean toServer) {
        Connection connection = byClient.get(client);
        if (connection == null || connection.hasDirection(toServer)) {
            connection = new Connection();
            byClient.put(client, connection);
            connections.add(connection);
        }
        connection.takeDirection(toServer);
        return connection;
    }

    private static final class Connection {

        private boolean toServerTaken;
        private boolean toClientTaken;
        private boolean clientSpoke;
        private long exchanges;
        private long bytesToServer;
        private long bytesToClient;

        boolean hasDirection(boolean toServer) {
            return toServer ? toServerTaken : toClientTaken;
        }

        void takeDirection(boolean toServer) {
            if (toServer) {
                toServerTaken = true;
            } else {
                toClientTaken = true;
            }
        }

        synchronized void fromClient(int bytes) {
            if (bytes > 0) {
                clientSpoke = true;
                bytesToServer += bytes;
            }
        }

        synchronized void fromServer(int bytes) {
            if (bytes > 0) {
                if (clientSpoke) {
                    exchanges++;
                    clientSpoke = false;
                }
                bytesToClient += bytes;
            }
        }

        synchronized RoundTrips counted() {
            return new RoundTrips(1, exchanges, bytesToServer, bytesToClient);
        }
    }
}
