package dev.poolbench.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What one step showed: {@code "ok"}, an error class ({@code pool-timeout}, {@code disconnect},
 * {@code connect-failed}), a server figure, the rows; a backend pid; the wait in ms of a timed step; an error's
 * text when the step asks for it.
 */
record Observation(String value, Integer pid, Long ms, String message) {

    static Observation of(String value) {
        return new Observation(value, null, null, null);
    }

    static Observation fromJson(JsonNode node) {
        return new Observation(node.get("value").asText(),
                node.hasNonNull("pid") ? node.get("pid").asInt() : null,
                node.hasNonNull("ms") ? node.get("ms").asLong() : null,
                node.hasNonNull("message") ? node.get("message").asText() : null);
    }

    /**
     * As the table shows it: a pid as its symbol in this run (p1 for the first backend seen, p2 for the next...),
     * then the wait and the message when there are.
     */
    String shown(Map<Integer, String> pidSymbols) {
        String shown = pid != null ? symbol(pidSymbols) : value;
        if (ms != null) {
            shown += " after " + ms + " ms";
        }
        return message == null ? shown : shown + ": " + message;
    }

    /** What must be equal between the two runs: all of {@link #shown} but the wait, which is compared with a tolerance. */
    String withoutWait(Map<Integer, String> pidSymbols) {
        String shown = pid != null ? symbol(pidSymbols) : value;
        return message == null ? shown : shown + ": " + message;
    }

    private String symbol(Map<Integer, String> pidSymbols) {
        return pidSymbols.computeIfAbsent(pid, p -> "p" + (pidSymbols.size() + 1));
    }
}
