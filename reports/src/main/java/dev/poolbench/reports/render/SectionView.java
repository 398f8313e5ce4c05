package dev.poolbench.reports.render;

import java.util.List;

/**
 * One section of the report, ready to write: prose, charts and tables. The HTML page and the
 * Markdown summary both render the same views, so they cannot disagree.
 *
 * @param notes what a reader should know first, such as "not measured in this run: ..."
 */
public record SectionView(String id, String title, String lead, List<String> notes, List<Chart> charts,
                          List<Table> tables) {

    public static SectionView notMeasured(String id, String title, String lead, String why) {
        return new SectionView(id, title, lead, List.of("Not measured in this run: " + why), List.of(), List.of());
    }
}
