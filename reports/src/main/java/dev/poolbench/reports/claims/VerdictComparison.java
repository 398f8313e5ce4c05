package dev.poolbench.reports.claims;

import dev.poolbench.reports.model.Run;

import java.util.ArrayList;
import java.util.List;

/**
 * Two runs' verdicts on every claim, side by side (issue 18: two claims runs of one commit must agree on every verdict
 * not marked uncertain). A claim measured through the service is compared once per stack both runs loaded; a claim read
 * from the database benchmarks alone once. A verdict is settled when it is measured, decided and not indicative (not
 * one run's load figure, not a compact pass's): only two settled verdicts can disagree.
 */
public final class VerdictComparison {

    /** One claim on one stack ("java", "reference", or "database" for a claim no load run feeds) in both runs. */
    public record Row(String claimId, String stack, ClaimResult baseline, ClaimResult candidate) {

        /** Both verdicts settled, so their difference, if any, is a disagreement rather than noise. */
        public boolean settled() {
            return settled(baseline) && settled(candidate);
        }

        public boolean disagrees() {
            return settled() && baseline.verdict() != candidate.verdict();
        }

        private static boolean settled(ClaimResult r) {
            return r.verdict() != Verdict.CANNOT_MEASURE && r.verdict() != Verdict.UNDECIDED && !r.indicative();
        }
    }

    private VerdictComparison() {
    }

    public static List<Row> of(Run baseline, Run candidate) {
        RunVerdicts base = RunVerdicts.of(baseline);
        RunVerdicts cand = RunVerdicts.of(candidate);
        List<Row> rows = new ArrayList<>();
        boolean bothJava = base.hasJava() && cand.hasJava();
        boolean bothReference = !base.reference().isEmpty() && !cand.reference().isEmpty();
        for (int i = 0; i < base.java().size(); i++) {
            ClaimResult b = base.java().get(i);
            ClaimResult c = cand.java().get(i);
            if (!b.throughTheService() && !c.throughTheService()) {
                rows.add(new Row(b.claim().id(), "database", b, c));
                continue;
            }
            if (bothReference) {
                rows.add(new Row(b.claim().id(), "reference", base.reference().get(i), cand.reference().get(i)));
            }
            if (bothJava) {
                rows.add(new Row(b.claim().id(), "java", b, c));
            }
            if (!bothJava && !bothReference) {
                // the runs loaded different stacks: each one's own verdicts, not like for like, as the stack column says
                rows.add(new Row(b.claim().id(), base.primaryStack() + " / " + cand.primaryStack(), base.primary().get(i),
                        cand.primary().get(i)));
            }
        }
        return rows;
    }

    /** The settled verdicts the two runs disagree on. */
    public static List<Row> disagreements(List<Row> rows) {
        return rows.stream().filter(Row::disagrees).toList();
    }
}
