package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.JmhPoint;
import dev.poolbench.core.seeds.SeedClaim;
import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.results.Calibration;
import dev.poolbench.results.Faults;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ServiceFaults;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the claims are judged on: the JMH results, the claims run's load summaries by name
 * ({@code baseline}, {@code phase1}, ..., as in run.json's {@code load.claims.results}), its
 * calibration, whether the server had a JIT provider, the fault scenarios (the lost-writes probe), and the fault
 * scenarios through the service (seed 004's retry), of the one stack the load summaries are of.
 *
 * @param runs    every run of each load configuration by repetition number, the first being {@code load}'s; a
 *                configuration it lacks has only {@code load}'s run
 * @param reading the claim being judged, when these inputs are its view ({@link #forClaim}): then only the
 *                sources its catalogue entry names can be read
 */
public record ClaimInputs(List<JmhResult> jmh, Map<String, LoadSummary> load,
                          Map<String, SortedMap<Integer, LoadSummary>> runs, Optional<Calibration> calibration,
                          Optional<Boolean> jitAvailable, Optional<Faults> faults, Optional<ServiceFaults> serviceFaults,
                          Optional<SeedClaim> reading) {

    /** Inputs with one run of each load configuration. */
    public ClaimInputs(List<JmhResult> jmh, Map<String, LoadSummary> load, Optional<Calibration> calibration,
                       Optional<Boolean> jitAvailable, Optional<Faults> faults) {
        this(jmh, load, Map.of(), calibration, jitAvailable, faults, Optional.empty(), Optional.empty());
    }

    /** These inputs with load-runs' fault scenarios through the service, of the stack these load summaries are of. */
    public ClaimInputs withServiceFaults(Optional<ServiceFaults> value) {
        return new ClaimInputs(jmh, load, runs, calibration, jitAvailable, faults, value, reading);
    }

    /** These inputs with every repetition of the load runs ({@code ClaimsRun#runs}). */
    public ClaimInputs withRuns(Map<String, SortedMap<Integer, LoadSummary>> value) {
        return new ClaimInputs(jmh, load, Map.copyOf(value), calibration, jitAvailable, faults, serviceFaults, reading);
    }

    /** These inputs as {@code claim} may read them: the sources the catalogue names for it. */
    ClaimInputs forClaim(SeedClaim claim) {
        return new ClaimInputs(jmh, load, runs, calibration, jitAvailable, faults, serviceFaults, Optional.of(claim));
    }

    /**
     * The JMH result of {@code shortName} at {@code threads} whose parameters include {@code params}; a
     * wanted {@code default} also matches a result recorded before that parameter existed. The seeds' claims are
     * about an application's pool and its server: a point measured behind PgBouncer is never one unless named.
     */
    Optional<JmhResult> jmh(String shortName, int threads, Map<String, String> params) {
        JmhPoint point = new JmhPoint(shortName, threads, params);
        requireNamed(claim -> claim.jmhPoints().contains(point), point.toString());
        return jmh.stream().filter(r -> point.matches(r.shortName(), r.threads(), r.params()))
                .filter(r -> params.containsKey("pooler") || r.params().getOrDefault("pooler", "none").equals("none"))
                .findFirst();
    }

    Optional<LoadSummary> load(String name) {
        requireNamed(claim -> claim.loadRuns().contains(name), "the load run " + name);
        return Optional.ofNullable(load.get(name));
    }

    /** Every run of the load configuration {@code name}, by repetition number; empty when it did not run. */
    SortedMap<Integer, LoadSummary> runs(String name) {
        requireNamed(claim -> claim.loadRuns().contains(name), "the load run " + name);
        SortedMap<Integer, LoadSummary> all = runs.get(name);
        if (all != null && !all.isEmpty()) {
            return all;
        }
        SortedMap<Integer, LoadSummary> one = new TreeMap<>();
        if (load.containsKey(name)) {
            one.put(1, load.get(name));
        }
        return one;
    }

    /** The fault scenarios' results, for a claim measured from the scenario {@code name} (e.g. {@code lostWrites}). */
    Optional<Faults> faults(String name) {
        requireNamed(claim -> claim.faults().contains(name), "the fault scenario " + name);
        return faults;
    }

    /**
     * The fault scenarios through the service, for a claim measured from {@code name} ({@code serviceRestart} or
     * {@code serviceExhaustion}).
     */
    Optional<ServiceFaults> serviceFaults(String name) {
        requireNamed(claim -> claim.faults().contains(name), "the fault scenario " + name);
        return serviceFaults;
    }

    /** In a claim's view, refuses a source its catalogue entry does not name. */
    private void requireNamed(Predicate<SeedClaim> named, String source) {
        reading.ifPresent(claim -> {
            if (!named.test(claim)) {
                throw new IllegalStateException(claim.id() + " reads " + source + ", which its catalogue entry does not name");
            }
        });
    }

    /** Todo operations per second of a load summary (requests per second for files without the field). */
    public static double operationsPerSecond(LoadSummary summary) {
        Double ops = summary.operationsPerSecond();
        return ops != null ? ops : summary.throughputRps();
    }
}
