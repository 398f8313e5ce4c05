package dev.poolbench.reports.claims;

/** What a measurement says of a claim. */
public enum Verdict {
    HOLDS("holds"),
    PARTLY("partly"),
    DOES_NOT_HOLD("does not hold"),
    CANNOT_MEASURE("cannot be measured here");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
