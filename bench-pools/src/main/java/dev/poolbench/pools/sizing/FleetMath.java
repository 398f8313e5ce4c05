package dev.poolbench.pools.sizing;

import dev.poolbench.results.Sizing;

/**
 * Whether a fleet of application instances fits the server: each instance may open its pool size plus its overflow,
 * and an ordinary role may open max_connections less superuser_reserved_connections and (PostgreSQL 16+)
 * reserved_connections.
 */
public final class FleetMath {

    private FleetMath() {
    }

    public static Sizing.Fleet fleet(Sizing.Server server, int perInstance, int instances) {
        int available = server.available();
        int needed = perInstance * instances;
        int largest = perInstance <= 0 ? 0 : Math.max(0, available) / perInstance;
        return new Sizing.Fleet(instances, perInstance, needed, available, needed <= available, largest);
    }
}
