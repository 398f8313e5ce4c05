package dev.poolbench.load.run;

import java.time.Duration;
import java.util.List;

/**
 * A named way to start the service: its flags, and the network round trip put between it and the
 * database. The name is the {@code configuration} of the run's summary.
 *
 * @param name  e.g. {@code baseline}, {@code seed-001-phase-1}
 * @param flags the service's flags, as on its command line
 * @param rtt   round trip added by a proxy between service and database; zero for none
 */
public record ServiceConfiguration(String name, List<String> flags, Duration rtt) {

    public ServiceConfiguration {
        flags = List.copyOf(flags);
    }

    /** The seeds' starting point: every default (queue 5+10, timeout 30 s, event loop, indexes off). */
    public static final ServiceConfiguration BASELINE = new ServiceConfiguration("baseline", List.of(), Duration.ZERO);

    /**
     * A pool small enough, a timeout short enough and a database far enough (20 ms) that a load well
     * above capacity shows queueing and 503s within seconds.
     */
    public static final ServiceConfiguration EXHAUSTION = new ServiceConfiguration("small-pool-short-timeout",
            List.of("--execution", "worker", "--pool", "queue", "--pool-size", "2", "--max-overflow", "1",
                    "--pool-timeout", "250ms"),
            Duration.ofMillis(20));

    /** Seed 003's "new configuration": queue 5+10, timeout 30 s, recycle 600 s, JDBC off the event loop. */
    public static final ServiceConfiguration SEED_003 = new ServiceConfiguration("seed-003",
            List.of("--execution", "worker", "--pool", "queue", "--pool-size", "5", "--max-overflow", "10",
                    "--pool-timeout", "30s", "--recycle", "600s"),
            Duration.ZERO);
}
