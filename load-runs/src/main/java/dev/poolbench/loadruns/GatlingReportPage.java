package dev.poolbench.loadruns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a person reads in Gatling's HTML report (index.html): the statistics table, a row per
 * request name plus "All Requests", and the errors table. Only the tests need this: it is how a summary
 * is checked against what Gatling itself shows.
 */
final class GatlingReportPage {

    private static final Pattern ROW_NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value (?:total|ok|ko) col-(\\d+)\">([^<]*)</td>");
    private static final Pattern ERROR = Pattern.compile(
            "<td class=\"error-col-1 total ko\">(.*?)<span[^>]*>\\d+</span></td>\\s*<td class=\"value error-col-2 total ko\">(\\d+)</td>");

    /** One row of the statistics table, in the report's own (rounded) numbers. */
    record Row(long total, long ok, long ko, double countPerSecond, int min, int p50, int p75, int p95, int p99, int max,
               int mean) {
    }

    final Map<String, Row> rows;
    final Map<String, Long> errors;

    private GatlingReportPage(Map<String, Row> rows, Map<String, Long> errors) {
        this.rows = rows;
        this.errors = errors;
    }

    static GatlingReportPage read(Path indexHtml) throws IOException {
        String html = Files.readString(indexHtml, StandardCharsets.UTF_8);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String chunk : html.split("<tr")) {
            Matcher name = ROW_NAME.matcher(chunk);
            if (!name.find()) {
                continue;
            }
            Map<Integer, String> cells = new LinkedHashMap<>();
            Matcher cell = CELL.matcher(chunk);
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim().replace(",", ""));
            }
            if (cells.size() < 13) {
                continue;
            }
            rows.put(name.group(1), new Row(num(cells, 2), num(cells, 3), num(cells, 4), Double.parseDouble(cells.get(6)),
                    (int) num(cells, 7), (int) num(cells, 8), (int) num(cells, 9), (int) num(cells, 10),
                    (int) num(cells, 11), (int) num(cells, 12), (int) num(cells, 13)));
        }
        Map<String, Long> errors = new LinkedHashMap<>();
        Matcher error = ERROR.matcher(html);
        while (error.find()) {
            errors.put(error.group(1).trim(), Long.parseLong(error.group(2)));
        }
        return new GatlingReportPage(rows, errors);
    }

    private static long num(Map<Integer, String> cells, int column) {
        String value = cells.get(column);
        return value.equals("-") ? 0 : Long.parseLong(value);
    }
}
