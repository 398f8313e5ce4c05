package dev.poolbench.load.service;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.Jit;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.todo.Transactions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;

/**
 * The service's flags. picocli finds them; every value is then checked here, once, by bench-core's
 * parsers, so a bad one stops start-up with one line naming the flag, the value and what is accepted:
 * {@code --pool = 'fast' is not accepted: one of none, static, single, queue, hikari, dbcp2, agroal, vibur, tomcat, c3p0}.
 */
@Command(name = "todo-service", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The seeds' TODO API over a real PostgreSQL, every pool knob a flag.",
                "The database comes from bench.db* system properties or BENCH_DB_* environment variables."})
final class ServiceCommand {

    @Option(names = "--pool", paramLabel = "none|static|single|queue|hikari|dbcp2|agroal|vibur|tomcat|c3p0",
            defaultValue = "queue", description = "JDBC pool strategy (default: ${DEFAULT-VALUE})")
    String pool;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "5",
            description = "connections kept once opened, 1-1000 (default: ${DEFAULT-VALUE})")
    String poolSize;

    @Option(names = "--max-overflow", paramLabel = "N", defaultValue = "10",
            description = "more connections under load, closed on return, 0-1000 (default: ${DEFAULT-VALUE})")
    String maxOverflow;

    @Option(names = "--pool-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "how long a request waits for a connection before 503 (default: ${DEFAULT-VALUE})")
    String poolTimeout;

    @Option(names = "--recycle", paramLabel = "DURATION", defaultValue = "0",
            description = "replace connections older than this; 0 = never (default: ${DEFAULT-VALUE})")
    String recycle;

    @Option(names = "--pre-ping", paramLabel = "true|false", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "check each connection with a round trip when borrowed (default: ${DEFAULT-VALUE})")
    String prePing;

    @Option(names = "--indexes", paramLabel = "on|off", defaultValue = "off",
            description = "seed 001's four indexes on the todos table (default: ${DEFAULT-VALUE})")
    String indexes;

    @Option(names = "--cache-ttl", paramLabel = "DURATION", defaultValue = "0",
            description = "seed 004's read cache for GET /api/todo/{id}; 0 = off (default: ${DEFAULT-VALUE})")
    String cacheTtl;

    @Option(names = "--jit", paramLabel = "default|on|off", defaultValue = "default",
            description = "PostgreSQL's JIT for the service's sessions (seed 002: off); default leaves the server's (default: ${DEFAULT-VALUE})")
    String jit;

    @Option(names = "--execution", paramLabel = "event-loop|worker|virtual|reactive", defaultValue = "event-loop",
            description = "where database calls run (default: ${DEFAULT-VALUE})")
    String execution;

    @Option(names = "--transactions", paramLabel = "autocommit|session", defaultValue = "autocommit",
            description = "each statement in autocommit, or as a SQLAlchemy session sends it: BEGIN, the statement, "
                    + "COMMIT (writes) or ROLLBACK (reads), connections set up as psycopg2's (default: ${DEFAULT-VALUE})")
    String transactions;

    @Option(names = "--retry", paramLabel = "off|TRIESxBACKOFF", defaultValue = "off",
            description = "seed 004's retry: a call that failed with a connection error or the pool's timeout is tried "
                    + "again, up to TRIES times in all, sleeping BACKOFF, then twice that, between tries; 3x2s is the "
                    + "seed's (default: ${DEFAULT-VALUE})")
    String retry;

    @Option(names = "--worker-threads", paramLabel = "N", defaultValue = "20",
            description = "Vert.x worker pool size for --execution worker, 1-1000 (default: ${DEFAULT-VALUE})")
    String workerThreads;

    @Option(names = "--seed-rows", paramLabel = "N", defaultValue = "" + ServiceOptions.DEFAULT_SEED_ROWS,
            description = "todos the table is filled with at start, after emptying it (default: ${DEFAULT-VALUE})")
    String seedRows;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "port to listen on; 0 = any free port (default: ${DEFAULT-VALUE})")
    String port;

    @Option(names = "--configuration", paramLabel = "NAME", defaultValue = ServiceOptions.CUSTOM,
            description = "this configuration's name in results (default: ${DEFAULT-VALUE})")
    String configuration;

    @Option(names = "--stop-with-parent", hidden = true,
            description = "exit when the process that started this one is gone (used by LoadRun)")
    boolean stopWithParent;

    /** Parses {@code args}; a bad flag or value throws {@link SettingsException} with the one line to print. */
    static ParsedCommand parse(String... args) {
        ServiceCommand command = new ServiceCommand();
        CommandLine cli = new CommandLine(command);
        CommandLine.ParseResult result;
        try {
            result = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new SettingsException(firstLine(e.getMessage()) + " (see --help)");
        }
        if (result.isUsageHelpRequested()) {
            return new ParsedCommand(null, cli.getUsageMessage(), false);
        }
        if (result.isVersionHelpRequested()) {
            return new ParsedCommand(null, "todo-service (poolbench)", false);
        }
        return new ParsedCommand(command.toOptions(), null, command.stopWithParent);
    }

    /** The options these flags describe, every value checked. */
    ServiceOptions toOptions() {
        PoolStrategy strategy = Settings.parseChoice("--pool", pool, PoolStrategy.class);
        int size = Settings.parseInt("--pool-size", poolSize, 1, PoolSettings.MAX_SIZE);
        int overflow = Settings.parseInt("--max-overflow", maxOverflow, 0, PoolSettings.MAX_SIZE);
        Duration timeout = Settings.parseDuration("--pool-timeout", poolTimeout);
        Duration recycleAfter = Settings.parseDuration("--recycle", recycle);
        boolean ping = Settings.parseBoolean("--pre-ping", prePing);
        boolean indexed = onOff("--indexes", indexes);
        Duration ttl = Settings.parseDuration("--cache-ttl", cacheTtl);
        Jit sessionJit = Jit.parse("--jit", jit);
        Execution where = Settings.parseChoice("--execution", execution, Execution.class);
        Transactions wrapping = Transactions.parse("--transactions", transactions);
        RetryPolicy retrying = RetryPolicy.parse("--retry", retry);
        int workers = Settings.parseInt("--worker-threads", workerThreads, 1, 1000);
        int rows = Settings.parseInt("--seed-rows", seedRows, 0, 10_000_000);
        int listenPort = Settings.parseInt("--port", port, 0, 65_535);
        PoolSettings poolSettings;
        try {
            poolSettings = new PoolSettings(strategy, size, overflow, timeout, recycleAfter, ping, false, Duration.ZERO);
        } catch (SettingsException e) {
            throw new SettingsException(asFlags(e.getMessage()));
        }
        return new ServiceOptions(poolSettings, indexed, ttl, sessionJit, where, wrapping, retrying, workers, host, listenPort, rows, configuration,
                ServiceOptions.DEFAULT_APPLICATION);
    }

    private static boolean onOff(String flag, String value) {
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on": return true;
            case "off": return false;
            default: throw SettingsException.badValue(flag, value, "on or off");
        }
    }

    /** PoolSettings names its fields ("poolTimeout = ..."); the user typed flags. */
    private static String asFlags(String message) {
        Map<String, String> flags = Map.of("poolSize", "--pool-size", "maxOverflow", "--max-overflow",
                "poolTimeout", "--pool-timeout", "recycle", "--recycle");
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            if (message.startsWith(flag.getKey() + " = ")) {
                return flag.getValue() + message.substring(flag.getKey().length());
            }
        }
        return message;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }

    /** What the command line asked for: options to run with, or text to print and exit. */
    record ParsedCommand(ServiceOptions options, String printAndExit, boolean stopWithParent) {
    }
}
