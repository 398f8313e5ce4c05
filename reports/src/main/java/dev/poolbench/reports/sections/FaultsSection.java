package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.model.Run;
import dev.poolbench.results.Faults;
import dev.poolbench.results.ServiceFaults;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What each pool did when the database went away, when the network froze, when code leaked a
 * connection, and when requests' transactions ran concurrently (lost writes): counts of real calls, from
 * bench-pools' fault scenarios; and what the service did, with and without seed 004's retry, through a
 * database restart and an exhausted pool (load-runs' service-faults.json, {@link ServiceFaultsTables}).
 */
final class FaultsSection implements ReportSection {

    static final String ID = "faults";
    private static final String TITLE = "Faults";

    @Override
    public SectionView render(Run run) {
        String pools = "Each scenario ran 4 callers against its own pool through a proxy of its own: a database restart"
                + " (connections cut, new ones refused), a network freeze, and code that never returns a connection;"
                + " and concurrent transactions through each pool, counting the writes lost or wrongly kept.";
        String through = "Through the service, each started afresh behind a proxy of its own, with and without seed 004's"
                + " retry: a database restart under steady traffic, and a pool exhausted by more requests than it can serve.";
        Optional<ServiceFaults> service = run.serviceFaults();
        String lead = run.faults().isPresent() == service.isPresent() ? pools + " " + through
                : run.faults().isPresent() ? pools : through;
        if (run.faults().isEmpty() && service.isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, "no faults.json (the fault scenarios run after a quick or full"
                    + " benchmark profile, or with -Dbench.faults=true) and no service-faults.json (the claims run, -Pclaims)");
        }
        List<String> notes = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        run.faults().ifPresent(faults -> {
            notes.addAll(poolNotes(faults));
            charts.addAll(charts(faults));
            tables.addAll(List.of(outages(faults), freezes(faults), leaks(faults)));
            if (faults.lostWrites() != null && !faults.lostWrites().isEmpty()) {
                tables.add(lostWrites(faults));
            }
        });
        service.ifPresent(faults -> {
            notes.addAll(ServiceFaultsTables.notes(faults));
            tables.addAll(ServiceFaultsTables.tables(faults));
        });
        return new SectionView(ID, TITLE, lead, notes, charts, tables);
    }

    private static List<String> poolNotes(Faults faults) {
        List<String> notes = new ArrayList<>();
        notes.add("Restart: the database was away for " + Fmt.number(faults.outageMs()) + " ms. Under load, requests kept"
                + " coming; while idle, the restart happened at a quiet moment and requests resumed once it was back."
                + " \"Failed after return\" counts calls that started after the database was back and still failed:"
                + " dead connections handed out.");
        notes.add("Freeze: traffic held for " + Fmt.number(faults.freezeMs()) + " ms; poolTimeout "
                + Fmt.number(faults.poolTimeoutMs()) + " ms, pgjdbc socketTimeout " + Fmt.number(faults.socketTimeoutMs()) + " ms.");
        long unrecovered = faults.outages().stream().filter(o -> !o.recovered()).count()
                + faults.freezes().stream().filter(z -> !z.recovered()).count();
        long hung = faults.outages().stream().mapToInt(Faults.Outage::hung).sum()
                + faults.freezes().stream().mapToInt(Faults.Freeze::hung).sum();
        notes.add(unrecovered == 0 ? "Every pool recovered on its own, without a restart of anything."
                : unrecovered + " scenario(s) did not recover on their own within 15 s.");
        notes.add(hung == 0 ? "No caller hung." : hung + " caller(s) were still stuck in a call after every timeout had passed.");
        if (faults.lostWrites() == null || faults.lostWrites().isEmpty()) {
            notes.add("Lost writes: not measured (this faults.json predates the probe).");
        } else {
            notes.add(lostWritesNote(faults.lostWrites()));
        }
        return notes;
    }

    private static List<Chart> charts(Faults faults) {
        Set<String> pools = new LinkedHashSet<>();
        faults.outages().forEach(o -> pools.add(baseName(o.pool())));
        List<String> categories = new ArrayList<>(pools);
        Chart.Builder stale = Chart.bar(ID + "-stale", "Calls that failed although the database was back (restart while idle)",
                "pool", "failed calls").categories(categories);
        Chart.Builder firstSuccess = Chart.bar(ID + "-first-success", "From the database's return to the first success (restart under load)",
                "pool", "ms").categories(categories);
        for (boolean prePing : new boolean[] {false, true}) {
            List<Chart.Datum> staleData = new ArrayList<>();
            List<Chart.Datum> firstData = new ArrayList<>();
            for (Faults.Outage o : faults.outages()) {
                if (o.prePing() != prePing) {
                    continue;
                }
                if (o.when().equals("while-idle")) {
                    staleData.add(Chart.datum(baseName(o.pool()), o.errorsAfterReturn(), Double.NaN, Double.NaN));
                } else if (o.firstSuccessMs() != null) {
                    firstData.add(Chart.datum(baseName(o.pool()), o.firstSuccessMs(), Double.NaN, Double.NaN));
                }
            }
            String name = prePing ? "pre-ping on" : "pre-ping off";
            if (!staleData.isEmpty()) {
                stale.series(name, staleData);
            }
            if (!firstData.isEmpty()) {
                firstSuccess.series(name, firstData);
            }
        }
        return List.of(stale.build(), firstSuccess.build());
    }

    private static Table outages(Faults faults) {
        Table.Builder table = Table.builder("Database restart", "pool", "when", "calls before", "failed during outage",
                "slowest call during outage", "failed after return", "first success after return", "recovered", "hung", "errors seen");
        for (Faults.Outage o : faults.outages()) {
            table.row(o.pool(), o.when(), Fmt.number(o.callsBefore()),
                    Fmt.number(o.errorsDuringOutage()) + " of " + Fmt.number(o.callsDuringOutage()),
                    Fmt.number(o.slowestCallDuringOutageMs()) + " ms", Fmt.number(o.errorsAfterReturn()),
                    o.firstSuccessMs() == null ? "none" : Fmt.number(o.firstSuccessMs()) + " ms",
                    o.recovered() ? "yes" : "NO", Fmt.number(o.hung()),
                    String.join("; ", o.sampleErrors().stream().map(FaultsSection::firstSentence).toList()));
        }
        return table.build();
    }

    private static Table freezes(Faults faults) {
        Table.Builder table = Table.builder("Network freeze", "pool", "calls during the freeze", "pool timeouts",
                "slowest pool timeout", "other errors", "slowest call", "first success after thaw", "recovered", "hung");
        for (Faults.Freeze z : faults.freezes()) {
            table.row(z.pool(), Fmt.number(z.callsDuringFreeze()), Fmt.number(z.poolTimeouts()),
                    Fmt.number(z.slowestPoolTimeoutMs()) + " ms", Fmt.number(z.otherErrors()), Fmt.number(z.slowestCallMs()) + " ms",
                    z.firstSuccessAfterThawMs() == null ? "none" : Fmt.number(z.firstSuccessAfterThawMs()) + " ms",
                    z.recovered() ? "yes" : "NO", Fmt.number(z.hung()));
        }
        return table.build();
    }

    private static Table leaks(Faults faults) {
        Table.Builder table = Table.builder("Connection leak", "pool", "leak threshold", "leaked", "reported",
                "reported after", "leaking code path");
        for (Faults.Leak l : faults.leaks()) {
            table.row(l.pool(), Fmt.number(l.thresholdMs()) + " ms", Fmt.number(l.leaked()), Fmt.number(l.reported()),
                    l.detectedAfterMs() == null ? "not reported" : Fmt.number(l.detectedAfterMs()) + " ms",
                    l.culprit() == null ? "-" : l.culprit());
        }
        return table.build();
    }

    private static String lostWritesNote(List<Faults.LostWrites> probes) {
        Faults.LostWrites first = probes.get(0);
        String how = "Lost writes: " + Fmt.number(first.writers()) + " callers each inserted a row in a transaction and"
                + " committed or rolled back (every other request), " + Fmt.number(first.readers()) + " more only read,"
                + " " + Fmt.number(first.requests()) + " writes per pool; then the rows were counted.";
        List<String> mixed = probes.stream().filter(p -> p.lost() + p.wronglyKept() > 0)
                .map(p -> p.pool() + " lost " + Fmt.number(p.lost()) + " of " + Fmt.number(p.committed())
                        + " committed writes and kept " + Fmt.number(p.wronglyKept()) + " of " + Fmt.number(p.rolledBack())
                        + " rolled back")
                .toList();
        List<String> apart = probes.stream().filter(p -> p.lost() + p.wronglyKept() == 0).map(Faults.LostWrites::pool).toList();
        String text = how;
        if (!mixed.isEmpty()) {
            text += " " + String.join("; ", mixed) + ": the borrowers share one connection, so one's rollback, commit or"
                    + " return (the reset-on-return rollback) ends the others' transaction too.";
        }
        if (!apart.isEmpty()) {
            text += " " + String.join("; ", apart) + ": none lost, none wrongly kept.";
        }
        return text;
    }

    private static Table lostWrites(Faults faults) {
        Table.Builder table = Table.builder("Lost writes (concurrent transactions)", "pool", "callers", "committed",
                "lost (committed, missing)", "rolled back", "wrongly kept (rolled back, present)", "failed");
        for (Faults.LostWrites w : faults.lostWrites()) {
            table.row(w.pool(), Fmt.number(w.writers()) + " writing, " + Fmt.number(w.readers()) + " reading",
                    Fmt.number(w.committed()), Fmt.number(w.lost()), Fmt.number(w.rolledBack()), Fmt.number(w.wronglyKept()),
                    Fmt.number(w.failed()));
        }
        return table.build();
    }

    /** "286 x SQLException: Connection to ... refused. Check that ..." to its first sentence. */
    static String firstSentence(String error) {
        int end = error.indexOf(". ");
        return end < 0 ? error : error.substring(0, end + 1);
    }

    /** "queue 5+10, timeout 1s, pre-ping" to "queue 5+10": the chart's category. */
    private static String baseName(String pool) {
        int comma = pool.indexOf(',');
        return comma < 0 ? pool : pool.substring(0, comma);
    }
}
