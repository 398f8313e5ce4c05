package dev.poolbench.pools.sizing;

import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.workload.TodoMix;
import dev.poolbench.core.workload.UserWorkload;
import dev.poolbench.core.workload.Workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the sizing run's callers do: the TODO mixes by name ({@code --mix}), or the user's workload file ({@code --workload}). */
final class Workloads {

    static final String MIXES = "read-heavy, write-heavy";

    private Workloads() {
    }

    /** {@code read-heavy,write-heavy} to the TODO mixes of those names. */
    static List<Workload> mixes(String option) {
        List<Workload> mixes = new ArrayList<>();
        for (String name : option.split(",")) {
            switch (name.trim()) {
                case "read-heavy" -> mixes.add(TodoMix.readHeavy());
                case "write-heavy" -> mixes.add(TodoMix.writeHeavy());
                default -> throw SettingsException.badValue("--mix", name.trim(), "one or both of " + MIXES
                        + ", separated by a comma (or --workload=FILE for your own statements)");
            }
        }
        return mixes;
    }

    /** The user's statements from {@code file}; writes only with {@code allowWrites}. A bad file is one line. */
    static Workload fromFile(Path file, boolean allowWrites) {
        try {
            return UserWorkload.load(file, allowWrites);
        } catch (Exception e) {
            throw new SettingsException("--workload: " + e.getMessage());
        }
    }
}
