package dev.poolbench.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.faults.ConnectionLeak;
import dev.poolbench.core.faults.DatabaseOutage;
import dev.poolbench.core.faults.LostWrites;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.ReportRun;
import dev.poolbench.reports.render.Fmt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Faults section shows what real fault scenarios measured, number for number. */
class FaultsSectionTest {

    @Test
    void showsTheRestartLeakAndLostWritesFiguresOfARealRun(@TempDir Path dir) throws Exception {
        TestDatabase.emptyTodos().seed(500, 5);
        PoolSettings queue = PoolSettings.of(PoolStrategy.QUEUE).withPoolTimeout(Duration.ofSeconds(1));
        DatabaseOutage.Result outage = DatabaseOutage.run(TestDatabase.get(), queue, 500, Duration.ofSeconds(1),
                DatabaseOutage.When.WHILE_IDLE);
        ConnectionLeak.Result leak = ConnectionLeak.run(TestDatabase.get(), queue.withLeakThreshold(Duration.ofMillis(300)));
        LostWrites.Result shared = LostWrites.run(TestDatabase.get(), PoolSettings.of(PoolStrategy.STATIC), 4, 2, 200);
        LostWrites.Result apart = LostWrites.run(TestDatabase.get(), queue, 4, 2, 200);

        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        Path real = ReportRun.reportDir().getParent().getParent().getParent().resolve("bench-pools/target/jmh");
        Files.copy(real.resolve("results.json"), jmh.resolve("results.json"));
        Map<String, Object> faults = new LinkedHashMap<>();
        faults.put("format", "poolbench-faults/1");
        faults.put("outageMs", 1000);
        faults.put("freezeMs", 0);
        faults.put("poolTimeoutMs", 1000);
        faults.put("socketTimeoutMs", 2000);
        faults.put("outages", List.of(outage));
        faults.put("freezes", List.of());
        faults.put("leaks", List.of(leak));
        faults.put("lostWrites", List.of(shared, apart));
        new ObjectMapper().writeValue(jmh.resolve("faults.json").toFile(), faults);

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", dir.resolve("no-load").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("## Faults");
        assertThat(summary).contains("| queue 5+10, timeout 1s | while-idle | " + Fmt.number(outage.callsBefore()) + " | 0 of 0 | 0 ms | "
                + Fmt.number(outage.errorsAfterReturn()) + " | " + Fmt.number(outage.firstSuccessMs()) + " ms | yes | 0 |");
        assertThat(summary).contains("| 300 ms | 1 | 1 | " + Fmt.number(leak.detectedAfterMs()) + " ms | "
                + "dev.poolbench.core.faults.ConnectionLeak$LeakyReport.countTodos(");
        for (LostWrites.Result w : List.of(shared, apart)) {
            assertThat(summary).contains("| " + w.pool() + " | 4 writing, 2 reading | " + Fmt.number(w.committed()) + " | "
                    + Fmt.number(w.lost()) + " | " + Fmt.number(w.rolledBack()) + " | " + Fmt.number(w.wronglyKept()) + " | 0 |");
        }
        assertThat(summary).contains("queue 5+10, timeout 1s: none lost, none wrongly kept.");
        assertThat(Files.readString(out.resolve("index.html"))).contains("id=\"faults-stale\"");
    }
}
