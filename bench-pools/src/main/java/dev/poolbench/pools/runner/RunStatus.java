package dev.poolbench.pools.runner;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a run finished ({@code run-status.json}, format {@value #FORMAT}). Written incomplete when
 * the run starts and after every JMH run, complete at the end; a run stopped by Ctrl-C (SIGINT) or a
 * kill is marked interrupted by a shutdown hook, so a report never presents half a run as a whole one.
 */
final class RunStatus implements AutoCloseable {

    static final String FORMAT = "poolbench-run-status/1";
    static final String FILE = "run-status.json";

    private final Path file;
    private final Map<String, Object> status = new LinkedHashMap<>();
    private final Thread onInterrupt;

    RunStatus(Path out, int plannedRuns) {
        this.file = out.resolve(FILE);
        status.put("format", FORMAT);
        status.put("complete", false);
        status.put("interrupted", false);
        status.put("startedAt", Instant.now().toString());
        status.put("endedAt", null);
        status.put("plannedJmhRuns", plannedRuns);
        status.put("finishedJmhRuns", 0);
        write();
        onInterrupt = new Thread(this::interrupted, "poolbench-run-status");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    synchronized void finishedJmhRun() {
        status.put("finishedJmhRuns", (Integer) status.get("finishedJmhRuns") + 1);
        write();
    }

    synchronized void complete() {
        status.put("complete", true);
        status.put("endedAt", Instant.now().toString());
        write();
    }

    private synchronized void interrupted() {
        if (!Boolean.TRUE.equals(status.get("complete"))) {
            status.put("interrupted", true);
            status.put("endedAt", Instant.now().toString());
            write();
            System.err.println("poolbench: run interrupted; the results so far are kept in " + file.getParent()
                    + " and marked incomplete");
        }
    }

    private void write() {
        try {
            Path partial = file.resolveSibling(FILE + ".partial");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), status);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run that ends normally, or with an error, removes the hook; only a signal leaves it to fire. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running
        }
    }
}
