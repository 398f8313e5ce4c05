package dev.poolbench.reports.model;

/** Statistics of one JMH sample-time iteration, given as sorted (value, count) pairs. */
final class Histograms {

    private Histograms() {
    }

    static double mean(double[][] histogram) {
        double sum = 0;
        double count = 0;
        for (double[] bin : histogram) {
            sum += bin[0] * bin[1];
            count += bin[1];
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The smallest value with at least {@code fraction} of the samples at or below it (JMH's own rule). */
    static double percentile(double[][] histogram, double fraction) {
        double total = 0;
        for (double[] bin : histogram) {
            total += bin[1];
        }
        if (total == 0) {
            return Double.NaN;
        }
        double wanted = Math.ceil(fraction * total);
        double seen = 0;
        for (double[] bin : histogram) {
            seen += bin[1];
            if (seen >= wanted) {
                return bin[0];
            }
        }
        return histogram[histogram.length - 1][0];
    }
}
