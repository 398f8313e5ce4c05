package dev.poolbench.core.db;

/**
 * The conversation through a {@link LatencyProxy}, counted: request/response exchanges (the round trips a
 * client waits for), the connections they went over, and the bytes each way. Take one before and one after a
 * piece of work; {@link #since} is what the work cost.
 *
 * @param connections   connections opened through the proxy
 * @param exchanges     client bursts answered by the server: one per round trip, however many TCP reads it took
 * @param bytesToServer bytes from clients to the server
 * @param bytesToClient bytes from the server to clients
 */
public record RoundTrips(long connections, long exchanges, long bytesToServer, long bytesToClient) {

    public static final RoundTrips NONE = new RoundTrips(0, 0, 0, 0);

    /** What happened between {@code earlier} and this. */
    public RoundTrips since(RoundTrips earlier) {
        return new RoundTrips(connections - earlier.connections, exchanges - earlier.exchanges,
                bytesToServer - earlier.bytesToServer, bytesToClient - earlier.bytesToClient);
    }

    RoundTrips plus(RoundTrips other) {
        return new RoundTrips(connections + other.connections, exchanges + other.exchanges,
                bytesToServer + other.bytesToServer, bytesToClient + other.bytesToClient);
    }
}
