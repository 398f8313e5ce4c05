package dev.poolbench.core.process;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service under test as a child process, so its threads and heap are its own and not the load generator's:
 * the Java service or the reference stack (FastAPI + SQLAlchemy), which take the same flags and environment and
 * print the same listening line. It is told the database through the environment (the password never on a
 * command line), listens on a free loopback port, and stops when closed, or by itself if this JVM dies first
 * ({@code --stop-with-parent}). Load runs and the services' own tests start services through it.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("^todo-service listening on (http://\\S+) \\((.*)\\)$");
    public static final long START_TIMEOUT_SECONDS = 180;
    /** How long a service that said where it listens may take to accept a connection there. */
    static final long ACCEPT_TIMEOUT_SECONDS = 10;

    private final Process process;
    private final String url;
    private final String label;

    private ServiceProcess(Process process, String url, String label) {
        this.process = process;
        this.url = url;
        this.label = label;
    }

    /**
     * Starts {@code launcher} (e.g. {@code java -jar todo-service.jar}, or the reference stack's script) with
     * {@code arguments} (e.g. {@code --configuration baseline --pool queue ...}) against {@code database}, and
     * waits until it says where it listens and accepts a connection there. Its log goes to {@code log}.
     */
    public static ServiceProcess start(List<String> launcher, List<String> arguments, Database database, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(launcher.subList(0, 1));
        command.add("-D" + DatabaseSettings.PROVIDER + "=external");
        command.addAll(launcher.subList(1, launcher.size()));
        command.addAll(List.of("--port", "0", "--stop-with-parent"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("BENCH_DB"));
        env.put(DatabaseSettings.URL_ENV, database.jdbcUrl());
        env.put(DatabaseSettings.USER_ENV, database.user());
        env.put(DatabaseSettings.PASSWORD_ENV, database.password());
        Process process = builder.start();
        CompletableFuture<Matcher> listening = CompletableFuture.supplyAsync(() -> awaitListening(process));
        try {
            Matcher line = listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IOException("the service stopped before it listened (exit "
                        + (process.isAlive() ? "-" : process.exitValue()) + "): " + lastLine(log) + " (its log: " + log + ")");
            }
            awaitAccepting(process, line.group(1), log);
            return new ServiceProcess(process, line.group(1), line.group(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while the service started", e);
        } catch (ExecutionException | TimeoutException | IOException e) {
            process.destroyForcibly();
            throw e instanceof IOException ? (IOException) e
                    : new IOException("the service did not say it listens within " + START_TIMEOUT_SECONDS + " s; its log: " + log, e);
        }
    }

    public String url() {
        return url;
    }

    /** The service's own description of its configuration: "queue 5+10, timeout 30s, event-loop, indexes off". */
    public String label() {
        return label;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the service: politely (its shutdown hook closes the pool), then by force after 15 s. */
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

    private static String lastLine(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException e) {
            // no log to quote
        }
        return "no output";
    }

    /**
     * The service said it listens at {@code url}: waits until a connection there is accepted, so a caller's first
     * request does not meet a port that is not listening yet or any more. A service that stopped after saying it
     * listens, or that refuses connections for {@value #ACCEPT_TIMEOUT_SECONDS} s, fails the start with its log's last
     * line. (Once, in CI, a reference service's first request was refused right after its listening line.)
     */
    private static void awaitAccepting(Process process, String url, Path log) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACCEPT_TIMEOUT_SECONDS);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 1_000);
                return;
            } catch (IOException refused) {
                if (!process.isAlive()) {
                    throw new IOException("the service said it listens on " + url + " and then stopped (exit "
                            + process.exitValue() + "): " + lastLine(log) + " (its log: " + log + ")");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the service said it listens on " + url + " but refused connections there for "
                            + ACCEPT_TIMEOUT_SECONDS + " s (" + refused.getMessage() + "); its log: " + log);
                }
            }
            Thread.sleep(50);
        }
    }

    /** Reads stdout until the "listening on" line; null if the process ends first. Keeps draining afterwards. */
    private static Matcher awaitListening(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) {
                    Thread drain = new Thread(() -> drain(out), "todo-service-stdout");
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

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the service prints nothing else on stdout; keep its pipe from filling
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
