package dev.poolbench.pools;

import dev.poolbench.core.config.Settings;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * The kind of thread a benchmark's callers are: {@code platform}, or {@code virtual} (JDK 21+, JMH's
 * {@code -Djmh.executor=VIRTUAL}). The build targets Java 17, so {@code Thread.isVirtual} is looked up by name.
 */
public enum ThreadKind {
    PLATFORM,
    VIRTUAL;

    /** What JMH's forks need to run their benchmark threads as virtual threads. */
    public static final String VIRTUAL_EXECUTOR = "-Djmh.executor=VIRTUAL";

    public static ThreadKind parse(String value) {
        return Settings.parseChoice("threadKind", value, ThreadKind.class);
    }

    public String spelling() {
        return Settings.spelling(this);
    }

    /** Whether this JVM can run virtual threads at all (JDK 21+). */
    public static boolean virtualAvailable() {
        return Runtime.version().feature() >= 21;
    }

    /**
     * How many virtual benchmark threads to run: 1, and as many as there are cores, never more. A virtual thread
     * that never blocks never gives its carrier back, and a borrow on the stub driver need not block (HikariCP's
     * never does): with more such threads than carriers, the ones JMH started first keep running while it waits for
     * the others, which never get a carrier, and the iteration never ends.
     */
    public static List<Integer> virtualThreadCounts() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores > 1 ? List.of(1, cores) : List.of(1);
    }

    /** Refuses to measure on the wrong kind of thread, saying how to get the right one. */
    public void requireCurrent() {
        boolean virtual = isVirtual(Thread.currentThread());
        if (virtual != (this == VIRTUAL)) {
            throw new IllegalStateException("threadKind = " + spelling() + " but this benchmark thread is "
                    + (virtual ? "virtual" : "a platform thread")
                    + (this == VIRTUAL ? ": run on JDK 21+ with -jvmArgsAppend " + VIRTUAL_EXECUTOR
                    + " (this is Java " + Runtime.version() + ")" : ": drop " + VIRTUAL_EXECUTOR));
        }
    }

    private static boolean isVirtual(Thread thread) {
        if (!virtualAvailable()) {
            return false;
        }
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not ask whether a thread is virtual: " + e, e);
        }
    }
}
