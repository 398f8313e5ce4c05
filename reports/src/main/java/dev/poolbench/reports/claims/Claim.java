package dev.poolbench.reports.claims;

/**
 * One claim from the seed documents: its words, where they stand, and what it promises.
 *
 * @param seed    the seed document's file name, e.g. {@code 001_3526cb4212328631.txt}
 * @param words   the claim in the seed's own words
 * @param claimed the promised figure, e.g. "3-5x (2.28 to 7-11 ops/sec)"
 */
public record Claim(String id, String seed, String words, String claimed) {
}
