package dev.poolbench.core.pool;

import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.db.SimpleDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code agroal}: Agroal (Quarkus's pool), with poolbench's settings mapped onto its knobs:
 * <table>
 *   <caption>poolbench setting to Agroal setting</caption>
 *   <tr><td>poolSize + maxOverflow</td><td>maxSize</td></tr>
 *   <tr><td>poolSize</td><td>minSize (kept once opened); initialSize = 0: opened lazily</td></tr>
 *   <tr><td>maxOverflow closed on return</td><td>reapTimeout = 10 s: connections above minSize close after
 *       10 s idle, as with HikariCP</td></tr>
 *   <tr><td>poolTimeout</td><td>acquisitionTimeout</td></tr>
 *   <tr><td>recycle</td><td>maxLifetime (0 = never), retired in the background</td></tr>
 *   <tr><td>prePing</td><td>validateOnBorrow with the default validator ({@code Connection.isValid})</td></tr>
 *   <tr><td>lifo</td><td>no knob: Agroal first tries the connection this thread used last</td></tr>
 *   <tr><td>reset on return</td><td>Agroal's own: it sets autocommit back on (autoCommit = true) and has no
 *       rollback on return, so a transaction the borrower left open is <em>committed</em></td></tr>
 *   <tr><td>-</td><td>exceptionSorter = PostgreSQLExceptionSorter, as Quarkus sets for PostgreSQL: a connection
 *       that failed with a connection error is destroyed (Agroal's default sorter keeps it, and after a database
 *       restart the pool lends its dead connections forever: measured by FaultScenariosTest)</td></tr>
 *   <tr><td>-</td><td>metrics on (its active, available and awaiting counts are the snapshot); leakTimeout off
 *       (poolbench's leak detector)</td></tr>
 * </table>
 * Agroal makes its connection source itself from a class, so poolbench's connections reach it through
 * {@link Source}, which finds them by a key Agroal sets on it.
 */
final class AgroalPool extends LibraryPool {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<String, PhysicalConnections> SOURCES = new ConcurrentHashMap<>();

    private final String key;
    private final AgroalDataSource agroal;
    private final AgroalDataSourceMetrics metrics;

    AgroalPool(PoolSettings settings, PhysicalConnections physical) throws SQLException {
        super(settings, physical, "Agroal");
        this.key = "poolbench-agroal-" + SEQUENCE.incrementAndGet();
        SOURCES.put(key, physical);
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(settings.poolSize() + settings.maxOverflow())
                        .minSize(settings.poolSize())
                        .initialSize(0)
                        .reapTimeout(EXCESS_IDLE)
                        .acquisitionTimeout(settings.poolTimeout())
                        .maxLifetime(settings.recycle())
                        .validateOnBorrow(settings.prePing())
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(VALIDATION_TIMEOUT_SECONDS))
                        // without it Agroal keeps a connection whose server went away and lends it again and again
                        .exceptionSorter(new PostgreSQLExceptionSorter())
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(Source.class)
                                .jdbcProperty("key", key)
                                .autoCommit(true)));
        try {
            this.agroal = AgroalDataSource.from(configuration);
        } catch (SQLException | RuntimeException e) {
            SOURCES.remove(key);
            throw e;
        }
        this.metrics = agroal.getMetrics();
    }

    @Override
    Connection acquire() throws SQLException {
        return agroal.getConnection();
    }

    @Override
    boolean timedOut(SQLException e) {
        return "Sorry, acquisition timeout!".equals(e.getMessage());
    }

    @Override
    int active() {
        return (int) metrics.activeCount();
    }

    @Override
    int idle() {
        return (int) metrics.availableCount();
    }

    @Override
    int waiting() {
        return (int) metrics.awaitingCount();
    }

    @Override
    public void close() {
        agroal.close();
        SOURCES.remove(key);
    }

    /** The DataSource class Agroal instantiates: poolbench's connections for the pool whose key it is given. */
    public static final class Source extends SimpleDataSource {

        private PhysicalConnections physical;

        public void setKey(String key) {
            this.physical = SOURCES.get(key);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (physical == null) {
                throw new SQLException("no poolbench connections registered for this agroal pool", "08001");
            }
            return physical.open();
        }
    }
}
