package dev.poolbench.loadruns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One simulation run by Gatling's own launcher ({@code io.gatling.app.Gatling}, as gatling-maven-plugin
 * runs it) in a JVM of its own, on this JVM's classpath (the module's test classpath), with the target
 * and load level as system properties. Gatling writes its HTML report and {@code simulation.log} into
 * {@code resultsFolder/<simulation>-<timestamp>/}.
 */
final class GatlingRun {

    /** Gatling's exit code when the run went through but an assertion failed. */
    static final int ASSERTIONS_FAILED = 2;

    /** The JVM options gatling-maven-plugin gives Gatling, less the ones only its own launcher needs. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseG1GC", "-XX:+HeapDumpOnOutOfMemoryError",
            "--add-opens=java.base/java.lang=ALL-UNNAMED");

    private GatlingRun() {
    }

    /** What came of a run: Gatling's exit code and the folder of its report (null if it wrote none). */
    record Outcome(int exitCode, Path reportFolder) {
        boolean assertionsFailed() {
            return exitCode == ASSERTIONS_FAILED;
        }
    }

    static Outcome run(String simulationClass, Path resultsFolder, String description, Map<String, String> properties,
                       long timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(resultsFolder);
        Set<Path> before = reportFolders(resultsFolder);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gatling.app.Gatling",
                "--simulation", simulationClass,
                "--results-folder", resultsFolder.toString(),
                "--run-description", description));
        Process gatling = new ProcessBuilder(command).inheritIO().start();
        int exitCode;
        try {
            if (!gatling.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                gatling.destroyForcibly();
                gatling.waitFor(30, TimeUnit.SECONDS);
                throw new IOException(simulationClass + " did not finish within " + timeoutSeconds + " s; stopped");
            }
            exitCode = gatling.exitValue();
        } finally {
            if (gatling.isAlive()) {
                gatling.destroyForcibly();
            }
        }
        String prefix = simulationClass.substring(simulationClass.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) + "-";
        Path report = reportFolders(resultsFolder).stream()
                .filter(folder -> !before.contains(folder))
                .filter(folder -> folder.getFileName().toString().startsWith(prefix))
                .filter(folder -> Files.isRegularFile(folder.resolve("simulation.log")))
                .max(Comparator.comparing(folder -> folder.getFileName().toString()))
                .orElse(null);
        return new Outcome(exitCode, report);
    }

    private static Set<Path> reportFolders(Path resultsFolder) throws IOException {
        try (Stream<Path> folders = Files.list(resultsFolder)) {
            return folders.filter(Files::isDirectory).collect(Collectors.toSet());
        }
    }
}
