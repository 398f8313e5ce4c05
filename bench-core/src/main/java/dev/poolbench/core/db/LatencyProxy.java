package dev.poolbench.core.db;

import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.core.throttle.DelayThrottler;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of PostgreSQL that adds a network round trip, as between an application and
 * a cloud database in another zone (the seeds' Supabase, Railway, RDS). Half the round trip is
 * added to each direction. It can also freeze traffic (a network stall) and cut every connection
 * (an outage), for the fault scenarios. NetCrusher does the proxying, in pure Java: this kernel has
 * no netem.
 *
 * <p>It also counts what passes: request/response exchanges per connection ({@link #roundTrips()}), the round
 * trips a client waited for, whatever the driver's protocol (issue 17: psycopg2 under SQLAlchemy sends BEGIN,
 * the statement and COMMIT separately; pgjdbc one autocommit statement).
 */
public final class LatencyProxy implements AutoCloseable {

    /** NetCrusher releases delayed data on this tick; 1 ms keeps a 2 ms round trip honest. */
    private static final long TICK_MS = 1;

    private final NioReactor reactor;
    private final TcpCrusher crusher;
    private final Duration rtt;
    private final ExchangeCounter exchanges;

    private LatencyProxy(NioReactor reactor, TcpCrusher crusher, Duration rtt, ExchangeCounter exchanges) {
        this.reactor = reactor;
        this.crusher = crusher;
        this.rtt = rtt;
        this.exchanges = exchanges;
    }

    /** Listens on a free loopback port and forwards to {@code host:port}, {@code rtt} slower. */
    public static LatencyProxy start(String host, int port, Duration rtt) {
        NioReactor reactor = null;
        try {
            reactor = new NioReactor(TICK_MS);
            long oneWayNs = rtt.toNanos() / 2;
            ExchangeCounter exchanges = new ExchangeCounter();
            TcpCrusherBuilder builder = TcpCrusherBuilder.builder()
                    .withReactor(reactor)
                    .withBindAddress("127.0.0.1", freePort())
                    .withConnectAddress(host, port)
                    .withTcpNoDelay(true)
                    // NetCrusher's "incoming" is what the proxy reads from the server, "outgoing" what it sends there
                    .withIncomingTransformFilterFactory(exchanges.toClient())
                    .withOutgoingTransformFilterFactory(exchanges.toServer());
            if (oneWayNs > 0) {
                builder.withIncomingThrottlerFactory(client -> new DelayThrottler(oneWayNs, TimeUnit.NANOSECONDS))
                        .withOutgoingThrottlerFactory(client -> new DelayThrottler(oneWayNs, TimeUnit.NANOSECONDS));
            }
            return new LatencyProxy(reactor, builder.buildAndOpen(), rtt, exchanges);
        } catch (IOException e) {
            if (reactor != null) {
                reactor.close();
            }
            throw new UncheckedIOException("could not start the latency proxy: " + e.getMessage(), e);
        }
    }

    public String host() {
        return crusher.getBindAddress().getHostString();
    }

    public int port() {
        return crusher.getBindAddress().getPort();
    }

    public Duration rtt() {
        return rtt;
    }

    /** Connections passing through right now. */
    public int clients() {
        return crusher.getClientAddresses().size();
    }

    /** Everything counted since the proxy started, over every connection it has carried (open or closed). */
    public RoundTrips roundTrips() {
        return exchanges.total();
    }

    /** Request/response exchanges of each connection the proxy has carried, in the order they were opened. */
    public List<Long> exchangesByConnection() {
        return exchanges.perConnection();
    }

    /** Holds all traffic, in both directions, until {@link #unfreeze()}: a network stall. */
    public void freeze() {
        crusher.freeze();
    }

    public void unfreeze() {
        crusher.unfreeze();
    }

    /** Closes every connection through the proxy at once, as a failover does; new ones still work. */
    public void cutAll() {
        crusher.closeAllPairs();
    }

    /**
     * The database goes away, as in a restart: every connection is cut and new ones are refused
     * until {@link #up()}.
     */
    public void down() {
        crusher.close();
    }

    /** The database is back, on the same address. */
    public void up() {
        crusher.open();
    }

    @Override
    public void close() {
        crusher.close();
        reactor.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
