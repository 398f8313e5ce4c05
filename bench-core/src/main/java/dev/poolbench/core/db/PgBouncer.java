package dev.poolbench.core.db;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * PgBouncer in front of a {@link Database}, whatever its provider: many put it in front of PostgreSQL (seed 003
 * runs through Supabase's pooler), and SQLAlchemy users ask for "QueuePool vs NullPool behind PgBouncer" (issue
 * 14). The harness runs Debian's {@code pgbouncer} ({@value #BINARY}) as a child process with its own
 * configuration, listening on a free loopback port, in {@code session} or {@code transaction} mode, and stops it
 * when closed (or when the JVM exits, through {@link Database}'s shutdown hook).
 *
 * <p><b>Where the password goes.</b> PgBouncer must log in to the server as the database's user, so it needs the
 * password, and 1.18 reads it from nowhere but a file (its {@code auth_file}, or a {@code password=} in its
 * configuration). That file lives in a directory of its own under {@code java.io.tmpdir}, outside the clone that
 * CI searches for the password: the directory is owner-only ({@code rwx------}), the auth file {@code rw-------}
 * and created so before anything is written to it, and both are deleted on {@link #close()}. Clients log in to
 * PgBouncer with the same user and password ({@code auth_type = scram-sha-256}, PostgreSQL's own default since
 * 14), so a loopback port that lets anyone in is never open; a database without a password (an embedded server
 * that trusts local logins) gets {@code auth_type = trust} on both sides.
 *
 * <p><b>Root.</b> PgBouncer refuses to run as root ("PgBouncer should not run as root"); as root it is started
 * with {@code -u nobody}. It reads its configuration and auth file before it drops to {@code nobody}, so the
 * files stay root's own; it is never asked to reload them.
 *
 * <p><b>Transaction mode</b> hands a server connection to a client for one transaction only, so a statement
 * prepared on one server connection is missing from (or clashes with) the next. pgjdbc prepares named statements
 * from the fifth execution on ({@code prepareThreshold=5}); through this layer in transaction mode its URL
 * carries {@value #TRANSACTION_MODE_PGJDBC}, so every statement goes unnamed. pgjdbc also sends
 * {@code extra_float_digits} at startup, which PgBouncer refuses unless told to ignore it.
 */
public final class PgBouncer implements AutoCloseable {

    /** Debian's package puts it here; CI installs it ({@code .ci/run}). */
    public static final String BINARY = "/usr/sbin/pgbouncer";

    /** PgBouncer's own {@code default_pool_size}: server connections per user and database. */
    public static final int DEFAULT_POOL_SIZE = 20;

    /** Past this a pool size is a typo; PostgreSQL's own max_connections defaults to 100. */
    public static final int MAX_POOL_SIZE = 1000;

    /** Client connections PgBouncer accepts: far more than any benchmark opens (its default is 100). */
    static final int MAX_CLIENT_CONNECTIONS = 2000;

    /** What pgjdbc's URL carries through a transaction-mode PgBouncer: no named prepared statements. */
    public static final String TRANSACTION_MODE_PGJDBC = "prepareThreshold=0";

    private static final long START_TIMEOUT_MS = 10_000;

    /** How PgBouncer lends server connections to clients ({@code pool_mode}). */
    public enum Mode {
        /** A server connection per client connection, for as long as the client keeps it. */
        SESSION,
        /** A server connection per transaction; between transactions the client holds none. */
        TRANSACTION;

        public String spelling() {
            return Settings.spelling(this);
        }
    }

    private final Process process;
    private final Path directory;
    private final Mode mode;
    private final int poolSize;
    private final int port;
    private final Database view;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PgBouncer(Process process, Path directory, Mode mode, int poolSize, int port, Database target) {
        this.process = process;
        this.directory = directory;
        this.mode = mode;
        this.poolSize = poolSize;
        this.port = port;
        JdbcUrl url = JdbcUrl.parse(target.jdbcUrl());
        String through = url.withHostAndPort("127.0.0.1", port);
        if (mode == Mode.TRANSACTION) {
            through += (url.rest().isEmpty() ? "?" : "&") + TRANSACTION_MODE_PGJDBC;
        }
        this.view = new Database(target.provider(), through, target.user(), target.password(),
                target.description() + ", through " + label(), this);
    }

    /** Empty when PgBouncer can run here; otherwise one line saying why not and how to fix it. */
    public static Optional<String> unavailable() {
        return Files.isExecutable(Path.of(BINARY)) ? Optional.empty()
                : Optional.of("pgbouncer is not installed (no " + BINARY + "): apt-get install pgbouncer");
    }

    /**
     * The first line of {@code pgbouncer --version} ({@code PgBouncer 1.18.0}), for the environment record of a run
     * that measured behind it; otherwise the reason it cannot run here or did not answer.
     */
    public static String version() {
        Optional<String> missing = unavailable();
        if (missing.isPresent()) {
            return missing.get();
        }
        try {
            Process p = new ProcessBuilder(BINARY, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int exit = p.waitFor();
            String first = out.lines().findFirst().orElse("").strip();
            return exit == 0 && !first.isEmpty() ? first : BINARY + " --version exited " + exit + ": " + first;
        } catch (java.io.IOException e) {
            return BINARY + " --version failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BINARY + " --version interrupted";
        }
    }

    /**
     * Starts PgBouncer in front of {@code target} in {@code mode} with {@code poolSize} server connections
     * ({@code default_pool_size}), and waits until it accepts connections. Closing it does not close {@code target}.
     */
    public static PgBouncer start(Database target, Mode mode, int poolSize) {
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw SettingsException.badValue("pgbouncer pool size", poolSize, "a whole number from 1 to " + MAX_POOL_SIZE);
        }
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        Path directory;
        try {
            directory = Files.createTempDirectory("poolbench-pgbouncer-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make pgbouncer's directory: " + e.getMessage(), e);
        }
        try {
            JdbcUrl server = JdbcUrl.parse(target.jdbcUrl());
            writeOwnerOnly(directory.resolve("users.txt"), quote(target.user()) + " " + quote(target.password()) + "\n");
            int port = freePort();
            writeOwnerOnly(directory.resolve("pgbouncer.ini"),
                    configuration(server, directory, port, mode, poolSize, target.password().isEmpty()));
            Process process = launch(directory);
            awaitListening(process, port, directory);
            return new PgBouncer(process, directory, mode, poolSize, port, target);
        } catch (IOException | RuntimeException e) {
            deleteDirectory(directory);
            throw e instanceof IOException ? new UncheckedIOException(e.getMessage(), (IOException) e)
                    : (RuntimeException) e;
        }
    }

    /**
     * {@code target} as seen through this PgBouncer: same user, password and database, on PgBouncer's port (with
     * {@value #TRANSACTION_MODE_PGJDBC} in transaction mode). Closing it stops PgBouncer, not {@code target}.
     */
    public Database database() {
        return view;
    }

    public Mode mode() {
        return mode;
    }

    /** Server connections PgBouncer keeps for this database and user ({@code default_pool_size}). */
    public int poolSize() {
        return poolSize;
    }

    public int port() {
        return port;
    }

    /** The private directory with its configuration, auth file and log; deleted on close. */
    public Path directory() {
        return directory;
    }

    /** "pgbouncer (transaction mode, pool 20, prepareThreshold=0)": for logs and reports. */
    public String label() {
        return "pgbouncer (" + mode.spelling() + " mode, pool " + poolSize
                + (mode == Mode.TRANSACTION ? ", " + TRANSACTION_MODE_PGJDBC : "") + ")";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops PgBouncer (SIGTERM, then by force after 10 s) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteDirectory(directory);
        view.close(); // unregisters its shutdown hook; it closes nothing more
    }

    static String configuration(JdbcUrl server, Path directory, int port, Mode mode, int poolSize, boolean trust) {
        return String.join("\n",
                "; written by poolbench for one run; deleted when it stops",
                "[databases]",
                // every database name the client asks for, on the target server
                "* = host=" + server.host() + " port=" + server.port(),
                "",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "pidfile =",
                "logfile =",
                "auth_type = " + (trust ? "trust" : "scram-sha-256"),
                "auth_file = " + directory.resolve("users.txt"),
                "pool_mode = " + mode.spelling(),
                "default_pool_size = " + poolSize,
                "max_client_conn = " + MAX_CLIENT_CONNECTIONS,
                // pgjdbc sends it in every startup packet
                "ignore_startup_parameters = extra_float_digits",
                "");
    }

    private static Process launch(Path directory) throws IOException {
        List<String> command = new ArrayList<>(List.of(BINARY));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.add(directory.resolve("pgbouncer.ini").toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("pgbouncer.log").toFile()))
                .start();
    }

    /** Until a TCP connect to the port succeeds; refuses when PgBouncer exits first or takes too long. */
    private static void awaitListening(Process process, int port, Path directory) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("pgbouncer stopped before it listened (exit " + process.exitValue() + "): "
                        + lastLine(directory.resolve("pgbouncer.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("pgbouncer did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT_MS + " ms: "
                + lastLine(directory.resolve("pgbouncer.log")));
    }

    /** A user or password as PgBouncer's auth file spells it: in double quotes, a double quote doubled. */
    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pgbouncer started", e);
        }
    }

    private static void deleteDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("poolbench: could not delete pgbouncer's directory " + directory + ": " + e.getMessage());
        }
    }
}
