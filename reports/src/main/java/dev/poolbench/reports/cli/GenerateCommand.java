package dev.poolbench.reports.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolbench.core.config.Settings;
import dev.poolbench.reports.Report;
import dev.poolbench.reports.input.GitInfo;
import dev.poolbench.reports.input.RunCollector;
import dev.poolbench.reports.render.Assets;
import dev.poolbench.reports.model.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code generate}: the run artifact and the report of one run, from the modules' result files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes run.json, index.html, summary.md and results.csv from the other modules' result files.",
                "Absent inputs are reported as not measured; inputs that are present but broken are an error."})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jmh", paramLabel = "DIR", defaultValue = "bench-pools/target/jmh",
            description = "bench-pools' JMH results directory (default: ${DEFAULT-VALUE})")
    Path jmh;

    @Option(names = "--load", paramLabel = "DIR", defaultValue = "load-runs/target/load-results",
            description = "load-runs' results directory (default: ${DEFAULT-VALUE})")
    Path load;

    @Option(names = "--sizing", paramLabel = "DIR",
            description = "the sizing run's directory, holding sizing.json (default: sizing beside --jmh, as bench-pools"
                    + " writes it)")
    Path sizing;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/target/pool-report",
            description = "where the report goes (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--git-dir", paramLabel = "DIR", defaultValue = ".",
            description = "the work tree whose commit the run records (default: the current directory)")
    Path gitDir;

    @Option(names = "--spindles", paramLabel = "N", defaultValue = "1",
            description = "effective spindles in the cores x 2 + spindles pool-size prediction; 1 for an SSD (default: ${DEFAULT-VALUE})")
    String spindles;

    @Override
    public Integer call() throws Exception {
        int effectiveSpindles = Settings.parseInt("--spindles", spindles, 0, 1000);
        ObjectNode artifact = (sizing == null ? new RunCollector(jmh, load, out)
                : new RunCollector(jmh, load, out, sizing)).collect(GitInfo.of(gitDir), Instant.now(), Assets.version());
        Run run = Report.write(artifact, out, effectiveSpindles);
        var printer = spec.commandLine().getOut();
        printer.println("pool-report: wrote " + out.resolve(Report.RUN_JSON) + ", " + Report.INDEX_HTML + ", "
                + Report.SUMMARY_MD + ", " + Report.RESULTS_CSV + " (" + run.jmh().size() + " JMH results, "
                + run.load().size() + " load results)");
        for (String absent : run.notMeasured()) {
            printer.println("pool-report: not measured in this run: " + absent);
        }
        return PoolReport.OK;
    }
}
