package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.model.Environment;
import dev.poolbench.reports.model.Run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the numbers came from: the run itself, then each module's environment record. */
final class EnvironmentSection implements ReportSection {

    static final String ID = "environment";
    private static final String TITLE = "Environment";

    @Override
    public SectionView render(Run run) {
        List<Table> tables = new ArrayList<>();
        Table.Builder about = Table.builder("This run", "what", "value");
        about.row("report created", run.createdAt().toString());
        about.row("poolbench", run.toolVersion());
        about.row("git commit", run.git().map(g -> g.commit() + (g.dirty() ? " (with uncommitted changes)" : "")).orElse("unknown (not a git work tree)"));
        tables.add(about.build());
        List<String> notes = new ArrayList<>();
        add(tables, notes, "bench-pools (JMH)", run.jmhEnvironment(), run.jmhMeasured());
        add(tables, notes, "load-scenarios (Gatling)", run.loadEnvironment(), run.loadMeasured());
        return new SectionView(ID, TITLE, "The machine, JDK and PostgreSQL server each set of numbers came from.", notes,
                List.of(), tables);
    }

    private static void add(List<Table> tables, List<String> notes, String source, Optional<Environment> record, boolean measured) {
        if (record.isEmpty()) {
            notes.add(measured ? source + ": no environment record was written beside the results."
                    : source + ": not measured in this run.");
            return;
        }
        Environment e = record.get();
        Table.Builder t = Table.builder(source, "what", "value");
        t.row("recorded at", e.recordedAt());
        t.row("JDK", e.jdk());
        t.row("OS", e.os());
        t.row("cores", String.valueOf(e.cores()));
        t.row("memory", e.memoryMb() < 0 ? "unknown" : e.memoryMb() + " MB");
        t.row("database provider", e.databaseProvider());
        t.row("database", e.databaseDescription());
        for (Map.Entry<String, String> s : e.databaseSettings().entrySet()) {
            t.row("server " + s.getKey(), s.getValue());
        }
        for (Map.Entry<String, String> p : e.parameters().entrySet()) {
            t.row("parameter " + p.getKey(), p.getValue());
        }
        tables.add(t.build());
    }
}
