package dev.poolbench.reports.render;

import dev.poolbench.reports.input.Json;
import dev.poolbench.reports.model.Run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** index.html: every section, its charts drawn by ECharts inlined in the page. */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(Run run, List<SectionView> sections) {
        Map<String, Object> page = new HashMap<>();
        page.put("title", "poolbench report");
        page.put("subtitle", subtitle(run));
        page.put("sections", sections);
        page.put("chartData", Json.forScript(sections.stream().flatMap(s -> s.charts().stream()).collect(Collectors.toList())));
        page.put("style", Assets.style());
        page.put("echarts", Assets.echarts());
        page.put("chartScript", Assets.chartScript());
        return Assets.template("report.html.mustache").execute(page);
    }

    static String subtitle(Run run) {
        return "Run of " + run.createdAt() + run.git().map(g -> ", commit " + g.commit().substring(0, Math.min(12, g.commit().length()))
                + (g.dirty() ? " (uncommitted changes)" : "")).orElse("");
    }
}
