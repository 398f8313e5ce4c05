package dev.poolbench.core.conformance;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * poolbench's {@code none}, {@code static} and {@code queue} against SQLAlchemy 1.4's NullPool, StaticPool and
 * QueuePool themselves: the scenarios of {@code conformance/scenarios.json} run once through SQLAlchemy (Python,
 * psycopg2) and once through poolbench (Java, pgjdbc), on the same PostgreSQL, comparing only what the server
 * and the caller observe: backend pids, pg_stat_activity counts, error classes, rows, waits (within a tolerance).
 * Every difference must be listed in the scenarios, on its step, as deliberate, with its reason; the table and
 * the list are printed, and kept in {@code target/conformance.txt}.
 */
class ConformanceTest {

    /** Two clocks on a shared machine: waits agree within 150 ms or a quarter of the longer. */
    private static final long TOLERANCE_MS = 150;

    @Test
    void poolbenchsStrategiesBehaveAsSqlAlchemysPools() throws Exception {
        Optional<String> unavailable = SqlAlchemyRunner.unavailable();
        if (unavailable.isPresent()) {
            System.out.println("conformance suite skipped: " + unavailable.get());
        }
        assumeTrue(unavailable.isEmpty(), () -> "conformance suite skipped: " + unavailable.get());

        List<Scenario> scenarios = Scenario.load();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<Observation>> sqlAlchemy;
        Map<String, List<Observation>> poolbench = new HashMap<>();
        String version;
        try (Database viaProxy = TestDatabase.get().throughProxy(Duration.ZERO, false);
             ServerSide server = new ServerSide(TestDatabase.get(), viaProxy.proxy().orElseThrow())) {
            SqlAlchemyRunner python = new SqlAlchemyRunner(viaProxy, server);
            sqlAlchemy = python.runAll(run);
            version = python.version();
            PoolbenchRunner java = new PoolbenchRunner(viaProxy, server, run);
            for (int i = 0; i < scenarios.size(); i++) {
                poolbench.put(scenarios.get(i).name(), java.run(scenarios.get(i), i + 1));
            }
        }

        Comparison comparison = new Comparison("SQLAlchemy " + version, "poolbench");
        for (Scenario scenario : scenarios) {
            assertThat(sqlAlchemy).as("the SQLAlchemy runner ran every scenario").containsKey(scenario.name());
            comparison.add(scenario, sqlAlchemy.get(scenario.name()), poolbench.get(scenario.name()));
        }
        String report = comparison.render();
        System.out.println(report);
        Path kept = Path.of("target", "conformance.txt");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, report, StandardCharsets.UTF_8);

        assertThat(comparison.unexpected()).as("differences not listed as deliberate (the table above)").isEmpty();
        assertThat(comparison.listedButAlike())
                .as("steps listed as a deliberate difference where both now agree: take the listing off")
                .isEmpty();
    }

    /** The table, scenario by scenario and step by step, and what differs. */
    private static final class Comparison {

        private final String left;
        private final String right;
        private final List<String[]> rows = new ArrayList<>();
        private final List<String[]> summary = new ArrayList<>();
        private final List<String> deliberate = new ArrayList<>();
        private final List<String> unexpected = new ArrayList<>();
        private final List<String> listedButAlike = new ArrayList<>();

        Comparison(String left, String right) {
            this.left = left;
            this.right = right;
        }

        void add(Scenario scenario, List<Observation> theirs, List<Observation> ours) {
            rows.add(new String[] {scenario.name() + "  [" + scenario.pool() + "]"});
            Map<Integer, String> theirPids = new HashMap<>();
            Map<Integer, String> ourPids = new HashMap<>();
            int deliberateBefore = deliberate.size();
            int unexpectedBefore = unexpected.size();
            for (int i = 0; i < scenario.steps().size(); i++) {
                Scenario.Step step = scenario.steps().get(i);
                Observation a = theirs.get(i);
                Observation b = ours.get(i);
                String shownA = a.shown(theirPids);
                String shownB = b.shown(ourPids);
                boolean same = a.withoutWait(theirPids).equals(b.withoutWait(ourPids)) && closeEnough(a.ms(), b.ms());
                String where = scenario.name() + ", step " + (i + 1) + " (" + step.label() + ")";
                String verdict;
                if (same) {
                    verdict = "same";
                    step.deliberate().ifPresent(reason -> listedButAlike.add(where));
                } else if (step.deliberate().isPresent()) {
                    verdict = "differs, deliberately (" + (deliberate.size() + 1) + ")";
                    deliberate.add(where + ": " + left + " " + shownA + ", " + right + " " + shownB + ". "
                            + step.deliberate().get());
                } else {
                    verdict = "DIFFERS";
                    unexpected.add(where + ": " + left + " " + shownA + ", " + right + " " + shownB);
                }
                rows.add(new String[] {(i + 1) + ". " + step.label(), shownA, shownB, verdict});
            }
            int differing = deliberate.size() - deliberateBefore;
            int wrong = unexpected.size() - unexpectedBefore;
            summary.add(new String[] {scenario.name(), Integer.toString(scenario.steps().size()),
                    wrong > 0 ? wrong + " unexpected" : differing > 0 ? differing + " deliberate" : "same in every step"});
        }

        /** One scenario's steps, its columns as wide as its own widest cell. */
        private void render(StringBuilder out, List<String[]> steps) {
            int[] widths = {"step".length(), left.length(), right.length()};
            for (String[] row : steps) {
                for (int c = 0; c < 3; c++) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            String format = "  %-" + widths[0] + "s | %-" + widths[1] + "s | %-" + widths[2] + "s | %s%n";
            out.append(String.format(format, "step", left, right, "verdict"));
            steps.forEach(row -> out.append(String.format(format, (Object[]) row)));
        }

        private static boolean closeEnough(Long a, Long b) {
            if (a == null || b == null) {
                return a == b;
            }
            return Math.abs(a - b) <= Math.max(TOLERANCE_MS, Math.max(a, b) / 4);
        }

        List<String> unexpected() {
            return unexpected;
        }

        List<String> listedButAlike() {
            return listedButAlike;
        }

        String render() {
            StringBuilder out = new StringBuilder("Conformance: " + left + " against " + right
                    + " on the same PostgreSQL (pids as p1, p2, ... in order of first sight; waits agree within "
                    + TOLERANCE_MS + " ms or 25%)\n\n");
            int nameWidth = summary.stream().mapToInt(r -> r[0].length()).max().orElse(8);
            String line = "  %-" + nameWidth + "s | %5s | %s%n";
            out.append(String.format(line, "scenario", "steps", left + " vs " + right));
            summary.forEach(r -> out.append(String.format(line, (Object[]) r)));
            for (int start = 0; start < rows.size(); ) {
                int end = start + 1;
                while (end < rows.size() && rows.get(end).length > 1) {
                    end++;
                }
                out.append('\n').append(rows.get(start)[0]).append('\n');
                render(out, rows.subList(start + 1, end));
                start = end;
            }
            out.append("\nDeliberate differences (").append(deliberate.size()).append("):\n");
            for (int i = 0; i < deliberate.size(); i++) {
                out.append("  (").append(i + 1).append(") ").append(deliberate.get(i)).append('\n');
            }
            if (!unexpected.isEmpty()) {
                out.append("\nUnexpected differences (").append(unexpected.size()).append("):\n");
                unexpected.forEach(u -> out.append("  ").append(u).append('\n'));
            }
            return out.toString();
        }
    }
}
