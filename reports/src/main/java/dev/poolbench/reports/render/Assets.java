package dev.poolbench.reports.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The files a page is made of, from the classpath: templates, style, the chart script, and ECharts
 * itself from its webjar, so a page inlines all of them and opens with no network.
 */
public final class Assets {

    private static final String BASE = "/dev/poolbench/reports/";
    private static final Properties BUILD = load();

    private Assets() {
    }

    public static String echarts() {
        return read("/META-INF/resources/webjars/echarts/" + BUILD.getProperty("echarts.version") + "/echarts.min.js");
    }

    public static String echartsVersion() {
        return BUILD.getProperty("echarts.version");
    }

    /** poolbench's own version, as the build stamped it. */
    public static String version() {
        return BUILD.getProperty("version");
    }

    public static String style() {
        return read(BASE + "report.css");
    }

    public static String chartScript() {
        return read(BASE + "charts.js");
    }

    /** A Mustache template; {{x}} escapes HTML, {{{x}}} is for the inlined scripts and style only. */
    public static Template template(String name) {
        return Mustache.compiler().defaultValue("").emptyStringIsFalse(true).compile(read(BASE + name));
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Assets.class.getResourceAsStream(BASE + "build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the classpath: a broken build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String read(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath: a broken build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
