package dev.poolbench.core.probe;

/**
 * What the server sees of one application's connections ({@code pg_stat_activity}): the figure seed
 * 000 checks by hand with {@code SELECT count(*) FROM pg_stat_activity WHERE state = 'active'}.
 */
public record ServerConnectionCounts(int active, int idle, int idleInTransaction, int total) {
}
