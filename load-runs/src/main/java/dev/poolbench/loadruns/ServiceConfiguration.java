package dev.poolbench.loadruns;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.seeds.Seed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named way to start the service: its flags, and the network round trip put between it and the
 * database. The name is the {@code configuration} of the run's summary.
 *
 * <p>{@link #NAMED} holds the configurations the seeds describe, each with a one-line description citing
 * its seed file, and {@code promises}: the {@code service} object (as {@code /api/health/pool} reports it,
 * less its label) a service started with these flags must report. They all ask for {@code --transactions session}:
 * the seeds' services talk to the database through a SQLAlchemy session (BEGIN, the statement, COMMIT or ROLLBACK),
 * and the Java service is to make the same round trips (issue 17).
 *
 * @param name        e.g. {@code baseline}, {@code phase1}
 * @param flags       the service's flags, as on its command line
 * @param rtt         round trip added by a proxy between service and database; zero for none
 * @param description one line: what it is and which seed it comes from
 * @param promises    what the service reports of itself when started with {@code flags}; empty when not stated
 */
public record ServiceConfiguration(String name, List<String> flags, Duration rtt, String description,
                                   Map<String, Object> promises) {

    public ServiceConfiguration {
        flags = List.copyOf(flags);
        promises = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(promises));
    }

    public ServiceConfiguration(String name, List<String> flags, Duration rtt) {
        this(name, flags, rtt, "", Map.of());
    }

    /** What a service is started with to run this configuration: its name, then its flags. */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of("--configuration", name));
        arguments.addAll(flags);
        return arguments;
    }

    /** This configuration with the database {@code rtt} away. */
    public ServiceConfiguration at(Duration value) {
        return new ServiceConfiguration(name, flags, value, description, promises);
    }

    /** This configuration with more flags (a smaller table for a test, say); the promises stay. */
    public ServiceConfiguration withMoreFlags(List<String> more) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(more);
        return new ServiceConfiguration(name, all, rtt, description, promises);
    }

    /**
     * This configuration with {@code flag} set to {@code value} (replacing its value when the flags have it, else
     * added), under the name {@code newName}; the promises stay, but for that setting.
     */
    public ServiceConfiguration with(String newName, String flag, String value) {
        List<String> all = new ArrayList<>(flags);
        int at = all.indexOf(flag);
        if (at >= 0 && at + 1 < all.size()) {
            all.set(at + 1, value);
        } else {
            all.addAll(List.of(flag, value));
        }
        return new ServiceConfiguration(newName, all, rtt, description, Map.of());
    }

    private static final String SEED_000 = Seed.S000.cite();
    private static final String SEED_001 = Seed.S001.cite();
    private static final String SEED_002 = Seed.S002.cite();
    private static final String SEED_003_FILE = Seed.S003.cite();
    private static final String SEED_004 = Seed.S004.cite();
    /** Seeds 000, 003 and 004 describe synchronous Flask/FastAPI services: their JDBC runs on worker threads. */
    private static final String ON_WORKERS = "JDBC on 20 worker threads (a synchronous app with worker threads)";

    /** Every configuration the seeds describe, by name, in the order the claims run takes them. */
    public static final Map<String, ServiceConfiguration> NAMED = registry(
            Spec.queue(5, 10).eventLoop().named("baseline", SEED_001 + " before its changes: queue 5+10, timeout 30s, "
                    + "sync JDBC on the event loop (sync functions in async endpoints), no indexes, one row per request; "
                    + "the seed measured 2.28 ops/sec"),
            Spec.queue(20, 30).prePing().recycle("3600s").indexes().eventLoop().named("phase1", SEED_001
                    + " phase 1: queue 20+30, pre-ping, recycle 3600s, the four indexes; still on the event loop, as the "
                    + "phase changes only pool and indexes; claimed 7-11 ops/sec (3-5x)"),
            Spec.queue(20, 30).prePing().recycle("3600s").indexes().execution("reactive").named("phase2", SEED_001
                    + " phase 2: phase 1 on the non-blocking vertx-pg-client (the seed's asyncpg), pool of 50; "
                    + "claimed 20-45 ops/sec (10-20x)"),
            Spec.queue(20, 30).prePing().recycle("3600s").indexes().execution("worker").named("phase2-worker", SEED_001
                    + " phase 2, worker variant: phase 1 with JDBC moved off the event loop onto 20 worker threads"),
            Spec.queue(20, 30).prePing().recycle("3600s").indexes().execution("reactive").named("phase3", SEED_001
                    + " phase 3: phase 2 plus the bulk endpoint, the 200 creates sent as POST /api/todo/bulk "
                    + "(TodoApiSimulation's bulk mode); claimed 100-450 ops/sec (50-200x)"),
            Spec.pool("none", 5, 10).execution("worker").named("seed000-null", SEED_000 + " option 1, NullPool: a new "
                    + "connection for every request, none idle; " + ON_WORKERS),
            Spec.pool("static", 5, 10).execution("worker").named("seed000-static", SEED_000 + " option 2, StaticPool: "
                    + "one connection shared by every request; " + ON_WORKERS),
            Spec.queue(2, 1).execution("worker").named("seed000-queue-2+1", SEED_000 + " after its reduction: queue 2+1; "
                    + ON_WORKERS),
            Spec.queue(10, 20).execution("worker").named("seed000-queue-10+20", SEED_000 + " before its reduction: "
                    + "queue 10+20; " + ON_WORKERS),
            Spec.queue(5, 10).recycle("600s").execution("worker").named("seed003", SEED_003_FILE + " new configuration: "
                    + "queue 5+10, timeout 30s, recycle 600s; " + ON_WORKERS),
            Spec.queue(5, 10).timeout("20s").recycle("300s").prePing().cache("300s").retry("3x2s").execution("worker")
                    .named("seed004", SEED_004 + ": queue 5+10, timeout 20s, recycle 300s, pre-ping, a 5-minute read cache "
                            + "on GET by id, its retry decorator (3 tries, 2s then 4s apart); " + ON_WORKERS),
            Spec.queue(20, 30).prePing().recycle("3600s").jit("on").execution("worker").named("seed002-jit-on", SEED_002
                    + ": queue 20+30, timeout 30s, pre-ping, recycle 3600s, jit on (the control); JDBC on 20 worker threads"),
            Spec.queue(20, 30).prePing().recycle("3600s").jit("off").execution("worker").named("seed002-jit-off", SEED_002
                    + ": queue 20+30, timeout 30s, pre-ping, recycle 3600s, jit off \"for small queries\"; "
                    + "JDBC on 20 worker threads"));

    /** The seeds' starting point (seed 001's baseline): queue 5+10, timeout 30 s, event loop, indexes off. */
    public static final ServiceConfiguration BASELINE = NAMED.get("baseline");

    /**
     * A pool small enough, a timeout short enough and a database far enough (20 ms) that a load well
     * above capacity shows queueing and 503s within seconds.
     */
    public static final ServiceConfiguration EXHAUSTION = new ServiceConfiguration("small-pool-short-timeout",
            List.of("--execution", "worker", "--pool", "queue", "--pool-size", "2", "--max-overflow", "1",
                    "--pool-timeout", "250ms"),
            Duration.ofMillis(20));

    /** Seed 003's "new configuration": queue 5+10, timeout 30 s, recycle 600 s, JDBC off the event loop. */
    public static final ServiceConfiguration SEED_003 = NAMED.get("seed003");

    /** The named configuration; an unknown name is refused in one line listing the known ones. */
    public static ServiceConfiguration named(String name) {
        ServiceConfiguration configuration = NAMED.get(name.trim());
        if (configuration == null) {
            throw SettingsException.badValue("configuration", name, "one of " + String.join(", ", NAMED.keySet()));
        }
        return configuration;
    }

    private static Map<String, ServiceConfiguration> registry(ServiceConfiguration... configurations) {
        Map<String, ServiceConfiguration> named = new LinkedHashMap<>();
        for (ServiceConfiguration configuration : configurations) {
            named.put(configuration.name(), configuration);
        }
        return java.util.Collections.unmodifiableMap(named);
    }

    /**
     * A configuration in the seeds' terms. Every setting becomes both a flag and a promise, so a test can hold the
     * started service to what its flags asked for; the flags spell out every setting, not relying on the service's
     * defaults.
     */
    private static final class Spec {

        private final String pool;
        private final int poolSize;
        private final int maxOverflow;
        private String timeout = "30s";
        private String recycle = "0s";
        private boolean prePing;
        private boolean indexes;
        private String cacheTtl = "0s";
        private String jit = "default";
        private String execution = "event-loop";
        private final String transactions = "session";
        private String retry = "off";

        private Spec(String pool, int poolSize, int maxOverflow) {
            this.pool = pool;
            this.poolSize = poolSize;
            this.maxOverflow = maxOverflow;
        }

        static Spec queue(int poolSize, int maxOverflow) {
            return new Spec("queue", poolSize, maxOverflow);
        }

        static Spec pool(String strategy, int poolSize, int maxOverflow) {
            return new Spec(strategy, poolSize, maxOverflow);
        }

        Spec timeout(String value) {
            timeout = value;
            return this;
        }

        Spec recycle(String value) {
            recycle = value;
            return this;
        }

        Spec prePing() {
            prePing = true;
            return this;
        }

        Spec indexes() {
            indexes = true;
            return this;
        }

        Spec cache(String ttl) {
            cacheTtl = ttl;
            return this;
        }

        Spec jit(String value) {
            jit = value;
            return this;
        }

        /** Seed 004's retry decorator, as {@code --retry} writes it: {@code 3x2s}. */
        Spec retry(String value) {
            retry = value;
            return this;
        }

        Spec eventLoop() {
            return execution("event-loop");
        }

        Spec execution(String value) {
            execution = value;
            return this;
        }

        ServiceConfiguration named(String name, String description) {
            List<String> flags = List.of("--pool", pool, "--pool-size", Integer.toString(poolSize),
                    "--max-overflow", Integer.toString(maxOverflow), "--pool-timeout", timeout, "--recycle", recycle,
                    "--pre-ping", Boolean.toString(prePing), "--indexes", indexes ? "on" : "off", "--cache-ttl", cacheTtl,
                    "--jit", jit, "--execution", execution, "--transactions", transactions,
                    "--retry", retry);
            Map<String, Object> promises = new LinkedHashMap<>();
            promises.put("pool", execution.equals("reactive") ? "vertx-pg" : pool);
            promises.put("poolSize", poolSize);
            promises.put("maxOverflow", maxOverflow);
            promises.put("poolTimeoutMs", millis(timeout));
            promises.put("recycleMs", millis(recycle));
            promises.put("prePing", prePing);
            promises.put("indexes", indexes ? "on" : "off");
            promises.put("cacheTtlMs", millis(cacheTtl));
            promises.put("jit", jit);
            promises.put("execution", execution);
            promises.put("transactions", transactions);
            promises.put("retry", retry);
            return new ServiceConfiguration(name, flags, Duration.ZERO, description, promises);
        }

        /** "3600s" in milliseconds, read as the service reads its flag. */
        private static long millis(String duration) {
            return Settings.parseDuration("duration", duration).toMillis();
        }
    }
}
