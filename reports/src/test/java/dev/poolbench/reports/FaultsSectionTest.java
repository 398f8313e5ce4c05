package dev.poolbench.reports;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.faults.ConnectionLeak;
import dev.poolbench.core.faults.DatabaseOutage;
import dev.poolbench.core.faults.LostWrites;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.ReportRun;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.Faults;
import dev.poolbench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Faults section shows what real fault scenarios measured, number for number. */
class FaultsSectionTest {

    @Test
    void showsTheRestartLeakAndLostWritesFiguresOfARealRun(@TempDir Path dir) throws Exception {
        TestDatabase.emptyTodos().seed(500, 5);
        PoolSettings queue = PoolSettings.of(PoolStrategy.QUEUE).withPoolTimeout(Duration.ofSeconds(1));
        Faults.Outage outage = DatabaseOutage.run(TestDatabase.get(), queue, 500, Duration.ofSeconds(1),
                DatabaseOutage.When.WHILE_IDLE);
        Faults.Leak leak = ConnectionLeak.run(TestDatabase.get(), queue.withLeakThreshold(Duration.ofMillis(300)));
        Faults.LostWrites shared = LostWrites.run(TestDatabase.get(), PoolSettings.of(PoolStrategy.STATIC), 4, 2, 200);
        Faults.LostWrites apart = LostWrites.run(TestDatabase.get(), queue, 4, 2, 200);

        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        Path real = ReportRun.reportDir().getParent().getParent().getParent().resolve("bench-pools/target/jmh");
        Files.copy(real.resolve("results.json"), jmh.resolve("results.json"));
        ResultFiles.write(jmh.resolve(Faults.FORMAT.fileName()), Faults.FORMAT,
                new Faults(1000, 0, 1000, 2000, List.of(outage), List.of(), List.of(leak), List.of(shared, apart)));

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
        for (Faults.LostWrites w : List.of(shared, apart)) {
            assertThat(summary).contains("| " + w.pool() + " | 4 writing, 2 reading | " + Fmt.number(w.committed()) + " | "
                    + Fmt.number(w.lost()) + " | " + Fmt.number(w.rolledBack()) + " | " + Fmt.number(w.wronglyKept()) + " | 0 |");
        }
        assertThat(summary).contains("queue 5+10, timeout 1s: none lost, none wrongly kept.");
        assertThat(Files.readString(out.resolve("index.html"))).contains("id=\"faults-stale\"");
    }
}
