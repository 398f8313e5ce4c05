package dev.poolbench.loadruns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A simulation's target and load level, from system properties: {@code poolbench.target} (the service's
 * URL, loopback only), {@code poolbench.load} ({@code smoke} or {@code full}) and one
 * {@code poolbench.<knob>} per knob, each with a smoke and a full default declared where the simulation
 * uses it. What was in effect is written to {@code poolbench.loadFile} when given, for the run's summary.
 */
public final class LoadSettings {

    public static final String TARGET = "poolbench.target";
    public static final String LEVEL = "poolbench.load";
    public static final String LOAD_FILE = "poolbench.loadFile";
    /** Where a simulation writes, when it ends, the operations it counted in its answers ({@link #countOperations}). */
    public static final String COUNTS_FILE = "poolbench.countsFile";
    public static final String DEFAULT_TARGET = "http://127.0.0.1:8080";

    /**
     * How long each simulation runs: a smoke run in {@code mvn verify}, at real length ({@code -Pfull}), or as the
     * claims run sizes it ({@code ClaimsLoadRun}, {@code -Pclaims}: it sets every knob it relies on; any other
     * takes its smoke value).
     */
    public enum Level {
        SMOKE, FULL, CLAIMS
    }

    private final Settings settings;
    private final Level level;
    private final String target;
    private final Map<String, Object> effective = new LinkedHashMap<>();
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();

    private LoadSettings(Settings settings) {
        this.settings = settings;
        this.level = settings.choice(LEVEL, Level.class, Level.SMOKE);
        this.target = loopbackOnly(settings.string(TARGET, null, DEFAULT_TARGET));
        effective.put("level", Settings.spelling(level));
    }

    /** The JVM's system properties: what a simulation reads once, in its constructor. */
    public static LoadSettings fromSystem() {
        return new LoadSettings(Settings.fromSystem());
    }

    public static LoadSettings from(Settings settings) {
        return new LoadSettings(settings);
    }

    public String target() {
        return target;
    }

    public Level level() {
        return level;
    }

    /** {@code poolbench.<knob>}, else {@code smoke} or {@code full} by level. */
    public int integer(String knob, int smoke, int full, int min, int max) {
        int value = settings.integer("poolbench." + knob, level == Level.FULL ? full : smoke, min, max);
        effective.put(knob, value);
        return value;
    }

    public boolean bool(String knob, boolean smoke, boolean full) {
        boolean value = settings.bool("poolbench." + knob, level == Level.FULL ? full : smoke);
        effective.put(knob, value);
        return value;
    }

    public Duration duration(String knob, Duration smoke, Duration full) {
        Duration value = settings.duration("poolbench." + knob, level == Level.FULL ? full : smoke);
        effective.put(knob + "Ms", value.toMillis());
        return value;
    }

    /** A percentage, 0-100, as the assertions take it. */
    public double percent(String knob, double smoke, double full) {
        double value = settings.string("poolbench." + knob)
                .map(v -> parsePercent("poolbench." + knob, v))
                .orElse(level == Level.FULL ? full : smoke);
        effective.put(knob, value);
        return value;
    }

    /**
     * A fact about this run's load that is not a knob, for the summary's {@code load}: above all, how it
     * differs from what the seed did ({@code differsFromSeed}).
     */
    public void note(String key, Object value) {
        effective.put(key, value);
    }

    /**
     * Counts todo operations carried by one answered request named {@code requestName} when a request carries
     * more than one (a bulk create of 200 carries 200), from the answer itself. Requests never counted here
     * carry one each. Thread-safe: virtual users call it as they go.
     */
    public void countOperations(String requestName, long count) {
        operations.computeIfAbsent(requestName, name -> new LongAdder()).add(count);
    }

    /** Writes the operations counted so far as JSON to {@code poolbench.countsFile}, when the runner asked for it. */
    public void publishCounts() {
        settings.string(COUNTS_FILE).ifPresent(file -> {
            Map<String, Long> counted = new LinkedHashMap<>();
            operations.forEach((name, count) -> counted.put(name, count.sum()));
            write(file, counted, "the operation counts");
        });
    }

    /** The knobs in effect so far, with the level: the {@code load} object of a run's summary. */
    public Map<String, Object> effective() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(effective));
    }

    /** Writes {@link #effective()} as JSON to {@code poolbench.loadFile}, when the runner asked for it. */
    public void publish() {
        settings.string(LOAD_FILE).ifPresent(file -> write(file, effective, "the load settings"));
    }

    private static void write(String file, Map<String, ?> content, String what) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(file).toFile(), content);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + what + " to " + file, e);
        }
    }

    private static double parsePercent(String name, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= 100) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw SettingsException.badValue(name, value, "a percentage from 0 to 100");
    }

    /** The harness only ever loads this machine: 127.0.0.0/8, localhost or ::1. */
    static String loopbackOnly(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        String host = uri == null ? null : uri.getHost();
        boolean loopback = false;
        if (host != null && "http".equals(uri.getScheme())) {
            try {
                loopback = InetAddress.getByName(host).isLoopbackAddress() && isLiteralOrLocalhost(host);
            } catch (UnknownHostException e) {
                loopback = false;
            }
        }
        if (!loopback) {
            throw SettingsException.badValue(TARGET, url,
                    "an http URL on this machine (127.0.0.1, localhost or [::1]), e.g. " + DEFAULT_TARGET
                            + ": poolbench loads only services it can see on loopback");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean isLiteralOrLocalhost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
