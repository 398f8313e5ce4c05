package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.core.seeds.SeedClaim;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.Faults;
import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.reports.model.Metric;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ServiceFaults;
import dev.poolbench.reports.stats.Repeated;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The judgements of the seeds' claims ({@link ClaimCatalogue}: their words, promises and sources), each on
 * the run's own results. The load claims come from the claims run's TodoApiSimulation summaries, all at
 * the round trip the calibration chose; the database-level claims come from bench-pools' claims grid,
 * measured with no added round trip. A judgement reads only the sources its catalogue entry names
 * ({@link ClaimInputs#forClaim}); every figure names where in run.json it comes from.
 */
public final class SeedClaims {

    /** Where the load summaries sit in run.json. */
    private static final String LOAD = "load.claims.results[%s].summary.%s";
    /** Where the later repetitions' are. */
    private static final String REPEATED = "load.claims.repetitions[].results[%s].summary.%s";

    private SeedClaims() {
    }

    public static List<ClaimResult> judge(ClaimInputs in) {
        List<ClaimResult> results = new ArrayList<>();
        results.add(baseline(in));
        results.add(phase(in, ClaimCatalogue.PHASE1));
        results.add(phase(in, ClaimCatalogue.PHASE2));
        results.add(phase(in, ClaimCatalogue.PHASE3));
        results.add(indexes(in));
        results.add(bulk(in));
        results.add(nullPoolIdle(in));
        results.add(nullPoolOverhead(in));
        results.add(staticPoolOverhead(in));
        results.add(staticPoolBottleneck(in));
        results.add(staticPoolBalance(in));
        results.add(seed003(in));
        results.addAll(seed004(in));
        results.add(jit(in));
        List<String> judged = results.stream().map(r -> r.claim().id()).toList();
        List<String> catalogued = ClaimCatalogue.ALL.stream().map(SeedClaim::id).toList();
        if (!judged.equals(catalogued)) {
            throw new IllegalStateException("the judgements " + judged + " are not the catalogue's claims " + catalogued);
        }
        return results;
    }

    private static ClaimResult baseline(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed001-baseline");
        ClaimInputs in = all.forClaim(claim);
        Optional<LoadSummary> base = in.load("baseline");
        if (base.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "the claims run (mvn verify -Pclaims) did not run");
        }
        Repeated.Estimate ops = estimate(in, "baseline", OPS);
        Measured m = Measured.load(ops, ops(ops), from(in, "operationsPerSecond", "baseline"));
        if (in.calibration().isEmpty()) {
            return extrapolated(claim, m, ops, base.get());
        }
        String rtt = in.calibration().map(c -> String.valueOf(c.chosenRttMs())).orElse("?");
        boolean reached = in.calibration().map(c -> c.reached()).orElse(false);
        if (!reached) {
            return new ClaimResult(claim, Optional.of(m), Verdict.CANNOT_MEASURE,
                    "the calibration did not reach 2.28 ops/sec on this machine (see calibration.json)");
        }
        return new ClaimResult(claim, Optional.of(m), Verdict.HOLDS, "reproduced by calibration: the baseline serves one"
                + " request at a time on the event loop, so it makes 2.28 ops/sec when every round trip to the database takes "
                + rtt + " ms. The seed's own network is not visible here; every other load figure below is measured at this"
                + " same round trip.");
    }

    /**
     * The baseline at a round trip that was given rather than calibrated (the main job's compact pass, or --rtt): it
     * serves one request at a time, so each operation takes its fixed work plus its round trips a request times the
     * round trip; the line through this run's point reaches the seed's rate at the round trip named in the verdict.
     */
    private static ClaimResult extrapolated(SeedClaim claim, Measured m, Repeated.Estimate ops, LoadSummary base) {
        LoadSummary.RoundTrips trips = base.roundTrips();
        if (trips == null || trips.perRequest() == null || trips.perRequest() <= 0) {
            return new ClaimResult(claim, Optional.of(m), Verdict.CANNOT_MEASURE, "the round trip was given, not calibrated,"
                    + " and the baseline's run counted no round trips to the database to reach the seed's rate from");
        }
        if (trips.rttMs() <= 0) {
            return new ClaimResult(claim, Optional.of(m), Verdict.CANNOT_MEASURE, "the round trip was given, not calibrated,"
                    + " and it was 0: with no round trip added, the baseline's rate says nothing of the network that set the seed's");
        }
        double target = claim.promise().low();
        double impliedMs = trips.rttMs() + (1000 / target - 1000 / ops.value()) / trips.perRequest();
        if (impliedMs <= 0) {
            return new ClaimResult(claim, Optional.of(m), Verdict.DOES_NOT_HOLD, "at a " + trips.rttMs() + " ms round trip the"
                    + " baseline already serves fewer than " + Fmt.number(target) + " ops/sec: no round trip makes it that fast");
        }
        return new ClaimResult(claim, Optional.of(m), Verdict.HOLDS, "reproduced by extrapolation, not calibration: the"
                + " baseline serves one request at a time on the event loop, and made " + ops(ops) + " at a "
                + trips.rttMs() + " ms round trip with " + Fmt.number(trips.perRequest()) + " round trips a request; at"
                + " that rate per round trip it makes " + Fmt.number(target) + " ops/sec when every round trip takes about "
                + Math.round(impliedMs) + " ms (mvn verify -Pclaims calibrates it and measures every configuration there).");
    }

    private static ClaimResult phase(ClaimInputs all, String name) {
        SeedClaim claim = ClaimCatalogue.claim("seed001-" + name);
        ClaimInputs in = all.forClaim(claim);
        double lo = claim.promise().low();
        double hi = claim.promise().high();
        Optional<LoadSummary> base = in.load("baseline");
        Optional<LoadSummary> phase = in.load(name);
        if (base.isEmpty() || phase.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "the claims run (mvn verify -Pclaims) did not run " + name);
        }
        Repeated.Estimate b = estimate(in, "baseline", OPS);
        Repeated.Estimate p = estimate(in, name, OPS);
        Repeated.Estimate factor = ratio(in, name, "baseline");
        Repeated.Estimate ok = estimate(in, name, LoadSummary::successRate);
        Measured m = Measured.load(factor, ops(p) + ", " + Judge.factorText(factor) + " over baseline's " + ops(b) + "; "
                + Fmt.number(100 * ok.value()) + "% OK " + Measured.runs(ok, 100), from(in, "operationsPerSecond", name, "baseline"));
        String why = Judge.factorWhy(m, lo, hi) + " (" + label(phase.get(), name) + ")"
                + unlikeLoads(phase.get(), name, base.get(), "baseline");
        if (name.equals("phase1")) {
            why += ". The requests still wait for each other on the event loop: a bigger pool cannot help what never uses"
                    + " more than one connection at a time";
            if (phase.get().service() != null && phase.get().service().prePing()
                    || label(phase.get(), "").contains("pre-ping")) {
                why += ", and pre-ping adds one more round trip to every request";
            }
            why += ".";
        }
        return new ClaimResult(claim, Optional.of(m), Judge.factor(m, lo, hi), why);
    }

    private static ClaimResult indexes(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed001-indexes");
        ClaimInputs in = all.forClaim(claim);
        double lo = claim.promise().low();
        double hi = claim.promise().high();
        Optional<JmhResult> with = in.jmh("FilterQuery.list", 1, Map.of("indexed", "true", "rows", "100000", "jit", "default"));
        Optional<JmhResult> without = in.jmh("FilterQuery.list", 1, Map.of("indexed", "false", "rows", "100000", "jit", "default"));
        if (with.isEmpty() || without.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "FilterQuery at 100,000 rows with and without indexes was not measured");
        }
        Measured m = timeRatio(without.get().primary(), with.get().primary(),
                "FilterQuery.list indexed=false rows=100000", "FilterQuery.list indexed=true rows=100000");
        String why = Judge.factorWhy(m, lo, hi) + ": the list query at 100,000 rows took "
                + Fmt.number(without.get().primary().score()) + " " + without.get().primary().unit() + " without the indexes and "
                + Fmt.number(with.get().primary().score()) + " with them";
        Optional<JmhResult> bigWithout = in.jmh("FilterQuery.list", 1, Map.of("indexed", "false", "rows", "1000000", "jit", "default"));
        Optional<JmhResult> bigWith = in.jmh("FilterQuery.list", 1, Map.of("indexed", "true", "rows", "1000000", "jit", "default"));
        if (bigWithout.isPresent() && bigWith.isPresent()) {
            why += "; at 1,000,000 rows, " + Fmt.number(bigWithout.get().primary().score() / bigWith.get().primary().score())
                    + "x (\"slow queries as data grows\": without them the time grows with the table, with them it does not)";
        }
        return new ClaimResult(claim, Optional.of(m), Judge.factor(m, lo, hi), why);
    }

    private static ClaimResult bulk(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed001-bulk");
        ClaimInputs in = all.forClaim(claim);
        double lo = claim.promise().low();
        double hi = claim.promise().high();
        Optional<JmhResult> single = in.jmh("Insert.insert", 1, Map.of("insertMode", "single", "batchSize", "200", "rewrite", "false"));
        Optional<JmhResult> multirow = in.jmh("Insert.insert", 1, Map.of("insertMode", "multirow", "batchSize", "200", "rewrite", "false"));
        if (single.isEmpty() || multirow.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "Insert with 200 rows, single and multirow, was not measured");
        }
        Metric s = rows(single.get());
        Metric b = rows(multirow.get());
        Measured m = ratio(b, s, "Insert.insert insertMode=multirow batchSize=200 (rows)", "Insert.insert insertMode=single batchSize=200 (rows)");
        String why = Judge.factorWhy(m, lo, hi) + ": 200 rows per transaction, " + Fmt.number(s.score()) + " rows/s one INSERT at a"
                + " time against " + Fmt.number(b.score()) + " rows/s in one multi-row INSERT, with no added round trip";
        Optional<JmhResult> copy = in.jmh("Insert.insert", 1, Map.of("insertMode", "copy", "batchSize", "200", "rewrite", "false"));
        if (copy.isPresent()) {
            why += " (COPY: " + Fmt.number(rows(copy.get()).score() / s.score()) + "x)";
        }
        Optional<LoadSummary> p2 = in.load("phase2");
        Optional<LoadSummary> p3 = in.load("phase3");
        if (p2.isPresent() && p3.isPresent()) {
            why += "; through the service at " + roundTrip(in, p3.get()) + ", the seed's whole test ran at " + ops(estimate(in, "phase3", OPS))
                    + " with the bulk endpoint against " + ops(estimate(in, "phase2", OPS)) + " without ("
                    + Judge.factorText(ratio(in, "phase3", "phase2"))
                    + "): the creates become one request, the follow-up operations still go one by one"
                    + unlikeLoads(p3.get(), "phase3", p2.get(), "phase2");
        }
        return new ClaimResult(claim, Optional.of(m), Judge.factor(m, lo, hi), why);
    }

    private static ClaimResult nullPoolIdle(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed000-nullpool-idle");
        ClaimInputs in = all.forClaim(claim);
        Optional<LoadSummary> run = in.load("seed000-null");
        if (run.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "the claims run did not run seed000-null");
        }
        int maxIdle = 0;
        int maxServer = 0;
        int samples = 0;
        Collection<LoadSummary> runs = in.runs("seed000-null").values();
        for (LoadSummary each : runs) {
            for (LoadSummary.PoolSample sample : poolSamples(each)) {
                maxIdle = Math.max(maxIdle, sample.idle());
                maxServer = Math.max(maxServer, sample.serverTotal());
                samples++;
            }
        }
        if (samples == 0) {
            return ClaimResult.cannotMeasure(claim, "seed000-null's run has no pool samples");
        }
        // the most of any sample of any run: one idle connection in one run is enough to contradict the claim
        Measured m = new Measured(maxIdle, maxIdle, maxIdle, "at most " + maxIdle + " connection(s) kept idle by the pool, in "
                + samples + " samples " + (runs.size() == 1 ? "[1 run, no interval]" : "of " + runs.size() + " runs"),
                from(in, "poolSamples[].idle", "seed000-null"), runs.size());
        int queueIdle = 0;
        for (LoadSummary q : in.runs("seed000-queue-10+20").values()) {
            for (LoadSummary.PoolSample sample : poolSamples(q)) {
                queueIdle = Math.max(queueIdle, sample.idle());
            }
        }
        String contrast = in.runs("seed000-queue-10+20").isEmpty() ? ""
                : "; queue 10+20 under the same load kept up to " + queueIdle + " idle";
        return new ClaimResult(claim, Optional.of(m), maxIdle == 0 ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD,
                (maxIdle == 0 ? "nothing is kept: each connection closes when its request ends" : "the pool kept connections")
                        + " (the server saw up to " + maxServer + " backends, all of them serving requests in flight)" + contrast);
    }

    private static ClaimResult nullPoolOverhead(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed000-nullpool-overhead");
        ClaimInputs in = all.forClaim(claim);
        Optional<JmhResult> none = in.jmh("Query.latency", 1, Map.of("strategy", "none", "jit", "default"));
        Optional<JmhResult> queue = in.jmh("Query.latency", 1, Map.of("strategy", "queue", "jit", "default"));
        if (none.isEmpty() || queue.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "Query.latency for none and queue at 1 thread was not measured");
        }
        Measured m = timeRatio(none.get().primary(), queue.get().primary(), "Query.latency strategy=none threads=1",
                "Query.latency strategy=queue threads=1");
        String why = "a primary-key lookup took " + Fmt.number(none.get().primary().score()) + " " + none.get().primary().unit()
                + " with a new connection each time and " + Fmt.number(queue.get().primary().score()) + " from the pool"
                + " (connect, authenticate, start a backend: with no added round trip)";
        Optional<LoadSummary> nullRun = in.load("seed000-null");
        Optional<LoadSummary> queueRun = in.load("seed000-queue-10+20");
        if (nullRun.isPresent() && queueRun.isPresent()) {
            why += "; through the service at " + roundTrip(in, nullRun.get()) + ": " + ops(estimate(in, "seed000-null", OPS))
                    + " against " + ops(estimate(in, "seed000-queue-10+20", OPS)) + " with queue 10+20";
        }
        return new ClaimResult(claim, Optional.of(m), m.low() <= claim.promise().limit() ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD, why);
    }

    private static ClaimResult staticPoolOverhead(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed000-staticpool-overhead");
        ClaimInputs in = all.forClaim(claim);
        Optional<JmhResult> stat = in.jmh("Query.latency", 1, Map.of("strategy", "static", "jit", "default"));
        Optional<JmhResult> queue = in.jmh("Query.latency", 1, Map.of("strategy", "queue", "jit", "default"));
        if (stat.isEmpty() || queue.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "Query.latency for static and queue at 1 thread was not measured");
        }
        Measured m = timeRatio(stat.get().primary(), queue.get().primary(), "Query.latency strategy=static threads=1",
                "Query.latency strategy=queue threads=1");
        boolean same = m.low() <= claim.promise().limit();
        return new ClaimResult(claim, Optional.of(m), same ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD,
                "one caller at a time: static took " + Fmt.number(stat.get().primary().score()) + " " + stat.get().primary().unit()
                        + " per lookup, queue " + Fmt.number(queue.get().primary().score())
                        + (same ? ": no connection cost" : ": slower than a pool even alone"));
    }

    private static ClaimResult staticPoolBottleneck(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed000-staticpool-bottleneck");
        ClaimInputs in = all.forClaim(claim);
        Optional<LoadSummary> stat = in.load("seed000-static");
        Optional<LoadSummary> queue = in.load("seed000-queue-10+20");
        if (stat.isEmpty() || queue.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "the claims run did not run seed000-static and seed000-queue-10+20");
        }
        Repeated.Estimate factor = ratio(in, "seed000-queue-10+20", "seed000-static");
        Measured m = Measured.load(factor, "queue 10+20 served " + Judge.factorText(factor) + " the operations of static ("
                + ops(estimate(in, "seed000-queue-10+20", OPS)) + " against " + ops(estimate(in, "seed000-static", OPS))
                + ", " + users(stat.get()) + ")", from(in, "operationsPerSecond", "seed000-queue-10+20", "seed000-static"));
        Verdict verdict = Judge.above(m, claim.promise().limit());
        String why = (verdict == Verdict.HOLDS ? "one connection serialized the requests that a pool served in parallel"
                : verdict == Verdict.DOES_NOT_HOLD ? "one connection kept up: the load did not need more"
                : "the factor's interval reaches both sides of " + Fmt.number(claim.promise().limit()) + "x: these runs cannot"
                        + " tell a bottleneck from none")
                + unlikeLoads(queue.get(), "seed000-queue-10+20", stat.get(), "seed000-static");
        Optional<JmhResult> js = in.jmh("Query.latency", 16, Map.of("strategy", "static"));
        Optional<JmhResult> jq = in.jmh("Query.latency", 16, Map.of("strategy", "queue"));
        if (js.isPresent() && jq.isPresent()) {
            why += "; with 16 callers and no added round trip, a lookup waited " + Fmt.number(js.get().primary().score()) + " "
                    + js.get().primary().unit() + " on average with static, " + Fmt.number(jq.get().primary().score()) + " with queue";
        }
        return new ClaimResult(claim, Optional.of(m), verdict, why);
    }

    /** Seed 000 calls single connection reuse a "good balance"; the lost-writes probe shows what sharing it costs. */
    private static ClaimResult staticPoolBalance(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed000-staticpool-balance");
        ClaimInputs in = all.forClaim(claim);
        List<Faults.LostWrites> probes = in.faults(ClaimCatalogue.LOST_WRITES)
                .map(f -> f.lostWrites() == null ? List.<Faults.LostWrites>of() : f.lostWrites()).orElse(List.of());
        Optional<Faults.LostWrites> shared = probes.stream().filter(w -> w.pool().equals("static")).findFirst();
        if (shared.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "the lost-writes probe did not run (faults.json's lostWrites; "
                    + "-Dbench.faults=true)");
        }
        Faults.LostWrites w = shared.get();
        long mixed = w.lost() + w.wronglyKept();
        Measured m = Measured.single(mixed, Fmt.number(w.lost()) + " of " + Fmt.number(w.committed()) + " committed writes lost, "
                + Fmt.number(w.wronglyKept()) + " of " + Fmt.number(w.rolledBack()) + " rolled back kept",
                List.of("jmh.faults.lostWrites[static].lost", "jmh.faults.lostWrites[static].wronglyKept"));
        List<String> apart = probes.stream().filter(p -> p != w && p.lost() + p.wronglyKept() == 0)
                .map(p -> p.pool().split(",")[0]).toList();
        String why = Fmt.number(w.writers()) + " callers writing in transactions and " + Fmt.number(w.readers())
                + " reading shared its one connection, so one's rollback, commit or return ended the others' transaction"
                + (apart.isEmpty() ? "" : "; " + String.join(", ", apart) + ": none lost, none wrongly kept");
        return new ClaimResult(claim, Optional.of(m), mixed == claim.promise().limit() ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD, why);
    }

    private static ClaimResult seed003(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed003-pool");
        ClaimInputs in = all.forClaim(claim);
        double lo = claim.promise().low();
        double hi = claim.promise().high();
        Optional<LoadSummary> small = in.load("seed000-queue-2+1");
        Optional<LoadSummary> proper = in.load("seed003");
        if (small.isEmpty() || proper.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "the claims run did not run seed000-queue-2+1 and seed003");
        }
        Repeated.Estimate factor = ratio(in, "seed003", "seed000-queue-2+1");
        Measured m = Measured.load(factor, ops(estimate(in, "seed003", OPS)) + " against "
                + ops(estimate(in, "seed000-queue-2+1", OPS)) + ": " + Judge.factorText(factor),
                from(in, "operationsPerSecond", "seed003", "seed000-queue-2+1"));
        return new ClaimResult(claim, Optional.of(m), Judge.factor(m, lo, hi), Judge.factorWhy(m, lo, hi)
                + " (both with JDBC on worker threads, " + users(proper.get()) + ", " + roundTrip(in, proper.get()) + ")"
                + unlikeLoads(proper.get(), "seed003", small.get(), "seed000-queue-2+1"));
    }

    private static List<ClaimResult> seed004(ClaimInputs all) {
        List<ClaimResult> kpis = new ArrayList<>();
        SeedClaim response = ClaimCatalogue.claim("seed004-response");
        SeedClaim usage = ClaimCatalogue.claim("seed004-pool-usage");
        SeedClaim hits = ClaimCatalogue.claim("seed004-cache");
        SeedClaim errors = ClaimCatalogue.claim("seed004-errors");
        SeedClaim connections = ClaimCatalogue.claim("seed004-connections");
        ClaimInputs in = all.forClaim(response);
        Optional<LoadSummary> run = in.load(ClaimCatalogue.SEED004);
        Optional<LoadSummary> reads = all.forClaim(hits).load(ClaimCatalogue.SEED004_READ_HEAVY);
        String first = in.runs(ClaimCatalogue.SEED004).size() > 1 ? " in the first run" : "";
        if (run.isEmpty()) {
            for (SeedClaim c : List.of(response, usage, errors, connections)) {
                kpis.add(ClaimResult.cannotMeasure(c, "the claims run did not run seed004"));
            }
        } else {
            LoadSummary s = run.get();
            Repeated.Estimate p95 = estimate(in, ClaimCatalogue.SEED004,
                    r -> r.latencyMs() == null || r.latencyMs().p95() == null ? Double.NaN : r.latencyMs().p95());
            Measured p95m = Measured.load(p95, "p95 " + Fmt.number(p95.value()) + " ms " + Measured.runs(p95, 1),
                    from(in, "latencyMs.p95", ClaimCatalogue.SEED004));
            Verdict fast = Judge.below(p95m, response.promise().limit());
            kpis.add(new ClaimResult(response, Optional.of(p95m), fast, "95% of requests answered within "
                    + Fmt.number(p95.value()) + " ms (" + users(s) + ", " + roundTrip(in, s) + ")"
                    + Judge.undecided(fast, response.promise().limit(), 1)));
            ClaimInputs forUsage = all.forClaim(usage);
            if (s.pool() != null && s.pool().peakUsage() != null) {
                Repeated.Estimate peak = estimate(forUsage, ClaimCatalogue.SEED004,
                        r -> r.pool() == null || r.pool().peakUsage() == null ? Double.NaN : r.pool().peakUsage());
                Measured m = Measured.load(peak, Fmt.number(100 * peak.value()) + "% at peak " + Measured.runs(peak, 100),
                        from(forUsage, "pool.peakUsage", ClaimCatalogue.SEED004));
                Verdict v = Judge.below(m, usage.promise().limit());
                kpis.add(new ClaimResult(usage, Optional.of(m), v, s.pool().peakActive() + " of " + s.pool().capacity()
                        + " connections lent out at once at the peak" + first + Judge.undecided(v, usage.promise().limit(), 100)));
            } else {
                kpis.add(ClaimResult.cannotMeasure(usage, "seed004's summary has no pool usage"));
            }
            ClaimInputs forErrors = all.forClaim(errors);
            Repeated.Estimate failed = estimate(forErrors, ClaimCatalogue.SEED004, r -> 1 - r.successRate());
            Measured em = Measured.load(failed, Fmt.number(100 * failed.value()) + "% failed " + Measured.runs(failed, 100),
                    from(forErrors, "successRate", ClaimCatalogue.SEED004));
            Verdict ev = Judge.below(em, errors.promise().limit());
            kpis.add(new ClaimResult(errors, Optional.of(em), ev, s.requests().ko() + " of " + s.requests().total()
                    + " requests failed" + first + Judge.undecided(ev, errors.promise().limit(), 100)
                    + throughARestart(forErrors.serviceFaults(ClaimCatalogue.SERVICE_RESTART))));
            ClaimInputs forConnections = all.forClaim(connections);
            if (s.pool() != null) {
                Repeated.Estimate server = estimate(forConnections, ClaimCatalogue.SEED004,
                        r -> r.pool() == null ? Double.NaN : r.pool().peakServerConnections());
                Measured m = Measured.load(server, Fmt.number(server.value()) + " at peak " + Measured.runs(server, 1),
                        from(forConnections, "pool.peakServerConnections", ClaimCatalogue.SEED004));
                Verdict v = Judge.below(m, connections.promise().limit());
                kpis.add(new ClaimResult(connections, Optional.of(m), v, "the most backends the service held on the server at once"
                        + Judge.undecided(v, connections.promise().limit(), 1)));
            } else {
                kpis.add(ClaimResult.cannotMeasure(connections, "seed004's summary has no server connection count"));
            }
        }
        ClaimInputs forHits = all.forClaim(hits);
        Double rate = reads.map(r -> r.cache() == null ? null : r.cache().hitRate()).orElse(null);
        if (rate == null) {
            kpis.add(2, ClaimResult.cannotMeasure(hits, "the claims run did not run seed004-read-heavy with its cache"));
        } else {
            Repeated.Estimate hitRate = estimate(forHits, ClaimCatalogue.SEED004_READ_HEAVY,
                    r -> r.cache() == null || r.cache().hitRate() == null ? Double.NaN : r.cache().hitRate());
            Measured m = Measured.load(hitRate, Fmt.number(100 * hitRate.value()) + "% hits " + Measured.runs(hitRate, 100),
                    from(forHits, "cache.hitRate", ClaimCatalogue.SEED004_READ_HEAVY));
            Verdict v = Judge.above(m, hits.promise().limit());
            kpis.add(2, new ClaimResult(hits, Optional.of(m), v,
                    "users reading a working set of todos again and again: " + reads.get().cache().hits()
                            + " hits, " + reads.get().cache().misses() + " misses"
                            + (forHits.runs(ClaimCatalogue.SEED004_READ_HEAVY).size() > 1 ? " in the first run" : "")
                            + Judge.undecided(v, hits.promise().limit(), 100) + ". The seed's own traffic is"
                            + " unknown; a hit rate is a property of the traffic as much as of the cache"));
        }
        kpis.add(timeouts(all));
        return kpis;
    }

    /** "; through a 5,000 ms database restart, ...": what the retry did to the restart's errors, when it was measured. */
    private static String throughARestart(Optional<ServiceFaults> faults) {
        Optional<ServiceFaults.Restart> off = faults.flatMap(f -> f.restarts().stream().filter(r -> r.retry().equals("off")).findFirst());
        Optional<ServiceFaults.Restart> on = faults.flatMap(f -> f.restarts().stream().filter(r -> !r.retry().equals("off")).findFirst());
        if (off.isEmpty() || on.isEmpty()) {
            return "";
        }
        ServiceFaults.Restart a = off.get();
        ServiceFaults.Restart b = on.get();
        return "; through a " + Fmt.number(a.outageMs()) + " ms database restart (load.serviceFaults.restarts), "
                + Fmt.number(a.failedDuring()) + " of the " + Fmt.number(a.during()) + " requests it caught failed without"
                + " the retry, " + Fmt.number(b.failedDuring()) + " of " + Fmt.number(b.during()) + " with seed 004's ("
                + b.retry() + "), " + Fmt.number(b.recovered()) + " calls succeeding on a later try, the slowest request after "
                + Fmt.number(b.latencyDuring().max()) + " ms";
    }

    /** "after 1,795 ms", "at once", or "not within 30 s" (the light load's time): when a newcomer was served in time again. */
    public static String recovery(ServiceFaults.Exhaustion e) {
        if (e.recoverMs() == null) {
            return "not within " + Fmt.number(e.afterMs() / 1000.0) + " s";
        }
        return e.recoverMs() == 0 ? "at once" : "after " + Fmt.number(e.recoverMs()) + " ms";
    }

    /** Seed 004's "minimal timeouts", with its retry, where timeouts happen: an exhausted pool. */
    private static ClaimResult timeouts(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed004-timeouts");
        Optional<ServiceFaults> faults = all.forClaim(claim).serviceFaults(ClaimCatalogue.SERVICE_EXHAUSTION);
        Optional<ServiceFaults.Exhaustion> on = faults.flatMap(f -> f.exhaustions().stream()
                .filter(e -> !e.retry().equals("off")).findFirst());
        Optional<ServiceFaults.Exhaustion> off = faults.flatMap(f -> f.exhaustions().stream()
                .filter(e -> e.retry().equals("off")).findFirst());
        if (on.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "the fault scenarios through the service (-Pclaims, service-faults.json)"
                    + " did not exhaust a pool with seed 004's retry on");
        }
        ServiceFaults.Exhaustion e = on.get();
        long total = e.requests() + e.requestsAfter();
        double share = total == 0 ? 0 : (double) e.timedOut() / total;
        String why = Fmt.number(e.timedOut()) + " of " + Fmt.number(total) + " requests were answered with the pool's timeout"
                + " with the retry (" + e.retry() + "; " + Fmt.number(e.capacity()) + " connections, timeout "
                + Fmt.number(e.poolTimeoutMs()) + " ms, " + Fmt.number(e.overloadPerSecond()) + " requests a second), the pool"
                + " timing out " + Fmt.number(e.poolTimeouts()) + " times at " + Fmt.number(e.attemptsPerRequest())
                + " tries a call, p99 " + Fmt.number(e.latency().p99()) + " ms; once the load dropped a newcomer was"
                + " answered in time again " + recovery(e);
        if (off.isPresent()) {
            ServiceFaults.Exhaustion n = off.get();
            why += "; without it " + Fmt.number(n.timedOut()) + " of " + Fmt.number(n.requests() + n.requestsAfter())
                    + ", the pool timing out " + Fmt.number(n.poolTimeouts()) + " times, p99 " + Fmt.number(n.latency().p99())
                    + " ms, answered in time again " + recovery(n);
        }
        Measured m = Measured.single(share, Fmt.number(100 * share) + "% answered 503",
                List.of("load.serviceFaults.exhaustions[" + e.stack() + " retry=" + e.retry() + "].timedOut"));
        return new ClaimResult(claim, Optional.of(m), Judge.below(share, claim.promise().limit()), why);
    }

    private static ClaimResult jit(ClaimInputs all) {
        SeedClaim claim = ClaimCatalogue.claim("seed002-jit");
        ClaimInputs in = all.forClaim(claim);
        if (in.jitAvailable().isPresent() && !in.jitAvailable().get()) {
            return ClaimResult.cannotMeasure(claim, "this server has no JIT provider (pg_jit_available() is false, as in the"
                    + " embedded binaries): jit on and off are the same server; run the claims with Testcontainers or your own server");
        }
        Optional<JmhResult> on = in.jmh("Query.latency", 1, Map.of("strategy", "hikari", "jit", "on"));
        Optional<JmhResult> off = in.jmh("Query.latency", 1, Map.of("strategy", "hikari", "jit", "off"));
        if (on.isEmpty() || off.isEmpty()) {
            return ClaimResult.cannotMeasure(claim, "Query.latency with jit on and off was not measured");
        }
        Measured m = timeRatio(on.get().primary(), off.get().primary(), "Query.latency jit=on", "Query.latency jit=off");
        String why = "a primary-key lookup took " + Fmt.number(on.get().primary().score()) + " " + on.get().primary().unit()
                + " with jit on and " + Fmt.number(off.get().primary().score()) + " with it off: PostgreSQL only compiles a query whose"
                + " estimated cost passes jit_above_cost (100,000 by default), which a small query never does";
        Optional<JmhResult> bigOn = in.jmh("FilterQuery.list", 1, Map.of("indexed", "false", "rows", "1000000", "jit", "on"));
        Optional<JmhResult> bigOff = in.jmh("FilterQuery.list", 1, Map.of("indexed", "false", "rows", "1000000", "jit", "off"));
        if (bigOn.isPresent() && bigOff.isPresent()) {
            why += "; the unindexed list over 1,000,000 rows, which is big enough, took " + Fmt.number(bigOn.get().primary().score())
                    + " " + bigOn.get().primary().unit() + " with jit on and " + Fmt.number(bigOff.get().primary().score()) + " off";
        }
        // a query JIT never compiles can only differ by drift between two runs: ask for a difference worth having
        Verdict verdict = m.low() > claim.promise().limit() ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
        return new ClaimResult(claim, Optional.of(m), verdict, (verdict == Verdict.HOLDS ? "jit off was faster: "
                : "not faster with jit off by the " + Fmt.number(100 * (claim.promise().limit() - 1)) + "% a setting change must give to count: ") + why);
    }

    /** Todo operations per second of a load summary. */
    private static final ToDoubleFunction<LoadSummary> OPS = ClaimInputs::operationsPerSecond;

    /** {@code figure} of every run of {@code name} that has it (NaN: it has not), with its interval. */
    private static Repeated.Estimate estimate(ClaimInputs in, String name, ToDoubleFunction<LoadSummary> figure) {
        double[] values = in.runs(name).values().stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).toArray();
        return values.length == 0 ? Repeated.of(Double.NaN) : Repeated.of(values);
    }

    /** Operations per second of {@code a} over {@code b}, their runs paired by repetition. */
    private static Repeated.Estimate ratio(ClaimInputs in, String a, String b) {
        return Repeated.ratio(perRun(in, a), perRun(in, b));
    }

    private static SortedMap<Integer, Double> perRun(ClaimInputs in, String name) {
        SortedMap<Integer, Double> values = new TreeMap<>();
        in.runs(name).forEach((repetition, summary) -> values.put(repetition, OPS.applyAsDouble(summary)));
        return values;
    }

    /** "2.280 ops/sec [2.101-2.459, 3 runs]". */
    private static String ops(Repeated.Estimate e) {
        return Fmt.number(e.value()) + " ops/sec " + Measured.runs(e, 1);
    }

    /**
     * Where {@code field} of the runs {@code names} is in run.json: the first repetition's summaries, and the later
     * repetitions' when there were any.
     */
    private static List<String> from(ClaimInputs in, String field, String... names) {
        List<String> from = new ArrayList<>();
        for (String name : names) {
            from.add(String.format(LOAD, name, field));
        }
        for (String name : names) {
            if (in.runs(name).size() > 1) {
                from.add(String.format(REPEATED, name, field));
            }
        }
        return from;
    }

    /** What a run's load is made of, as far as a rate depends on it: how many users, bursts and follow-ups. */
    private static final List<String> LOAD_SHAPE = List.of("users", "bursts", "followUps");

    /**
     * Nothing when runs {@code a} and {@code b} carried the same load, so that their rates divide into the
     * configurations' effect; otherwise a clause saying how they differ (runs of earlier versions shrank the
     * slowest configurations more than the others).
     */
    static String unlikeLoads(LoadSummary a, String aName, LoadSummary b, String bName) {
        List<String> differences = new java.util.ArrayList<>();
        for (String knob : LOAD_SHAPE) {
            Object x = a.load() == null ? null : a.load().get(knob);
            Object y = b.load() == null ? null : b.load().get(knob);
            if (x != null && y != null && !String.valueOf(x).equals(String.valueOf(y))) {
                differences.add(knob + " " + x + " in " + aName + ", " + y + " in " + bName);
            }
        }
        return differences.isEmpty() ? "" : "; not like for like: the two runs carried different loads ("
                + String.join(", ", differences) + "), so the ratio mixes the load with the configuration";
    }

    /** "200 users at once": the burst the run sent (the seed's, or the main job's compact pass's). */
    private static String users(LoadSummary summary) {
        Object users = summary.load() == null ? null : summary.load().get("users");
        return (users == null ? "the seed's 200" : String.valueOf(users)) + " users at once";
    }

    /**
     * "the calibrated round trip", or "a 20 ms round trip" when the round trip was given (the main job's compact pass):
     * the one the run had in front of the database, as its proxy counted it.
     */
    private static String roundTrip(ClaimInputs in, LoadSummary summary) {
        return in.calibration().isPresent() || summary.roundTrips() == null ? "the calibrated round trip"
                : "a " + summary.roundTrips().rttMs() + " ms round trip";
    }

    /** The service's label for its configuration, as the summary has it; {@code fallback} without one. */
    private static String label(LoadSummary summary, String fallback) {
        return summary.service() == null || summary.service().label() == null ? fallback : summary.service().label();
    }

    /** The summary's pool samples; none when it has none. */
    private static List<LoadSummary.PoolSample> poolSamples(LoadSummary summary) {
        return summary.poolSamples() == null ? List.of() : summary.poolSamples();
    }

    /** Rows per second of an Insert result: its {@code rows} counter. */
    private static Metric rows(JmhResult insert) {
        Metric rows = insert.secondary().get("rows");
        return rows != null ? rows : insert.primary();
    }

    /** How many times faster the second time is than the first ({@code slow / fast}), with a conservative interval. */
    private static Measured timeRatio(Metric slow, Metric fast, String slowName, String fastName) {
        return ratio(slow, fast, slowName, fastName);
    }

    /** {@code a / b} with the interval [a.low / b.high, a.high / b.low]: both 99.9% intervals at their worst. */
    private static Measured ratio(Metric a, Metric b, String aName, String bName) {
        double value = a.score() / b.score();
        double low = a.hasError() && b.hasError() ? a.low() / b.high() : value;
        double high = a.hasError() && b.hasError() ? a.high() / b.low() : value;
        Measured m = new Measured(value, low, high, "", List.of("jmh.results[" + aName + "]", "jmh.results[" + bName + "]"));
        return new Measured(value, low, high, Judge.factorText(m), m.evidence());
    }
}
