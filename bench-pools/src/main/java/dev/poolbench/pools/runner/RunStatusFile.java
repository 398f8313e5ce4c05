package dev.poolbench.pools.runner;

import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.RunStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Keeps {@code run-status.json} ({@link RunStatus}) saying whether the run finished. Written incomplete when
 * the run starts and after every JMH run, complete at the end; a run stopped by Ctrl-C (SIGINT) or a
 * kill is marked interrupted by a shutdown hook, so a report never presents half a run as a whole one.
 */
final class RunStatusFile implements AutoCloseable {

    private final Path file;
    private final Thread onInterrupt;
    private RunStatus status;

    RunStatusFile(Path out, int plannedRuns) {
        this.file = out.resolve(RunStatus.FORMAT.fileName());
        status = new RunStatus(false, false, Instant.now().toString(), null, plannedRuns, 0);
        write();
        onInterrupt = new Thread(this::interrupted, "poolbench-run-status");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    synchronized void finishedJmhRun() {
        status = new RunStatus(status.complete(), status.interrupted(), status.startedAt(), status.endedAt(),
                status.plannedJmhRuns(), status.finishedJmhRuns() + 1);
        write();
    }

    synchronized void complete() {
        status = new RunStatus(true, status.interrupted(), status.startedAt(), Instant.now().toString(),
                status.plannedJmhRuns(), status.finishedJmhRuns());
        write();
    }

    private synchronized void interrupted() {
        if (!status.complete()) {
            status = new RunStatus(false, true, status.startedAt(), Instant.now().toString(), status.plannedJmhRuns(),
                    status.finishedJmhRuns());
            write();
            System.err.println("poolbench: run interrupted; the results so far are kept in " + file.getParent()
                    + " and marked incomplete");
        }
    }

    private void write() {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            ResultFiles.write(partial, RunStatus.FORMAT, status);
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
