package dev.poolbench.core.pool;

import java.time.Duration;
import java.time.Instant;

/**
 * A connection held longer than leakThreshold: which pool, when it was borrowed, on which thread, and
 * the stack of the code that borrowed it, from the caller of {@code getConnection()} outwards (the
 * leaking code path).
 */
public record LeakReport(String pool, Instant borrowedAt, Duration threshold, String thread, String borrowedFrom) {

    /** The code that called {@code getConnection()} and never gave the connection back: where to look first. */
    public String culprit() {
        int end = borrowedFrom.indexOf('\n');
        return end < 0 ? borrowedFrom : borrowedFrom.substring(0, end);
    }
}
