package dev.poolbench.load.service;

import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.Jit;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.todo.Transactions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The service's configuration, validated once (from the command line by {@link ServiceCommand}, or
 * built directly by a test). Defaults reproduce the seeds' baseline: SQLAlchemy's queue pool 5+10 with
 * a 30 s timeout, JDBC on the event loop, no indexes, no cache; but each statement in autocommit, the Java
 * service's own way, where the seeds' configurations (load-runs' ServiceConfiguration.NAMED) ask for
 * {@code --transactions session}, a SQLAlchemy session's round trips.
 *
 * @param pool          the JDBC pool; with {@link Execution#REACTIVE} only its sizes, timeout, recycle and
 *                      pre-ping apply, to vertx-pg-client's own pool (see {@link #poolName()})
 * @param indexes       seed 001's four indexes on the todos table
 * @param cacheTtl      seed 004's read cache for {@code GET /api/todo/{id}}; zero means no cache
 * @param jit           PostgreSQL's JIT for the service's sessions (seed 002); {@link Jit#DEFAULT} leaves the server's
 * @param execution     where the database calls run
 * @param transactions  how each call's statements are wrapped: autocommit, or a SQLAlchemy session's BEGIN,
 *                      statement, COMMIT or ROLLBACK (with connections set up as psycopg2 sets them up)
 * @param retry         seed 004's retry of a database call that failed with a connection error or the pool's timeout
 *                      ({@link RetryPolicy}); {@link RetryPolicy#OFF} by default
 * @param workerThreads Vert.x's worker pool size ({@link Execution#WORKER})
 * @param host          the address to listen on; loopback by default
 * @param port          the port; 0 picks a free one
 * @param seedRows      rows the todos table is filled with at start (after it is emptied)
 * @param configuration the configuration's name in results ({@value #CUSTOM} when flags were given one by one)
 * @param applicationName what the service's connections are called in {@code pg_stat_activity}
 */
public record ServiceOptions(PoolSettings pool, boolean indexes, Duration cacheTtl, Jit jit, Execution execution,
                             Transactions transactions, RetryPolicy retry, int workerThreads, String host, int port, int seedRows, String configuration,
                             String applicationName) {

    public static final String CUSTOM = "custom";
    public static final String DEFAULT_APPLICATION = "poolbench-service";
    public static final int DEFAULT_SEED_ROWS = 10_000;
    /** The first JDK with virtual threads. */
    static final int VIRTUAL_THREADS_JDK = 21;

    public ServiceOptions {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(jit, "jit");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(retry, "retry");
        configuration = configuration == null || configuration.isBlank() ? CUSTOM : configuration;
        applicationName = applicationName == null || applicationName.isBlank() ? DEFAULT_APPLICATION : applicationName;
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        if (execution == Execution.REACTIVE && pool.strategy() != PoolStrategy.QUEUE) {
            throw new SettingsException("--pool = '" + pool.strategy().spelling() + "' is not accepted with --execution "
                    + "reactive: vertx-pg-client brings its own pool, sized by --pool-size and --max-overflow (leave --pool at queue)");
        }
        if (execution == Execution.REACTIVE && retry.enabled()) {
            throw new SettingsException("--retry = '" + retry.spelling() + "' is not accepted with --execution reactive: "
                    + "seed 004's retry sleeps the calling thread between tries, as its decorator does (use it with "
                    + "event-loop, worker or virtual, or leave --retry off)");
        }
        if (execution == Execution.VIRTUAL && Runtime.version().feature() < VIRTUAL_THREADS_JDK) {
            throw new SettingsException("--execution = 'virtual' needs JDK " + VIRTUAL_THREADS_JDK
                    + " or newer (virtual threads); this is Java " + Runtime.version()
                    + ": run on JDK 21+ or choose one of event-loop, worker, reactive");
        }
    }

    /**
     * The seeds' baseline: queue 5+10, timeout 30 s, event loop, indexes off, no cache, the server's JIT, port 8080;
     * autocommit statements; no retry.
     */
    public static ServiceOptions defaults() {
        return new ServiceOptions(PoolSettings.of(PoolStrategy.QUEUE), false, Duration.ZERO, Jit.DEFAULT, Execution.EVENT_LOOP,
                Transactions.AUTOCOMMIT, RetryPolicy.OFF, 20, "127.0.0.1", 8080, DEFAULT_SEED_ROWS, CUSTOM, DEFAULT_APPLICATION);
    }

    public ServiceOptions withPool(PoolSettings value) {
        return new ServiceOptions(value, indexes, cacheTtl, jit, execution, transactions, retry, workerThreads, host, port, seedRows, configuration, applicationName);
    }

    public ServiceOptions withExecution(Execution value) {
        return new ServiceOptions(pool, indexes, cacheTtl, jit, value, transactions, retry, workerThreads, host, port, seedRows, configuration, applicationName);
    }

    public ServiceOptions withTransactions(Transactions value) {
        return new ServiceOptions(pool, indexes, cacheTtl, jit, execution, value, retry, workerThreads, host, port, seedRows, configuration, applicationName);
    }

    public ServiceOptions withRetry(RetryPolicy value) {
        return new ServiceOptions(pool, indexes, cacheTtl, jit, execution, transactions, value, workerThreads, host, port, seedRows, configuration, applicationName);
    }

    public ServiceOptions withCacheTtl(Duration value) {
        return new ServiceOptions(pool, indexes, value, jit, execution, transactions, retry, workerThreads, host, port, seedRows, configuration, applicationName);
    }

    public ServiceOptions withJit(Jit value) {
        return new ServiceOptions(pool, indexes, cacheTtl, value, execution, transactions, retry, workerThreads, host, port, seedRows, configuration, applicationName);
    }

    public ServiceOptions withIndexes(boolean value) {
        return new ServiceOptions(pool, value, cacheTtl, jit, execution, transactions, retry, workerThreads, host, port, seedRows, configuration, applicationName);
    }

    public ServiceOptions withPort(int value) {
        return new ServiceOptions(pool, indexes, cacheTtl, jit, execution, transactions, retry, workerThreads, host, value, seedRows, configuration, applicationName);
    }

    public ServiceOptions withSeedRows(int value) {
        return new ServiceOptions(pool, indexes, cacheTtl, jit, execution, transactions, retry, workerThreads, host, port, value, configuration, applicationName);
    }

    public ServiceOptions withApplicationName(String value) {
        return new ServiceOptions(pool, indexes, cacheTtl, jit, execution, transactions, retry, workerThreads, host, port, seedRows, configuration, value);
    }

    public ServiceOptions withConfiguration(String value) {
        return new ServiceOptions(pool, indexes, cacheTtl, jit, execution, transactions, retry, workerThreads, host, port, seedRows, value, applicationName);
    }

    /** The pool as results name it: the strategy, or {@code vertx-pg} for vertx-pg-client's own pool. */
    public String poolName() {
        return execution == Execution.REACTIVE ? "vertx-pg" : pool.strategy().spelling();
    }

    public boolean cached() {
        return !cacheTtl.isZero();
    }

    /**
     * "queue 5+10, timeout 30s, event-loop, indexes off": how results name this configuration ("..., session
     * transactions" in a SQLAlchemy session's style).
     */
    public String label() {
        String poolLabel = pool.label();
        if (execution == Execution.REACTIVE) {
            poolLabel = poolName() + poolLabel.substring(pool.strategy().spelling().length());
        }
        StringBuilder label = new StringBuilder(poolLabel)
                .append(", ").append(execution.spelling())
                .append(", indexes ").append(indexes ? "on" : "off");
        if (cached()) {
            label.append(", cache ttl ").append(show(cacheTtl));
        }
        if (jit != Jit.DEFAULT) {
            label.append(", jit ").append(jit.spelling());
        }
        if (transactions == Transactions.SESSION) {
            label.append(", session transactions");
        }
        if (retry.enabled()) {
            label.append(", retry ").append(retry.spelling());
        }
        return label.toString();
    }

    /** The {@code service} object of a {@code poolbench-load-result/1} summary. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pool", poolName());
        d.put("poolSize", pool.poolSize());
        d.put("maxOverflow", pool.maxOverflow());
        d.put("poolTimeoutMs", pool.poolTimeout().toMillis());
        d.put("recycleMs", pool.recycle().toMillis());
        d.put("prePing", pool.prePing());
        d.put("indexes", indexes ? "on" : "off");
        d.put("cacheTtlMs", cacheTtl.toMillis());
        d.put("jit", jit.spelling());
        d.put("execution", execution.spelling());
        d.put("transactions", transactions.spelling());
        d.put("retry", retry.spelling());
        d.put("label", label());
        return d;
    }

    static String show(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
