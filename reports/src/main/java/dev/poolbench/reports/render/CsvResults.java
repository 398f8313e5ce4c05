package dev.poolbench.reports.render;

import dev.poolbench.reports.model.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * results.csv: one row per measured point, every parameter in a column of its own so a spreadsheet
 * can filter and pivot on them. Values are written in full precision, as measured.
 */
public final class CsvResults {

    private CsvResults() {
    }

    public static String render(List<Point> points) {
        Set<String> params = new TreeSet<>();
        points.forEach(p -> params.addAll(p.params().keySet()));
        List<String> header = new ArrayList<>(List.of("source", "benchmark", "mode", "threads"));
        header.addAll(params);
        header.addAll(List.of("metric", "value", "unit", "low", "high", "interval", "samples", "better"));
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        for (Point p : points) {
            List<String> row = new ArrayList<>(List.of(p.source(), p.name(), p.mode(), p.source().equals("jmh") ? String.valueOf(p.threads()) : ""));
            for (String param : params) {
                row.add(p.params().getOrDefault(param, ""));
            }
            row.add(p.metric());
            row.add(number(p.value()));
            row.add(p.unit());
            row.add(number(p.low()));
            row.add(number(p.high()));
            row.add(p.interval());
            row.add(String.valueOf(p.samples().length));
            row.add(p.higherIsBetter() ? "higher" : "lower");
            line(csv, row);
        }
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.valueOf(v);
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quote(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** RFC 4180: quote a cell holding a comma, a quote or a line break; double its quotes. */
    static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
