package dev.poolbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.reports.input.Json;
import dev.poolbench.reports.render.CsvResults;
import dev.poolbench.reports.render.HtmlReport;
import dev.poolbench.reports.render.MarkdownSummary;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.model.Points;
import dev.poolbench.reports.model.Run;
import dev.poolbench.reports.model.RunReader;
import dev.poolbench.reports.sections.Sections;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a run's four files: run.json first, then index.html, summary.md and results.csv rendered
 * from what run.json says (read back, not from the inputs), so the artifact alone can reproduce them.
 */
public final class Report {

    public static final String RUN_JSON = "run.json";
    public static final String INDEX_HTML = "index.html";
    public static final String SUMMARY_MD = "summary.md";
    public static final String RESULTS_CSV = "results.csv";

    private Report() {
    }

    /** Writes the files into {@code outDir} and returns the run they describe. */
    public static Run write(JsonNode artifact, Path outDir, int spindles) throws IOException {
        Files.createDirectories(outDir);
        Json.write(outDir.resolve(RUN_JSON), artifact);
        Run run = RunReader.of(artifact);
        List<SectionView> sections = Sections.standard(spindles).stream().map(s -> s.render(run)).collect(Collectors.toList());
        Files.writeString(outDir.resolve(INDEX_HTML), HtmlReport.render(run, sections));
        Files.writeString(outDir.resolve(SUMMARY_MD), MarkdownSummary.render(run, sections));
        Files.writeString(outDir.resolve(RESULTS_CSV), CsvResults.render(Points.of(run)));
        return run;
    }
}
