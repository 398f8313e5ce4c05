package dev.poolbench.pools.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.config.Settings;
import dev.poolbench.core.db.Database;
import dev.poolbench.results.EnvironmentRecord;
import dev.poolbench.results.Faults;
import dev.poolbench.results.NativeCeiling;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.ServerConnectionPoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner: bad input stops it before any database work; a real run writes every file, with no secret in any. */
class BenchmarkMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBadParameterFailsBeforeAnyDatabaseWork() throws Exception {
        // the URL leads nowhere: had the runner tried to connect, the message would say so
        String[] args = {"Query", "-p", "strategy=hikari,pgbouncer", "-jvmArgsAppend",
                "-Dbench.db=external -Dbench.db.url=jdbc:postgresql://127.0.0.1:1/x"};

        Outcome outcome = runCapturing(args, Settings.of(Map.of()));

        assertThat(outcome.code).isEqualTo(2);
        assertThat(outcome.err).isEqualTo("poolbench: strategy = 'pgbouncer' is not accepted: one of none, static, single, queue, hikari, dbcp2, agroal, vibur, tomcat, c3p0\n");
    }

    @Test
    void everyClassOfBadInputGetsItsOwnOneLineMessage() throws Exception {
        assertThat(runCapturing(new String[] {"Query", "-p", "pool=hikari"}, Settings.of(Map.of())).err)
                .isEqualTo("poolbench: -p pool is not a poolbench parameter: one of strategy, poolSize, maxOverflow, prePing,"
                        + " insertMode, batchSize, rewrite, indexed, rows, jit, callers, threadKind, pooler\n");
        assertThat(runCapturing(new String[] {"Query", "-p", "pooler=pgbouncer"}, Settings.of(Map.of())).err)
                .isEqualTo("poolbench: pooler = 'pgbouncer' is not accepted: one of none, pgbouncer-session,"
                        + " pgbouncer-transaction\n");
        assertThat(runCapturing(new String[] {"Overhead", "-p", "threadKind=green"}, Settings.of(Map.of())).err)
                .isEqualTo("poolbench: threadKind = 'green' is not accepted: one of platform, virtual\n");
        assertThat(runCapturing(new String[] {"Insert", "-p", "insertMode=bulk"}, Settings.of(Map.of())).err)
                .isEqualTo("poolbench: insertMode = 'bulk' is not accepted: one of single, batch, multirow, copy\n");
        assertThat(runCapturing(new String[] {"Query", "-p", "poolSize=0"}, Settings.of(Map.of())).err)
                .isEqualTo("poolbench: poolSize = '0' is not accepted: a whole number from 1 to 1000\n");
        assertThat(runCapturing(new String[] {"FilterQuery", "-p", "indexed=yes"}, Settings.of(Map.of())).err)
                .isEqualTo("poolbench: indexed = 'yes' is not accepted: true or false\n");
        assertThat(runCapturing(new String[] {"Query", "-p", "jit=maybe"}, Settings.of(Map.of())).err)
                .isEqualTo("poolbench: jit = 'maybe' is not accepted: default, on or off\n");
        assertThat(runCapturing(new String[] {"Query", "-jvmArgsAppend", "-Dbench.db=sqlite"}, Settings.of(Map.of())).err)
                .isEqualTo("poolbench: bench.db = 'sqlite' is not accepted: one of auto, testcontainers, embedded, external\n");
        assertThat(runCapturing(new String[0], Settings.of(Map.of("bench.profile", "huge"))).err)
                .isEqualTo("poolbench: bench.profile = 'huge' is not accepted: one of smoke, quick, claims, pools, full\n");
    }

    @Test
    void aRunInMiniatureWritesEveryFileBesideTheResultsAndNoSecretAnywhere(@TempDir Path out) throws Exception {
        Database db = TestDatabase.get();
        Map<String, String> settings = new HashMap<>();
        settings.put("bench.out", out.toString());
        settings.put("bench.db.url", db.jdbcUrl());
        settings.put("bench.db.user", db.user());
        settings.put("bench.db.password", db.password());
        String[] args = {"Query.throughput", "-p", "strategy=hikari", "-f", "1", "-wi", "0", "-i", "2", "-r", "500ms", "-t", "2"};
        // an earlier run's file that this one does not write (a command-line run measures no faults)
        Path faults = out.resolve(Faults.FORMAT.fileName());
        ResultFiles.write(faults, Faults.FORMAT, new Faults(1500, 4000, 1000, 2000, List.of(), List.of(), List.of(), List.of()));

        Outcome outcome = runCapturing(args, Settings.of(settings));

        assertThat(outcome.code).as(outcome.err).isZero();
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("benchmark").asText()).isEqualTo("dev.poolbench.pools.Query.throughput");
        assertThat(results.get(0).get("params").get("strategy").asText()).isEqualTo("hikari");
        assertThat(results.get(0).get("primaryMetric").get("score").asDouble()).isPositive();
        assertThat(results.get(0).get("primaryMetric").get("rawData").get(0)).hasSize(2);

        EnvironmentRecord environment = ResultFiles.read(out.resolve(EnvironmentRecord.FORMAT.fileName()), EnvironmentRecord.FORMAT);
        assertThat(environment.source()).isEqualTo("bench-pools");
        assertThat(environment.database().settings().get("max_connections")).isNotBlank();
        assertThat(environment.cores()).isPositive();
        // issue 14: which PgBouncer a run behind it went through, or why there was none
        assertThat((String) environment.parameters().get("pgbouncer"))
                .matches(dev.poolbench.core.db.PgBouncer.unavailable().isEmpty() ? "PgBouncer \\d+\\.\\d+.*" : "pgbouncer is not installed.*");

        ServerConnectionPoints connections = ResultFiles.read(out.resolve(ServerConnectionPoints.FORMAT.fileName()),
                ServerConnectionPoints.FORMAT);
        assertThat(connections.points().get(0).peakTotal()).isBetween(1, 15);
        assertThat(connections.points().get(0).params()).containsEntry("strategy", "hikari");

        if (PgbenchReference.find().isPresent()) {
            NativeCeiling pgbench = ResultFiles.read(out.resolve(NativeCeiling.FORMAT.fileName()), NativeCeiling.FORMAT);
            assertThat(pgbench.points().get(0).clients()).isEqualTo(2);
            assertThat(pgbench.points().get(0).meanTps()).isPositive();
        }
        assertThat(out.resolve("results.json.partial")).doesNotExist();
        assertThat(faults).as("an earlier run's faults are not this run's").doesNotExist();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("db-handoff"));
        }
        if (!db.password().isEmpty()) {
            assertThat(outcome.out + outcome.err).doesNotContain(db.password());
            try (Stream<Path> files = Files.list(out)) {
                for (Path file : files.toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(db.password());
                }
            }
        }
    }

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome runCapturing(String[] args, Settings settings) throws Exception {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = BenchmarkMain.run(args, settings);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }
}
