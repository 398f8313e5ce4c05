package dev.poolbench.loadruns;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.process.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service as a child process: it starts, answers, stops when closed, and stops by itself when orphaned. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void aStartedServiceAnswersAndIsGoneWhenClosed() throws Exception {
        ServiceConfiguration configuration = new ServiceConfiguration("worker-hikari",
                List.of("--execution", "worker", "--pool", "hikari", "--seed-rows", "5"), Duration.ZERO);
        long pid;
        try (ServiceProcess service = ServiceProcess.start(Stack.javaLauncher(null), configuration.arguments(),
                TestDatabase.get(), dir.resolve("service.log"))) {
            pid = service.pid();
            assertThat(service.label()).isEqualTo("hikari 5+10, timeout 30s, worker, indexes off");
            HttpResponse<String> todo = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(service.url() + "/api/todo/5")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(todo.statusCode()).isEqualTo(200);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(Files.readString(dir.resolve("service.log"))).doesNotContain(TestDatabase.get().password());
    }

    /** A launcher (here a shell) that dies without stopping its service: the service notices and exits. */
    @Test
    void anOrphanedServiceStopsByItself() throws Exception {
        Database database = TestDatabase.get();
        Path out = dir.resolve("orphan.out");
        List<String> service = new ArrayList<>(Stack.javaLauncher(null));
        service.addAll(List.of("--port", "0", "--seed-rows", "0", "--stop-with-parent"));
        String command = String.join(" ", service.stream().map(ServiceProcessTest::quoted).toList())
                + " > " + quoted(out.toString()) + " 2>&1 & echo $!; wait";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command);
        builder.environment().keySet().removeIf(name -> name.startsWith("BENCH_DB"));
        builder.environment().put("BENCH_DB_URL", database.jdbcUrl());
        builder.environment().put("BENCH_DB_USER", database.user());
        builder.environment().put("BENCH_DB_PASSWORD", database.password());
        Process launcher = builder.start();
        long servicePid = Long.parseLong(new BufferedReader(new InputStreamReader(
                launcher.getInputStream(), StandardCharsets.UTF_8)).readLine().trim());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!(Files.exists(out) && Files.readString(out).contains("todo-service listening on")) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(out)).contains("todo-service listening on");

            launcher.destroyForcibly().waitFor();

            ProcessHandle orphan = ProcessHandle.of(servicePid).orElseThrow();
            orphan.onExit().get(30, TimeUnit.SECONDS);
            assertThat(orphan.isAlive()).isFalse();
            assertThat(Files.readString(out)).contains("the process that started it (pid ").contains(") is gone; stopping");
        } finally {
            ProcessHandle.of(servicePid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * A launcher that prints the listening line for a port nobody listens on and exits: the start fails, saying the
     * service stopped after it said it listens, rather than handing back a service whose first request is refused.
     */
    @Test
    void aServiceThatStopsAfterSayingItListensFailsTheStart() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path launcher = dir.resolve("listens-nowhere");
        Files.writeString(launcher, "#!/bin/sh\necho 'todo-service listening on http://127.0.0.1:" + closedPort
                + " (nowhere)'\necho 'gone before anyone connected' >&2\nexit 3\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> ServiceProcess.start(List.of(launcher.toString()), List.of(), TestDatabase.get(),
                dir.resolve("nowhere.log")))
                .isInstanceOf(IOException.class)
                .hasMessage("the service said it listens on http://127.0.0.1:" + closedPort + " and then stopped (exit 3): "
                        + "gone before anyone connected (its log: " + dir.resolve("nowhere.log") + ")");
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
