package dev.poolbench.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.LoadFixture;
import dev.poolbench.reports.fixtures.RealRuns;
import dev.poolbench.reports.input.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No password reaches a report, even when an input carries one: JMH copies the forked JVM's
 * arguments into its JSON verbatim, and a database description or an error may quote a URL.
 */
class SecretsTest {

    private static final String SECRET = "hunter2-s3cret";

    @Test
    void passwordsInAnyInputAreMaskedInEveryFile(@TempDir Path dir) throws Exception {
        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        ArrayNode results = (ArrayNode) Json.read(RealRuns.baseline().resolve("jmh/results.json"));
        ((ObjectNode) results.get(0)).putArray("jvmArgs").add("-Xmx1g").add("-Dbench.db.password=" + SECRET);
        Json.write(jmh.resolve("results.json"), results);
        ObjectNode environment = (ObjectNode) Json.read(RealRuns.baseline().resolve("jmh/environment.json"));
        ((ObjectNode) environment.get("database")).put("description", "external jdbc:postgresql://bench:" + SECRET + "@db.internal:5432/app");
        ((ObjectNode) environment.get("parameters")).put("bench.db.password", SECRET);
        Json.write(jmh.resolve("environment.json"), environment);
        Path load = dir.resolve("load");
        Path loadFile = LoadFixture.write(load, "TodoApiSimulation", "baseline", "queue", 100, 50);
        ObjectNode summary = (ObjectNode) Json.read(loadFile);
        ((ArrayNode) summary.get("errors")).addObject()
                .put("message", "FATAL: could not connect to jdbc:postgresql://db/app?user=bench&password=" + SECRET)
                .put("count", 1);
        Json.write(loadFile, summary);

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", load.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
        for (String file : new String[] {"run.json", "index.html", "summary.md", "results.csv"}) {
            assertThat(Files.readString(out.resolve(file))).as(file).doesNotContain(SECRET);
        }
        String run = Files.readString(out.resolve("run.json"));
        assertThat(run).contains("\"-Dbench.db.password=*****\"")
                .contains("jdbc:postgresql://bench:*****@db.internal:5432/app")
                .contains("\"bench.db.password\" : \"*****\"")
                .contains("user=bench&password=*****");
    }
}
