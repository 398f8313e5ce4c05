package dev.poolbench.loadruns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import dev.poolbench.core.db.LatencyProxy;
import dev.poolbench.core.process.ServiceProcess;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.ServiceFaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Seed 004's retry measured where it matters (issue 16), through the service, with and without it: a database restart
 * under traffic (do failures become slow successes?) and a pool exhausted by more requests than it can serve (does
 * the retry multiply the load it was meant to survive, and how long until the service is itself again once the load
 * drops?). Each scenario starts the service afresh behind a proxy of its own, so the restart touches nothing else.
 * It runs in {@code mvn verify -Pclaims} after the claims' load, and leaves {@code load-results/faults/service-faults.json}.
 *
 * <p>The restart runs seed 004's own configuration (queue 5+10, timeout 20 s, recycle 300 s, pre-ping; its cache off,
 * so every request reaches the database). The exhaustion runs the smoke load's small pool (queue 2+1, 250 ms timeout,
 * 20 ms round trip), which exhausts in seconds where seed 004's 15 connections and 20 s timeout would take minutes; the
 * retry is the seed's as written, 3 tries, 2 s then 4 s apart.
 */
@Command(name = "service-fault-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A database restart and an exhausted pool through the service, with and without seed 004's retry.")
public final class ServiceFaultRun implements Callable<Integer> {

    static final String FOLDER = "faults";

    /** This run's name in {@code --only}, which it shares with the claims run ({@code -Dpoolbench.claims.only}). */
    static final String RESULT = "service-faults";

    /**
     * How long and how hard each scenario runs.
     *
     * @param outage        how long the database is away
     * @param restartRate   requests a second throughout the restart scenario
     * @param beforeOutage  traffic before the database goes away
     * @param afterOutage   traffic after it is back (longer than the retry's sleeps, so retried requests finish in it)
     * @param overloadRate  requests a second while the pool is exhausted
     * @param overload      how long that lasts
     * @param afterRate     requests a second once the load drops
     * @param after         how long that lasts
     */
    record Sizes(Duration outage, double restartRate, Duration beforeOutage, Duration afterOutage, double overloadRate,
                 Duration overload, double afterRate, Duration after) {

        /** What the claims run measures: a 5 s restart at 20 requests a second; 100 a second for 15 s, then 10 for 30 s. */
        static final Sizes CLAIMS = new Sizes(Duration.ofSeconds(5), 20, Duration.ofSeconds(3), Duration.ofSeconds(12),
                100, Duration.ofSeconds(15), 10, Duration.ofSeconds(30));

        /**
         * What the main job measures (--scale=compact): a 3 s restart at 20 requests a second, 8 s after it (longer than
         * the seed's 2 s + 4 s of retry sleeps); 100 a second for 6 s, then 10 for 10 s.
         */
        static final Sizes COMPACT = new Sizes(Duration.ofSeconds(3), 20, Duration.ofSeconds(2), Duration.ofSeconds(8),
                100, Duration.ofSeconds(6), 10, Duration.ofSeconds(10));
    }

    @Option(names = "--out", defaultValue = "target", description = "the module's build directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--service-jar", description = "the service's jar; without it the service runs from this classpath")
    Path serviceJar;

    @Option(names = "--stacks", paramLabel = "java,reference", defaultValue = "java,reference",
            description = "the services to fault: the Java service, the reference stack, or both (default: ${DEFAULT-VALUE})")
    String stacks;

    @Option(names = "--retry", paramLabel = "TRIESxBACKOFF", defaultValue = "3x2s",
            description = "the retry measured against none, as the service's --retry takes it, which checks it "
                    + "(default: ${DEFAULT-VALUE}, seed 004's)")
    String retry;

    @Option(names = "--scale", paramLabel = "seed|compact", defaultValue = "seed",
            description = "seed: the claims run's sizes, every stack; compact: the main job's, shorter, on the first of"
                    + " --stacks that runs here (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--only", paramLabel = "NAME,...", description = "the claims run's --only: this run goes when it is "
            + "empty or names " + RESULT + ", and is skipped, with one line, when it picks other runs only")
    String only;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServiceFaultRun()).execute(args));
    }

    /** 0 when every scenario ran or {@code --only} left this run out, 1 when one could not, 2 for bad arguments. */
    @Override
    public Integer call() throws Exception {
        List<Stack> stackList;
        boolean compact;
        boolean picked;
        DatabaseSettings databaseSettings;
        try {
            stackList = Stack.parseList("--stacks", stacks);
            compact = scale != null && !scale.isBlank()
                    && Settings.parseChoice("--scale", scale, ClaimsLoadRun.Scale.class) == ClaimsLoadRun.Scale.COMPACT;
            databaseSettings = DatabaseSettings.from(Settings.fromSystem());
            picked = picked(only);
        } catch (SettingsException e) {
            System.err.println("service-fault-run: " + e.getMessage());
            return 2;
        }
        if (!picked) {
            System.out.println("poolbench service faults: skipped, --only=" + only.trim() + " does not name " + RESULT);
            return 0;
        }
        Path folder = out.resolve("load-results").resolve(FOLDER);
        Files.createDirectories(folder);
        List<String> problems = new ArrayList<>();
        try (Database database = Databases.start(databaseSettings)) {
            ServiceFaults faults = new ServiceFaults(List.of(), List.of());
            for (Stack stack : stackList) {
                Optional<String> unavailable = stack.unavailable(serviceJar);
                if (unavailable.isPresent()) {
                    System.out.println("poolbench service faults: the " + stack.spelling() + " stack skipped: " + unavailable.get());
                    continue;
                }
                if (compact && !faults.restarts().isEmpty()) {
                    // one stack's scenarios ran; a stack whose scenarios failed is followed by the next one
                    System.out.println("poolbench service faults: the compact pass runs on one stack; the claims run"
                            + " (mvn verify -Pclaims) faults the " + stack.spelling() + " stack too");
                    break;
                }
                try {
                    faults = merge(faults, run(database, stack, stack.launcher(serviceJar), retry,
                            compact ? Sizes.COMPACT : Sizes.CLAIMS, folder));
                } catch (IOException e) {
                    problems.add(stack.spelling() + ": " + e.getMessage());
                }
            }
            ResultFiles.write(folder.resolve(ServiceFaults.FORMAT.fileName()), ServiceFaults.FORMAT, faults);
            System.out.println();
            System.out.println("poolbench service faults, seed 004's retry (" + retry + ") against none:");
            faults.restarts().forEach(r -> System.out.println("  " + line(r)));
            faults.exhaustions().forEach(e -> System.out.println("  " + line(e)));
            problems.forEach(p -> System.out.println("  FAILED: " + p));
            System.out.println("  -> " + folder.resolve(ServiceFaults.FORMAT.fileName()));
        }
        return problems.isEmpty() ? 0 : 1;
    }

    /** Whether {@code only} (the claims run's {@code --only}, checked as it checks it) leaves this run in. */
    static boolean picked(String only) {
        List<String> names = ClaimsLoadRun.onlyNames(only);
        return names.isEmpty() || names.contains(RESULT);
    }

    /** Both scenarios on {@code stack}, without the retry and with {@code policy}. */
    static ServiceFaults run(Database database, Stack stack, List<String> launcher, String policy, Sizes sizes, Path logs)
            throws IOException, InterruptedException {
        List<ServiceFaults.Restart> restarts = new ArrayList<>();
        List<ServiceFaults.Exhaustion> exhaustions = new ArrayList<>();
        for (String retrying : List.of("off", policy)) {
            restarts.add(restart(database, stack, launcher, restartConfiguration(retrying), sizes, logs));
        }
        for (String retrying : List.of("off", policy)) {
            exhaustions.add(exhaustion(database, stack, launcher, exhaustionConfiguration(retrying), sizes, logs));
        }
        return new ServiceFaults(restarts, exhaustions);
    }

    /** Seed 004's configuration, its read cache off so that every request reaches the database, retrying or not. */
    static ServiceConfiguration restartConfiguration(String retrying) {
        return ServiceConfiguration.named("seed004").with("seed004", "--cache-ttl", "0s")
                .with(retrying.equals("off") ? "seed004-no-retry" : "seed004", "--retry", retrying);
    }

    /** The smoke load's small pool (queue 2+1, timeout 250 ms, worker, 20 ms away), in sessions, retrying or not. */
    static ServiceConfiguration exhaustionConfiguration(String retrying) {
        return ServiceConfiguration.EXHAUSTION.with(ServiceConfiguration.EXHAUSTION.name(), "--transactions", "session")
                .with(ServiceConfiguration.EXHAUSTION.name() + (retrying.equals("off") ? "" : "-retry"), "--retry", retrying);
    }

    static ServiceFaults.Restart restart(Database database, Stack stack, List<String> launcher,
                                         ServiceConfiguration configuration, Sizes sizes, Path logs)
            throws IOException, InterruptedException {
        try (Database viaProxy = database.throughProxy(configuration.rtt(), false);
             ServiceProcess service = start(launcher, configuration, viaProxy, logs, stack, "restart")) {
            LatencyProxy proxy = viaProxy.proxy().orElseThrow();
            JsonNode before = health(service.url());
            List<OpenTraffic.Request> requests;
            long down;
            long up;
            try (OpenTraffic traffic = new OpenTraffic(service.url(), ROWS)) {
                traffic.rate(sizes.restartRate());
                sleep(sizes.beforeOutage());
                down = System.nanoTime();
                proxy.down();
                sleep(sizes.outage());
                up = System.nanoTime();
                proxy.up();
                sleep(sizes.afterOutage());
                traffic.drain(Duration.ofSeconds(90));
                requests = traffic.requests();
            }
            JsonNode after = health(service.url());
            List<OpenTraffic.Request> during = requests.stream().filter(r -> r.start() < up && r.end() > down).toList();
            List<OpenTraffic.Request> afterReturn = requests.stream().filter(r -> r.start() >= up).toList();
            Long firstSuccess = requests.stream().filter(r -> r.ok() && r.end() > up)
                    .mapToLong(r -> (r.end() - up) / 1_000_000).min().stream().boxed().findFirst().orElse(null);
            Long lastFailure = requests.stream().filter(r -> !r.ok() && r.end() > up)
                    .mapToLong(r -> (r.end() - up) / 1_000_000).max().stream().boxed().findFirst().orElse(null);
            return new ServiceFaults.Restart(stack.spelling(), configuration.name(), after.at("/service/retry").asText(),
                    after.at("/service/label").asText(), sizes.outage().toMillis(), sizes.restartRate(), requests.size(),
                    OpenTraffic.count(requests, r -> !r.ok()), during.size(), OpenTraffic.count(during, r -> !r.ok()),
                    OpenTraffic.latency(during), afterReturn.size(), OpenTraffic.count(afterReturn, r -> !r.ok()),
                    delta(after, before, "/retry/calls"), delta(after, before, "/retry/attempts"),
                    delta(after, before, "/retry/recovered"), firstSuccess, lastFailure, OpenTraffic.errors(requests));
        }
    }

    static ServiceFaults.Exhaustion exhaustion(Database database, Stack stack, List<String> launcher,
                                               ServiceConfiguration configuration, Sizes sizes, Path logs)
            throws IOException, InterruptedException {
        try (Database viaProxy = database.throughProxy(configuration.rtt(), false);
             ServiceProcess service = start(launcher, configuration, viaProxy, logs, stack, "exhaustion")) {
            JsonNode before = health(service.url());
            long poolTimeoutMs = before.at("/service/poolTimeoutMs").asLong();
            List<OpenTraffic.Request> requests;
            long drop;
            try (OpenTraffic traffic = new OpenTraffic(service.url(), ROWS)) {
                traffic.rate(sizes.overloadRate());
                sleep(sizes.overload());
                drop = System.nanoTime();
                traffic.rate(sizes.afterRate());
                sleep(sizes.after());
                traffic.drain(Duration.ofSeconds(90));
                requests = traffic.requests();
            }
            JsonNode after = health(service.url());
            List<OpenTraffic.Request> overload = requests.stream().filter(r -> r.start() < drop).toList();
            List<OpenTraffic.Request> relieved = requests.stream().filter(r -> r.start() >= drop).toList();
            Long recoverMs = recovered(relieved, drop, poolTimeoutMs);
            long succeeded = OpenTraffic.count(overload, OpenTraffic.Request::ok);
            long calls = delta(after, before, "/retry/calls");
            long attempts = delta(after, before, "/retry/attempts");
            return new ServiceFaults.Exhaustion(stack.spelling(), configuration.name(), after.at("/service/retry").asText(),
                    after.at("/service/label").asText(), after.at("/pool/capacity").asInt(), poolTimeoutMs,
                    sizes.overloadRate(), sizes.overload().toMillis(), sizes.afterRate(), sizes.after().toMillis(),
                    overload.size(), succeeded, overload.isEmpty() ? 0 : (double) succeeded / overload.size(),
                    OpenTraffic.latency(overload), calls, attempts, calls == 0 ? 0 : (double) attempts / calls,
                    delta(after, before, "/pool/timeouts"), OpenTraffic.count(requests, r -> r.status() == 503),
                    relieved.size(), OpenTraffic.count(relieved, r -> !r.ok()), recoverMs, OpenTraffic.errors(requests));
        }
    }

    /**
     * From the load's drop to the start of the first request after which every request, it included, was answered 200
     * within the pool timeout: when a newcomer is served normally again. 0 when none after the drop fared worse; null
     * when the last one still did (not recovered within the light load's time).
     */
    static Long recovered(List<OpenTraffic.Request> afterDrop, long drop, long poolTimeoutMs) {
        List<OpenTraffic.Request> byStart = afterDrop.stream()
                .sorted(java.util.Comparator.comparingLong(OpenTraffic.Request::start)).toList();
        int lastBad = -1;
        for (int i = 0; i < byStart.size(); i++) {
            if (!byStart.get(i).ok() || byStart.get(i).millis() > poolTimeoutMs) {
                lastBad = i;
            }
        }
        if (lastBad < 0) {
            return 0L;
        }
        if (lastBad == byStart.size() - 1) {
            return null;
        }
        return (byStart.get(lastBad + 1).start() - drop) / 1_000_000;
    }

    /** Todos in the table; the scenarios read random ones. */
    static final int ROWS = 1_000;

    private static ServiceProcess start(List<String> launcher, ServiceConfiguration configuration, Database viaProxy,
                                        Path logs, Stack stack, String scenario) throws IOException {
        Files.createDirectories(logs);
        Path log = logs.resolve(stack.spelling() + "-" + scenario + "-" + configuration.name() + "-service.log");
        Files.deleteIfExists(log);
        ServiceProcess service = ServiceProcess.start(launcher,
                configuration.withMoreFlags(List.of("--seed-rows", Integer.toString(ROWS))).arguments(), viaProxy, log);
        System.out.println("poolbench service faults: " + scenario + " on the " + stack.spelling() + " stack ("
                + service.label() + ")");
        return service;
    }

    /** The service's {@code /api/health/pool}; asked again for a few seconds while it cannot answer (its probe reconnecting). */
    static JsonNode health(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/health/pool")).timeout(Duration.ofSeconds(30)).build();
        String last = "";
        for (int attempt = 0; attempt < 10; attempt++) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return LoadResult.JSON.readTree(response.body());
            }
            last = response.statusCode() + " " + response.body();
            Thread.sleep(500);
        }
        throw new IOException("the service's health did not answer: " + last);
    }

    private static long delta(JsonNode after, JsonNode before, String pointer) {
        return after.at(pointer).asLong() - before.at(pointer).asLong();
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private static ServiceFaults merge(ServiceFaults a, ServiceFaults b) {
        List<ServiceFaults.Restart> restarts = new ArrayList<>(a.restarts());
        restarts.addAll(b.restarts());
        List<ServiceFaults.Exhaustion> exhaustions = new ArrayList<>(a.exhaustions());
        exhaustions.addAll(b.exhaustions());
        return new ServiceFaults(restarts, exhaustions);
    }

    static String line(ServiceFaults.Restart r) {
        return String.format(Locale.ROOT, "restart %s, %s, retry %s: %d of %d requests in flight during the %d ms outage "
                        + "failed (p95 %d ms, slowest %d ms), %d of %d after it; %d calls succeeded on a later try "
                        + "(%d tries for %d calls); first success %s ms after the return",
                r.stack(), r.configuration(), r.retry(), r.failedDuring(), r.during(), r.outageMs(), r.latencyDuring().p95(),
                r.latencyDuring().max(), r.failedAfterReturn(), r.afterReturn(), r.recovered(), r.attempts(), r.calls(),
                r.firstSuccessMs());
    }

    static String line(ServiceFaults.Exhaustion e) {
        return String.format(Locale.ROOT, "exhaustion %s, %s, retry %s: %.1f%% of %d succeeded, p95 %d ms, p99 %d ms, "
                        + "%.2f tries a call, %d pool timeouts, %d answered 503; after the drop %d of %d failed, "
                        + "recovered %s",
                e.stack(), e.configuration(), e.retry(), 100 * e.successRate(), e.requests(), e.latency().p95(),
                e.latency().p99(), e.attemptsPerRequest(), e.poolTimeouts(), e.timedOut(), e.failedAfter(),
                e.requestsAfter(), e.recoverMs() == null ? "not within " + e.afterMs() + " ms" : "after " + e.recoverMs() + " ms");
    }
}
