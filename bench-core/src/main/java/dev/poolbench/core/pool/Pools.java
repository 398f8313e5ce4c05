package dev.poolbench.core.pool;

import com.zaxxer.hikari.HikariConfig;
import dev.poolbench.core.db.PhysicalConnections;

import java.sql.SQLException;
import java.util.function.Consumer;

/** Makes the pool a {@link PoolSettings} describes, drawing its connections from {@code physical}. */
public final class Pools {

    private Pools() {
    }

    /** Opens nothing up front, except {@code hikari}, which opens poolSize connections as it starts. */
    public static ConnectionPool create(PoolSettings settings, PhysicalConnections physical) throws SQLException {
        return create(settings, physical, config -> { });
    }

    /**
     * As {@link #create(PoolSettings, PhysicalConnections)}; {@code hikariCustomizer} sees HikariCP's
     * configuration before the pool starts (to attach its Micrometer metrics, say) and is ignored by
     * the other strategies.
     */
    public static ConnectionPool create(PoolSettings settings, PhysicalConnections physical,
                                        Consumer<HikariConfig> hikariCustomizer) throws SQLException {
        switch (settings.strategy()) {
            case NONE:
                return new NullPool(settings, physical);
            case STATIC:
                return new StaticPool(settings, physical);
            case SINGLE:
                return QueuePool.single(settings, physical);
            case QUEUE:
                return QueuePool.queue(settings, physical);
            case HIKARI:
                try {
                    return new HikariPool(settings, physical, hikariCustomizer);
                } catch (RuntimeException e) {
                    // HikariCP fails fast when it cannot open its first connection
                    throw new SQLException("could not start the hikari pool: " + e.getMessage(), "08001", e);
                }
            default:
                throw new IllegalStateException("unreachable: " + settings.strategy());
        }
    }
}
