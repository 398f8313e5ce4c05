package dev.poolbench.pools.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C in the middle of a run: the results so far stay, the run says it is incomplete, nothing is left running. */
class InterruptTest {

    private static final Pattern SERVER = Pattern.compile("poolbench database ready: .* on ([\\w.\\-]+):(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sigintKeepsTheResultsMarksTheRunIncompleteAndStopsTheDatabase(@TempDir Path out) throws Exception {
        Path log = out.resolve("runner.log");
        Process runner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dbench.profile=smoke", "-Dbench.out=" + out.resolve("jmh"),
                BenchmarkMain.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            RunStatus status = awaitStatus(out.resolve("jmh"), runner, Duration.ofMinutes(3));
            assertThat(status.finishedJmhRuns()).isPositive();
            Matcher server = SERVER.matcher(Files.readString(log));
            assertThat(server.find()).as(Files.readString(log)).isTrue();
            List<ProcessHandle> forks = runner.descendants().toList();

            new ProcessBuilder("kill", "-INT", Long.toString(runner.pid())).start().waitFor();

            assertThat(runner.waitFor(60, TimeUnit.SECONDS)).as("the runner exits").isTrue();
            RunStatus finalStatus = ResultFiles.read(out.resolve("jmh").resolve(RunStatus.FORMAT.fileName()), RunStatus.FORMAT);
            assertThat(finalStatus.complete()).isFalse();
            assertThat(finalStatus.interrupted()).isTrue();
            assertThat(finalStatus.endedAt()).isNotNull();
            JsonNode results = JSON.readTree(out.resolve("jmh").resolve("results.json").toFile());
            assertThat(results.size()).isGreaterThanOrEqualTo(finalStatus.finishedJmhRuns());
            assertThat(Files.readString(log)).contains("poolbench: run interrupted; the results so far are kept in");
            assertThat(serverAnswers(server.group(1), Integer.parseInt(server.group(2)), Duration.ofSeconds(15)))
                    .as("the database the run started is stopped").isFalse();
            for (ProcessHandle fork : forks) {
                fork.onExit().get(30, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.list(out.resolve("jmh"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("db-handoff"));
            }
        } finally {
            runner.destroyForcibly();
        }
    }

    private static RunStatus awaitStatus(Path dir, Process runner, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Path file = dir.resolve(RunStatus.FORMAT.fileName());
        while (System.nanoTime() < deadline && runner.isAlive()) {
            if (Files.exists(file)) {
                RunStatus status = ResultFiles.read(file, RunStatus.FORMAT);
                if (status.finishedJmhRuns() >= 1) {
                    return status;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no JMH run finished in time; runner alive: " + runner.isAlive());
    }

    /** True if the server still accepts connections within {@code wait}... polled until it stops. */
    private static boolean serverAnswers(String host, int port, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
            } catch (IOException refused) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}
