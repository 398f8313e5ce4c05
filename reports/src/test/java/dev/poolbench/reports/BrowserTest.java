package dev.poolbench.reports;

import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.RealRuns;
import dev.poolbench.reports.fixtures.ReportRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report as a person sees it: Debian's headless Chromium opens index.html and compare.html from
 * disk (no server, no network), runs their scripts, and the charts hold the strategies measured.
 * Screenshots go to target/screenshots/.
 */
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Per chart: its id, series names, x categories, marker labels and the text its SVG shows. */
    private static final String CHARTS = String.join("\n",
            "return Array.from(document.querySelectorAll('[data-chart]')).map(function (el) {",
            "  var o = echarts.getInstanceByDom(el).getOption();",
            "  var marks = [];",
            "  o.series.forEach(function (s) { if (s.markLine) { s.markLine.data.forEach(function (d) { marks.push(d.name); }); } });",
            "  return { id: el.id, svg: el.querySelectorAll('svg').length, text: el.textContent,",
            "           series: o.series.filter(function (s) { return s.type !== 'custom'; }).map(function (s) { return s.name; }),",
            "           errorBars: o.series.filter(function (s) { return s.type === 'custom'; }).length,",
            "           categories: o.xAxis[0].data || [], marks: marks };",
            "});");

    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") == null) {
            Assumptions.abort("Debian's chromium and chromium-driver are not installed (.ci/run installs them in CI)");
        }
        assertThat(installed).as("chromium and chromium-driver: .ci/run installs them").isTrue();

        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // as root in a container, with no network: no sandbox, no background connections
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory("pb-chromium"));
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theReportRendersWithoutErrorsAndItsChartsShowTheMeasuredStrategies() throws Exception {
        List<Map<String, Object>> charts = open(ReportRun.reportDir().resolve("index.html"), "index.png");

        assertThat(charts).isNotEmpty().allSatisfy(c -> assertThat((Long) c.get("svg")).as(c.get("id") + " drawn").isPositive());
        Map<String, Object> throughput = chart(charts, "strategies-query-throughput-throughput");
        assertThat(strings(throughput.get("categories"))).containsExactlyElementsOf(RealRuns.STRATEGIES);
        assertThat((String) throughput.get("text")).contains(RealRuns.STRATEGIES);
        assertThat((Long) throughput.get("errorBars")).isPositive();
        Map<String, Object> p99 = chart(charts, "strategies-query-latency-p99");
        assertThat(strings(p99.get("categories"))).containsExactlyElementsOf(RealRuns.STRATEGIES);

        Map<String, Object> poolSize = chart(charts, "pool-size-poolsizing-shot-" + RealRuns.SWEEP_CALLERS + "-callers");
        assertThat(strings(poolSize.get("series"))).containsExactly("1 thread");
        assertThat(strings(poolSize.get("marks"))).containsExactly("cores x 2 + spindles = "
                + (Runtime.getRuntime().availableProcessors() * 2 + 1));
        assertThat((String) poolSize.get("text")).contains("peak");

        Map<String, Object> load = chart(charts, "load-throughput");
        assertThat(strings(load.get("categories"))).containsExactly("baseline (TodoApiSimulation)", "hikari (TodoApiSimulation)");
    }

    @Test
    void theComparisonRendersWithoutErrorsAndShowsOnlyTheSlowedStrategyAsSignificant() throws Exception {
        Path baseline = CompareRealRunsTest.generate(RealRuns.baseline(), "report-for-browser");
        Path candidate = CompareRealRunsTest.generate(RealRuns.candidate(), "report-for-browser");
        Path html = candidate.resolveSibling("compare.html");
        Cli.Result r = Cli.run("compare", baseline.toString(), candidate.toString(), "--ignore", "prePing", "--html", html.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        List<Map<String, Object>> charts = open(html, "compare.png");

        Map<String, Object> throughput = chart(charts, "compare-0");
        assertThat(strings(throughput.get("series"))).containsExactly("significant", "~ (not significant)");
        // the axis names each point by what tells it apart from the others: its strategy
        assertThat(strings(throughput.get("categories")))
                .containsExactlyElementsOf(RealRuns.STRATEGIES.stream().map(s -> "strategy=" + s).collect(Collectors.toList()));
        // the "significant" series' bars, as [category index, delta %]: only queue's is a large slowdown
        @SuppressWarnings("unchecked")
        List<List<Object>> significant = (List<List<Object>>) browser.executeScript(
                "return echarts.getInstanceByDom(document.getElementById('compare-0')).getOption().series[0].data;");
        List<String> categories = strings(throughput.get("categories"));
        List<String> flagged = significant.stream()
                .filter(bar -> ((Number) bar.get(1)).doubleValue() < -35)
                .map(bar -> categories.get(((Number) bar.get(0)).intValue()))
                .collect(Collectors.toList());
        assertThat(flagged).containsExactly("strategy=" + RealRuns.SLOWED);
    }

    /** Opens {@code page}, checks the console stayed clean, saves a screenshot, returns its charts. */
    private static List<Map<String, Object>> open(Path page, String screenshot) throws Exception {
        browser.get(page.toAbsolutePath().toUri().toString());
        assertThat(browser.executeScript("return document.readyState")).isEqualTo("complete");
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .collect(Collectors.toList());
        assertThat(problems).as("console errors and warnings of " + page).isEmpty();

        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 100, 16000)));
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path saved = Files.copy(shot.toPath(), SCREENSHOTS.resolve(screenshot), StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(saved)).isGreaterThan(10_000);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>) browser.executeScript(CHARTS);
        return charts;
    }

    private static Map<String, Object> chart(List<Map<String, Object>> charts, String id) {
        return charts.stream().filter(c -> c.get("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart " + id + " among " + charts.stream().map(c -> c.get("id")).collect(Collectors.toList())));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return ((List<Object>) list).stream().map(String::valueOf).collect(Collectors.toList());
    }
}
