package dev.poolbench.reports.render;

import java.util.ArrayList;
import java.util.List;

/** A table as both the HTML page and the Markdown summary show it. */
public record Table(String caption, List<String> headers, List<List<Cell>> rows) {

    /** One cell: text, and a relative link when the text names a file beside the report. */
    public record Cell(String text, String link) {

        public static Cell of(String text) {
            return new Cell(text, null);
        }

        public boolean hasLink() {
            return link != null;
        }
    }

    public static Builder builder(String caption, String... headers) {
        return new Builder(caption, List.of(headers));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public static final class Builder {
        private final String caption;
        private final List<String> headers;
        private final List<List<Cell>> rows = new ArrayList<>();

        private Builder(String caption, List<String> headers) {
            this.caption = caption;
            this.headers = headers;
        }

        public Builder row(String... cells) {
            List<Cell> row = new ArrayList<>();
            for (String c : cells) {
                row.add(Cell.of(c));
            }
            return row(row);
        }

        public Builder row(List<Cell> cells) {
            if (cells.size() != headers.size()) {
                throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of " + headers.size() + " columns");
            }
            rows.add(List.copyOf(cells));
            return this;
        }

        public Table build() {
            return new Table(caption, headers, List.copyOf(rows));
        }
    }
}
