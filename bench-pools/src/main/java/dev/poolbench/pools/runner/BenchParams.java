package dev.poolbench.pools.runner;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.Jit;
import dev.poolbench.core.db.PgBouncer;
import dev.poolbench.core.db.Pooler;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.todo.InsertMode;
import dev.poolbench.pools.ThreadKind;
import org.openjdk.jmh.runner.options.Options;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Checks every {@code -p name=values} before any database work, so a typo fails in a second with a
 * message naming it, not after a container has started. The names are fixed so runs compare across time.
 */
final class BenchParams {

    static final List<String> NAMES = List.of("strategy", "poolSize", "maxOverflow", "prePing", "insertMode",
            "batchSize", "rewrite", "indexed", "rows", "jit", "callers", "threadKind", "pooler");

    private static final Set<String> BOOLEANS = Set.of("prePing", "rewrite", "indexed");

    private BenchParams() {
    }

    static void validate(Options options, Collection<String> given) {
        for (String name : given) {
            if (!NAMES.contains(name)) {
                throw new SettingsException("-p " + name + " is not a poolbench parameter: one of " + String.join(", ", NAMES));
            }
        }
        for (String name : NAMES) {
            org.openjdk.jmh.util.Optional<Collection<String>> values = options.getParameter(name);
            if (!values.hasValue()) {
                continue;
            }
            for (String value : values.get()) {
                check(name, value);
            }
        }
    }

    private static void check(String name, String value) {
        if (BOOLEANS.contains(name)) {
            // JMH would read anything but "true" as false; refuse instead
            if (!value.equals("true") && !value.equals("false")) {
                throw SettingsException.badValue(name, value, "true or false");
            }
            return;
        }
        switch (name) {
            case "strategy": PoolStrategy.parse(name, value); break;
            case "insertMode": InsertMode.parse(name, value); break;
            case "poolSize": Settings.parseInt(name, value, 1, PoolSettings.MAX_SIZE); break;
            case "maxOverflow": Settings.parseInt(name, value, 0, PoolSettings.MAX_SIZE); break;
            case "batchSize": Settings.parseInt(name, value, 1, 100_000); break;
            case "rows": Settings.parseInt(name, value, 1, 10_000_000); break;
            case "callers": Settings.parseInt(name, value, 1, 1_000); break;
            case "jit": Jit.parameter(name, value); break;
            case "threadKind": ThreadKind.parse(value); break;
            case "pooler": checkPooler(name, value); break;
            default: throw new IllegalStateException("unchecked parameter " + name);
        }
    }

    /** A PgBouncer pooler where PgBouncer is not installed is refused here, in one line, not in a fork. */
    private static void checkPooler(String name, String value) {
        Pooler pooler = Pooler.parse(name, value);
        if (pooler.pgbouncerMode().isPresent()) {
            PgBouncer.unavailable().ifPresent(why -> {
                throw new SettingsException("-p " + name + "=" + value + " needs pgbouncer, but " + why);
            });
        }
    }
}
