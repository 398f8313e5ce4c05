package dev.poolbench.pools.runner;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.JdbcUrl;
import dev.poolbench.core.todo.TodoSql;
import dev.poolbench.results.NativeCeiling;
import dev.poolbench.results.ResultFiles;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native ceiling: {@code pgbench} (C, libpq, no pool, one connection per client held for the whole
 * run) running Query's exact primary-key SELECT on the same server at the same client counts. How close
 * Query gets to it is the JVM-plus-pool stack's own cost. Written to {@code pgbench.json} ({@link NativeCeiling}).
 */
final class PgbenchReference {

    /** Query's SELECT, as pgbench runs it: prepared, a random id in the seeded range. */
    static final String SCRIPT = "\\set id random(1, %d)\n" + TodoSql.FIND.pgbench("id") + ";\n";

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern VERSION = Pattern.compile("pgbench \\(PostgreSQL\\) (\\S+)");

    private PgbenchReference() {
    }

    /** Where pgbench is, if it is on the PATH. */
    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static void measure(Path pgbench, Database db, int rows, List<Integer> clientCounts, int runs, int seconds,
                        Path out) throws IOException, InterruptedException {
        JdbcUrl url = JdbcUrl.parse(db.jdbcUrl());
        Path script = Files.createTempFile(out, "pgbench-query", ".sql");
        Files.writeString(script, String.format(SCRIPT, rows), StandardCharsets.UTF_8);
        try {
            List<NativeCeiling.Point> points = new ArrayList<>();
            for (int clients : clientCounts) {
                List<Double> tps = new ArrayList<>();
                List<Double> latencies = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    System.out.printf("poolbench: pgbench reference, %d clients, run %d of %d (%d s)%n", clients, run, runs, seconds);
                    String output = run(pgbench, db, url, script, clients, seconds);
                    tps.add(parse(TPS, output, "tps"));
                    latencies.add(parse(LATENCY, output, "latency average"));
                }
                NativeCeiling.Point point = new NativeCeiling.Point(clients,
                        Math.min(clients, Runtime.getRuntime().availableProcessors()), seconds, tps, latencies,
                        tps.stream().mapToDouble(Double::doubleValue).average().orElse(0));
                points.add(point);
                System.out.printf("poolbench: pgbench reference, %d clients: %.0f tps (mean of %d runs)%n",
                        clients, point.meanTps(), runs);
            }
            ResultFiles.write(out.resolve(NativeCeiling.FORMAT.fileName()), NativeCeiling.FORMAT,
                    new NativeCeiling(version(pgbench), String.format(SCRIPT, rows), "prepared", points));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String run(Path pgbench, Database db, JdbcUrl url, Path script, int clients, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(pgbench.toString(), "-n", "-M", "prepared",
                "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", Integer.toString(seconds), "-f", script.toString(),
                "-h", url.host(), "-p", Integer.toString(url.port()), "-U", db.user(), url.database());
        // the password goes through the environment, never the command line
        pb.environment().put("PGPASSWORD", db.password());
        pb.environment().put("PGAPPNAME", "poolbench-pgbench");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("pgbench failed: " + output.strip());
        }
        return output;
    }

    private static double parse(Pattern pattern, String output, String what) throws IOException {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IOException("pgbench printed no " + what + ": " + output.strip());
        }
        return Double.parseDouble(m.group(1));
    }

    private static String version(Path pgbench) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(pgbench.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher m = VERSION.matcher(output);
        return m.find() ? m.group(1) : output.strip();
    }
}
