package dev.poolbench.reports.claims;

/** What a measurement says of a claim. */
public enum Verdict {
    HOLDS("holds"),
    PARTLY("partly"),
    DOES_NOT_HOLD("does not hold"),
    /** A load figure's interval reaches both sides of the claim's limit: its runs cannot tell which side it is on. */
    UNDECIDED("undecided"),
    CANNOT_MEASURE("cannot be measured here");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
