package dev.poolbench.reports.render;

import dev.poolbench.reports.model.Run;

import java.util.List;

/** summary.md: the report's tables as Markdown, ready to paste into a pull request. */
public final class MarkdownSummary {

    private MarkdownSummary() {
    }

    public static String render(Run run, List<SectionView> sections) {
        StringBuilder md = new StringBuilder();
        md.append("# poolbench report\n\n").append(HtmlReport.subtitle(run)).append(".\n");
        for (SectionView s : sections) {
            md.append("\n## ").append(s.title()).append("\n\n");
            if (s.lead() != null && !s.lead().isEmpty()) {
                md.append(s.lead()).append("\n\n");
            }
            for (String note : s.notes()) {
                md.append("> ").append(escape(note)).append("\n\n");
            }
            for (Table t : s.tables()) {
                table(md, t);
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, Table t) {
        if (t.isEmpty()) {
            return;
        }
        md.append("**").append(escape(t.caption())).append("**\n\n| ");
        md.append(String.join(" | ", t.headers().stream().map(MarkdownSummary::escape).toList())).append(" |\n|");
        md.append(" --- |".repeat(t.headers().size())).append('\n');
        for (List<Table.Cell> row : t.rows()) {
            md.append("| ");
            md.append(String.join(" | ", row.stream().map(c -> c.hasLink() ? "[" + escape(c.text()) + "](" + c.link() + ")"
                    : escape(c.text())).toList()));
            md.append(" |\n");
        }
        md.append('\n');
    }

    /** Cell text that cannot break the table: pipes escaped, line breaks flattened. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
