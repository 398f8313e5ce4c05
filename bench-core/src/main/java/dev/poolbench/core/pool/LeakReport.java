package dev.poolbench.core.pool;

import java.time.Duration;
import java.time.Instant;

/**
 * A connection held longer than leakThreshold: which pool, for how long so far, on which thread, and
 * the stack of the code that borrowed it (the leaking code path).
 */
public record LeakReport(String pool, Instant borrowedAt, Duration threshold, String thread, String borrowedFrom) {

    /** The first frame outside poolbench's pool and the JDK: where to look first. */
    public String culprit() {
        for (String line : borrowedFrom.split("\n")) {
            String frame = line.trim();
            if (frame.startsWith("at ") && !frame.contains("dev.poolbench.core.pool.")
                    && !frame.startsWith("at java.") && !frame.startsWith("at jdk.")) {
                return frame.substring(3);
            }
        }
        return "(unknown)";
    }
}
