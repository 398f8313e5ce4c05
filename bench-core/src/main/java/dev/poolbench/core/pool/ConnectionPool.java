package dev.poolbench.core.pool;

import javax.sql.DataSource;

/**
 * A pool strategy at work: a plain {@link DataSource} whose {@code getConnection()} borrows and whose
 * connections' {@code close()} give back, plus a uniform stats snapshot. Made by {@link Pools#create}.
 */
public interface ConnectionPool extends AutoCloseable {

    PoolSettings settings();

    DataSource dataSource();

    PoolStats stats();

    /** Connections held longer than leakThreshold so far, each with where it was borrowed; empty when off. */
    java.util.List<LeakReport> leaks();

    /** Closes every connection the pool holds; connections still lent out are closed when returned. */
    @Override
    void close();
}
