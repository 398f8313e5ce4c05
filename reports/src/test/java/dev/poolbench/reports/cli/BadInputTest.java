package dev.poolbench.reports.cli;

import dev.poolbench.reports.fixtures.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input is one line on stderr naming the bad value and what is accepted, and exit code 2. */
class BadInputTest {

    @TempDir
    static Path dir;

    /** A real artifact of a run that measured nothing (no inputs at all): valid, and quick to make. */
    private static Path emptyRun;

    @BeforeAll
    static void emptyRun() {
        Path out = dir.resolve("empty-run");
        Cli.Result r = Cli.run("generate", "--jmh", dir.resolve("absent-jmh").toString(), "--load",
                dir.resolve("absent-load").toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        emptyRun = out.resolve("run.json");
    }

    @Test
    void aMissingBaseline() {
        Path missing = dir.resolve("nope.json");
        assertOneLineError(Cli.run("compare", missing.toString(), emptyRun.toString()),
                "pool-report: " + missing + ": no such file");
    }

    @Test
    void aMissingCandidate() {
        Path missing = dir.resolve("later.json");
        assertOneLineError(Cli.run("compare", emptyRun.toString(), missing.toString()),
                "pool-report: " + missing + ": no such file");
    }

    @Test
    void jmhOutputIsNotARunArtifact() throws IOException {
        Path jmh = write("results.json", "[{\"benchmark\": \"x.Y.z\", \"mode\": \"thrpt\", \"primaryMetric\": {\"score\": 1}}]");
        assertOneLineError(Cli.run("compare", jmh.toString(), emptyRun.toString()),
                "pool-report: " + jmh + ": not a poolbench-run file (no \"format\" field; expected \"poolbench-run/1\")");
    }

    @Test
    void aLoadResultIsNotARunArtifact() throws IOException {
        Path load = write("load.json", "{\"format\": \"poolbench-load-result/1\"}");
        assertOneLineError(Cli.run("compare", emptyRun.toString(), load.toString()),
                "pool-report: " + load + ": not a poolbench-run file (format \"poolbench-load-result/1\"; expected \"poolbench-run/1\")");
    }

    @Test
    void anArtifactOfAnotherFormatVersion() throws IOException {
        Path future = write("future.json", Files.readString(emptyRun).replace("poolbench-run/1", "poolbench-run/2"));
        assertOneLineError(Cli.run("compare", emptyRun.toString(), future.toString()),
                "pool-report: " + future + ": format \"poolbench-run/2\" is not supported; this version of poolbench reads \"poolbench-run/1\"");
    }

    @Test
    void aFileThatIsNotJson() throws IOException {
        Path text = write("notes.json", "baseline was fast\n");
        Cli.Result r = Cli.run("compare", text.toString(), emptyRun.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("pool-report: " + text + ": not JSON (").endsWith(")\n").hasLineCount(1);
    }

    @Test
    void aRegressionThresholdThatIsNotAPercentage() {
        assertOneLineError(Cli.run("compare", emptyRun.toString(), emptyRun.toString(), "--fail-on-regression", "ten"),
                "pool-report: --fail-on-regression = 'ten' is not accepted: a percentage from 0 to 1000, such as 10 or 10%");
        assertOneLineError(Cli.run("compare", emptyRun.toString(), emptyRun.toString(), "--fail-on-regression", "-5"),
                "pool-report: --fail-on-regression = '-5' is not accepted: a percentage from 0 to 1000, such as 10 or 10%");
    }

    @Test
    void aMissingCandidateArgument() {
        Cli.Result r = Cli.run("compare", emptyRun.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pool-report: Missing required parameter: 'CANDIDATE' (see pool-report compare --help)\n");
    }

    @Test
    void brokenJmhResultsStopGenerate() throws IOException {
        Path jmh = Files.createDirectories(dir.resolve("broken-jmh"));
        Files.writeString(jmh.resolve("results.json"), "{\"benchmark\": \"not an array\"}");
        assertOneLineError(Cli.run("generate", "--jmh", jmh.toString(), "--load", dir.resolve("absent").toString(),
                        "--out", dir.resolve("out-broken").toString()),
                "pool-report: " + jmh.resolve("results.json") + ": not JMH JSON output (expected an array of results, as -rf json writes)");
    }

    @Test
    void aLoadResultOfAnotherVersionStopsGenerate() throws IOException {
        Path load = Files.createDirectories(dir.resolve("load-v2"));
        Files.writeString(load.resolve("TodoApiSimulation.json"), "{\"format\": \"poolbench-load-result/2\"}");
        assertOneLineError(Cli.run("generate", "--jmh", dir.resolve("absent").toString(), "--load", load.toString(),
                        "--out", dir.resolve("out-v2").toString()),
                "pool-report: " + load.resolve("TodoApiSimulation.json")
                        + ": format \"poolbench-load-result/2\" is not supported; this version of poolbench reads \"poolbench-load-result/1\"");
    }

    @Test
    void aLoadResultWithAFieldOfTheWrongShapeStopsGenerate() throws IOException {
        Path load = Files.createDirectories(dir.resolve("load-bad-field"));
        Files.writeString(load.resolve("TodoApiSimulation.json"), "{\"format\": \"poolbench-load-result/1\", \"requests\": \"many\"}");
        Cli.Result r = Cli.run("generate", "--jmh", dir.resolve("absent").toString(), "--load", load.toString(),
                "--out", dir.resolve("out-bad-field").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("pool-report: " + load.resolve("TodoApiSimulation.json")
                + ": not a valid poolbench-load-result/1 file (requests: ").endsWith(")\n").hasLineCount(1);
    }

    @Test
    void aBadSpindleCount() {
        assertOneLineError(Cli.run("generate", "--spindles", "many", "--out", dir.resolve("out-spindles").toString()),
                "pool-report: --spindles = 'many' is not accepted: a whole number from 0 to 1000");
    }

    @Test
    void noCommandAtAll() {
        Cli.Result r = Cli.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pool-report: a command is needed: generate or compare (see pool-report --help)\n");
    }

    private static void assertOneLineError(Cli.Result r, String line) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(line + "\n");
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
