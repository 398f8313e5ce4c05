package dev.poolbench.reports.model;

/** The cores and spindles bench-pools used for cores x 2 + spindles (format poolbench-pool-sizing/1). */
public record PoolSizingFormula(int cores, int spindles) {

    public int poolSize() {
        return cores * 2 + spindles;
    }
}
