package dev.poolbench.reports.sections;

import dev.poolbench.core.db.PgBouncer;
import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.reports.model.Metric;
import dev.poolbench.reports.model.Units;
import dev.poolbench.reports.render.Fmt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Picking and grouping JMH results by their parameters: what most sections do first. */
final class JmhSelection {

    /** The strategies in the order the seeds discuss them; any other value sorts after, by name. */
    private static final List<String> STRATEGY_ORDER = List.of("none", "static", "single", "queue", "hikari", "dbcp2", "agroal",
            "vibur", "tomcat", "c3p0");

    /** The parameter naming what sits between the pool and the server (issue 14); absent or "none": nothing. */
    static final String POOLER = "pooler";

    /** The parameters a strategy label ({@link #strategy}) already shows. */
    static final Set<String> STRATEGY_PARAMS = Set.of("strategy", POOLER);

    private JmhSelection() {
    }

    /** "queue", or "queue + pgbouncer-transaction" for a point measured behind PgBouncer; "-" without a strategy. */
    static String strategy(Map<String, String> params) {
        String strategy = params.getOrDefault("strategy", "-");
        return direct(params) ? strategy : strategy + " + " + params.get(POOLER);
    }

    /** The pool talked to the server itself: no pooler parameter (a result from before it existed), or none. */
    static boolean direct(Map<String, String> params) {
        return params.getOrDefault(POOLER, "none").equals("none");
    }

    /**
     * What a reader must know about points measured behind PgBouncer, one note per mode present: its pool, and
     * pgjdbc's prepareThreshold=0 in transaction mode. Empty when every point is direct.
     */
    static List<String> poolerNotes(Collection<Map<String, String>> params) {
        Set<String> poolers = params.stream().filter(p -> !direct(p)).map(p -> p.get(POOLER))
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> notes = new ArrayList<>();
        for (String pooler : poolers) {
            String mode = pooler.replaceFirst("^pgbouncer-", "");
            String note = "Points marked \"+ " + pooler + "\" ran behind PgBouncer in " + mode + " mode, started by the harness"
                    + " on the same machine with " + PgBouncer.DEFAULT_POOL_SIZE + " server connections (default_pool_size),"
                    + " clients logging in to it with SCRAM-SHA-256 (a new connection pays that handshake even where the"
                    + " server itself trusts local logins)";
            notes.add(mode.equals("transaction") ? note + "; pgjdbc ran with " + PgBouncer.TRANSACTION_MODE_PGJDBC
                    + " (no named server-side prepared statements, which transaction mode would lose between transactions)."
                    : note + ".");
        }
        return notes;
    }

    static List<JmhResult> having(List<JmhResult> results, String param, Predicate<JmhResult> also) {
        return results.stream().filter(r -> r.params().containsKey(param)).filter(also).collect(Collectors.toList());
    }

    static <T, K> Map<K, List<T>> groupBy(List<T> results, Function<T, K> key) {
        Map<K, List<T>> groups = new LinkedHashMap<>();
        for (T r : results) {
            groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** "poolSize=5 maxOverflow=10, 4 threads": the parameters not in {@code shown}, and the thread count. */
    static String otherParams(JmhResult r, Set<String> shown) {
        String params = paramsBut(r, shown);
        String threads = r.threads() + (r.threads() == 1 ? " thread" : " threads");
        return params.isEmpty() ? threads : params + ", " + threads;
    }

    /** "poolSize=5 maxOverflow=10": the parameters not in {@code shown}, without the thread count. */
    static String paramsBut(JmhResult r, Set<String> shown) {
        return r.params().entrySet().stream()
                .filter(p -> !shown.contains(p.getKey()))
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining(" "));
    }

    /** "1,234 ± 56": a throughput result's score in operations per second, with JMH's error. */
    static String opsWithError(Metric m) {
        return Fmt.withError(opsPerSecond(m, m.score()), opsPerSecond(m, m.error()));
    }

    /** The seeds' order of strategies; "queue + pgbouncer-session" right after "queue", poolers by name. */
    static Comparator<String> strategyOrder() {
        return Comparator.<String>comparingInt(s -> {
                    String base = s.split(" \\+ ", 2)[0];
                    return STRATEGY_ORDER.contains(base) ? STRATEGY_ORDER.indexOf(base) : STRATEGY_ORDER.size();
                })
                .thenComparing(Comparator.naturalOrder());
    }

    /** Numeric order for values that are numbers ("10" after "5"), text order otherwise. */
    static Comparator<String> numericOrder() {
        return (a, b) -> {
            try {
                return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        };
    }

    /** A value of {@code m} (its score, an interval bound) in operations per second, whatever JMH's unit. */
    static double opsPerSecond(Metric m, double value) {
        return Units.convert(value, m.unit(), Units.OPS_PER_SECOND);
    }

    /** An id usable in HTML for a benchmark name: {@code Query.query} becomes {@code query-query}. */
    static String slug(String text) {
        return text.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
