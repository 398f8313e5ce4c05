package dev.poolbench.load.service;

import dev.poolbench.core.db.Database;
import dev.poolbench.load.reference.ReferenceStack;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference service (FastAPI + SQLAlchemy) as a child process on a free port, started the way load-runs'
 * ServiceProcess starts a service: the database in {@code BENCH_DB_*}, {@code -Dbench.db=external}, the
 * listening line awaited on stdout, its log (stderr) in a file. Closing stops it.
 */
final class ReferenceProcess implements AutoCloseable {

    /** ServiceProcess's pattern, unchanged. */
    static final Pattern LISTENING = Pattern.compile("^todo-service listening on (http://\\S+) \\((.*)\\)$");
    private static final long START_TIMEOUT_SECONDS = 120;

    final Http http;
    final String url;
    final String label;
    final String applicationName;
    final Path log;
    private final Process process;

    private ReferenceProcess(Process process, String url, String label, String applicationName, Path log) {
        this.process = process;
        this.url = url;
        this.label = label;
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
        List<String> command = new ArrayList<>(ReferenceStack.launcher());
        command.add("-Dbench.db=external");
        command.addAll(List.of("--port", "0", "--stop-with-parent", "--seed-rows", Integer.toString(seedRows),
                "--application-name", applicationName));
        command.addAll(flags);
        Path log = Files.createDirectories(Path.of("target", "reference-service"))
                .resolve(applicationName + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("BENCH_DB"));
        builder.environment().put("BENCH_DB_URL", database.jdbcUrl());
        builder.environment().put("BENCH_DB_USER", database.user());
        builder.environment().put("BENCH_DB_PASSWORD", database.password());
        Process process = builder.start();
        try {
            Matcher line = CompletableFuture.supplyAsync(() -> awaitListening(process))
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IOException("the reference service stopped before it listened: " + Files.readString(log));
            }
            return new ReferenceProcess(process, line.group(1), line.group(2), applicationName, log);
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the reference service did not listen within " + START_TIMEOUT_SECONDS + " s; its log: " + log, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Matcher awaitListening(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) {
                    Thread drain = new Thread(() -> {
                        try {
                            while (out.readLine() != null) {
                                // nothing else is printed on stdout; keep the pipe from filling
                            }
                        } catch (IOException e) {
                            // the process ended
                        }
                    }, "reference-service-stdout");
                    drain.setDaemon(true);
                    drain.start();
                    return m;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
