package dev.poolbench.load.service;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.process.ServiceProcess;
import dev.poolbench.load.reference.ReferenceStack;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reference service (FastAPI + SQLAlchemy) as the tests use it: started by {@link ServiceProcess}, as load
 * runs start it, under an application name of its own (so a test can find its backends) and over a table of a
 * given size, with an {@link Http} client on its address.
 */
final class ReferenceProcess implements AutoCloseable {

    final Http http;
    final String url;
    final String label;
    final String applicationName;
    final Path log;
    private final ServiceProcess process;

    private ReferenceProcess(ServiceProcess process, String applicationName, Path log) {
        this.process = process;
        this.url = process.url();
        this.label = process.label();
        this.applicationName = applicationName;
        this.log = log;
        this.http = new Http(url);
    }

    /** Skips the calling test, in one line naming what to install, when /usr/bin/python3 lacks the packages. */
    static void assumeAvailable() {
        Optional<String> missing = ReferenceStack.onDebianPython().unavailable();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "reference stack skipped: " + missing.orElseThrow());
    }

    /** Starts it with {@code flags} against {@code database}, a table of {@code seedRows} rows. */
    static ReferenceProcess start(Database database, int seedRows, List<String> flags) throws IOException {
        String applicationName = "pb-test-reference-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> arguments = new ArrayList<>(List.of("--seed-rows", Integer.toString(seedRows),
                "--application-name", applicationName));
        arguments.addAll(flags);
        Path log = Files.createDirectories(Path.of("target", "reference-service")).resolve(applicationName + ".log");
        return new ReferenceProcess(ServiceProcess.start(ReferenceStack.launcher(), arguments, database, log),
                applicationName, log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
