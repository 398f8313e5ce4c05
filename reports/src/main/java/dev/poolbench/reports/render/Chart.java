package dev.poolbench.reports.render;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * What a chart shows, as data: report.js turns it into an ECharts option. Keeping the charts as
 * data (not script) means Java decides every number and the page only draws them.
 *
 * @param kind    {@code bar} (category x axis) or {@code line} (numeric x axis)
 * @param logY    a logarithmic value axis, for figures that span orders of magnitude
 * @param peak    mark each line's best point: {@code max} (a throughput), {@code min} (a time), or null
 * @param markers vertical lines at x values, each with a label (a prediction, a limit)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Chart(String id, String title, String kind, String xName, List<String> categories, String yName,
                    boolean logY, String peak, List<Series> series, List<Marker> markers) {

    /** One line or one set of bars; {@code low}/{@code high} draw error bars when present. */
    public record Series(String name, List<Datum> data) {
    }

    /** {@code x} is a category (bar charts) or a number (line charts); low/high may be null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Datum(Object x, double y, Double low, Double high) {
    }

    public record Marker(String label, double x) {
    }

    public static Builder bar(String id, String title, String xName, String yName) {
        return new Builder(id, title, "bar", xName, yName);
    }

    public static Builder line(String id, String title, String xName, String yName) {
        return new Builder(id, title, "line", xName, yName);
    }

    public static final class Builder {
        private final String id;
        private final String title;
        private final String kind;
        private final String xName;
        private final String yName;
        private final List<String> categories = new ArrayList<>();
        private final List<Series> series = new ArrayList<>();
        private final List<Marker> markers = new ArrayList<>();
        private boolean logY;
        private String peak;

        private Builder(String id, String title, String kind, String xName, String yName) {
            this.id = id;
            this.title = title;
            this.kind = kind;
            this.xName = xName;
            this.yName = yName;
        }

        public Builder categories(List<String> values) {
            categories.addAll(values);
            return this;
        }

        public Builder series(String name, List<Datum> data) {
            series.add(new Series(name, List.copyOf(data)));
            return this;
        }

        public Builder logY() {
            this.logY = true;
            return this;
        }

        /** Marks each line's highest point ({@code higherIsBetter}) or lowest as its measured peak. */
        public Builder markPeak(boolean higherIsBetter) {
            this.peak = higherIsBetter ? "max" : "min";
            return this;
        }

        public Builder marker(String label, double x) {
            markers.add(new Marker(label, x));
            return this;
        }

        public Chart build() {
            return new Chart(id, title, kind, xName, kind.equals("bar") ? List.copyOf(categories) : null, yName, logY,
                    peak, List.copyOf(series), List.copyOf(markers));
        }
    }

    /** A datum with an interval; NaN bounds become "no error bar". */
    public static Datum datum(Object x, double y, double low, double high) {
        boolean interval = !Double.isNaN(low) && !Double.isNaN(high);
        return new Datum(x, y, interval ? low : null, interval ? high : null);
    }
}
