package dev.poolbench.core.pool;

import com.zaxxer.hikari.HikariConfig;
import dev.poolbench.core.db.PhysicalConnections;

import java.sql.SQLException;
import java.util.function.Consumer;

/** Makes the pool a {@link PoolSettings} describes, drawing its connections from {@code physical}. */
public final class Pools {

    private Pools() {
    }

    /**
     * Opens nothing up front, except {@code hikari}, {@code vibur} and {@code c3p0}, which open poolSize connections
     * as they start.
     */
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
                return started(settings, () -> new HikariPool(settings, physical, hikariCustomizer));
            case DBCP2:
                return started(settings, () -> new Dbcp2Pool(settings, physical));
            case AGROAL:
                return started(settings, () -> new AgroalPool(settings, physical));
            case VIBUR:
                return started(settings, () -> new ViburPool(settings, physical));
            case TOMCAT:
                return started(settings, () -> new TomcatPool(settings, physical));
            case C3P0:
                return started(settings, () -> new C3p0Pool(settings, physical));
            default:
                throw new IllegalStateException("unreachable: " + settings.strategy());
        }
    }

    private interface Start {
        ConnectionPool start() throws SQLException;
    }

    /** A library's pool, started; a library that fails as it starts (HikariCP when it cannot connect) says which. */
    private static ConnectionPool started(PoolSettings settings, Start start) throws SQLException {
        try {
            return start.start();
        } catch (RuntimeException e) {
            throw new SQLException("could not start the " + settings.strategy().spelling() + " pool: " + e.getMessage(),
                    "08001", e);
        }
    }
}
