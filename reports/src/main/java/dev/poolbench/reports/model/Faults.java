package dev.poolbench.reports.model;

import java.util.List;

/**
 * bench-pools' fault scenarios (format poolbench-faults/1): restarts, freezes, leaks and the lost-writes probe,
 * each a count of real calls made while the fault happened. {@code lostWrites} is empty for files written before
 * the probe existed.
 */
public record Faults(long outageMs, long freezeMs, long poolTimeoutMs, long socketTimeoutMs,
                     List<Outage> outages, List<Freeze> freezes, List<Leak> leaks, List<LostWrites> lostWrites) {

    /** A restart: under-load or while-idle, per pool and prePing. */
    public record Outage(String pool, String when, boolean prePing, long callsBefore, long errorsBefore,
                         long callsDuringOutage, long errorsDuringOutage, long slowestCallDuringOutageMs,
                         long errorsAfterReturn, Long firstSuccessMs, boolean recovered, int hung, List<String> sampleErrors) {
    }

    public record Freeze(String pool, long callsDuringFreeze, long poolTimeouts, long slowestPoolTimeoutMs,
                         long otherErrors, long slowestCallMs, int hung, Long firstSuccessAfterThawMs, boolean recovered) {
    }

    public record Leak(String pool, long thresholdMs, int leaked, int reported, String culprit, Long detectedAfterMs) {
    }

    /** Concurrent transactions through one pool: committed writes missing ({@code lost}), rolled-back ones kept. */
    public record LostWrites(String pool, int writers, int readers, int requests, long committed, long rolledBack,
                             long lost, long wronglyKept, long failed) {
    }
}
