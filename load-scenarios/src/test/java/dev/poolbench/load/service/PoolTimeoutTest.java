package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.LatencyProxy;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that finds no connection within poolTimeout gets 503 with the pool's message (SQLAlchemy's words),
 * promptly: never a hang, never a 500. The one connection is held by a request whose query the network swallows
 * (the latency proxy frozen), so the second request has nothing to borrow. ({@code static} is not here: it lends
 * its one connection to every request at once, so nobody waits for it and nothing times out.)
 */
class PoolTimeoutTest {

    @ParameterizedTest(name = "{0} pool, {1}")
    @CsvSource(delimiter = '|', textBlock = """
        single | worker   | QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.30
        queue  | worker   | QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.30
        hikari | worker   | HikariCP limit of size 1 overflow 0 reached, connection timed out, timeout 0.30
        dbcp2  | worker   | DBCP2 limit of size 1 overflow 0 reached, connection timed out, timeout 0.30
        agroal | worker   | Agroal limit of size 1 overflow 0 reached, connection timed out, timeout 0.30
        vibur  | worker   | Vibur DBCP limit of size 1 overflow 0 reached, connection timed out, timeout 0.30
        tomcat | worker   | Tomcat JDBC limit of size 1 overflow 0 reached, connection timed out, timeout 0.30
        c3p0   | worker   | c3p0 limit of size 1 overflow 0 reached, connection timed out, timeout 0.30
        queue  | reactive | vertx-pg limit of size 1 overflow 0 reached, connection timed out, timeout 0.30
        """)
    void aRequestThatGetsNoConnectionInTimeIsAnswered503WithThePoolsMessage(String pool, String execution,
                                                                          String message) throws Exception {
        PoolSettings settings = new PoolSettings(PoolStrategy.parse("pool", pool), 1, 0, Duration.ofMillis(300),
                Duration.ZERO, false, false, Duration.ZERO);
        ServiceOptions options = ServiceOptions.defaults().withPool(settings)
                .withExecution(dev.poolbench.core.config.Settings.parseChoice("execution", execution, Execution.class));
        try (Database network = TestDatabase.get().throughProxy(Duration.ZERO, false);
             RunningService running = RunningService.start(options, 10, network)) {
            assertThat(running.http.get("/api/todo/1").status()).as("works before the stall").isEqualTo(200);
            LatencyProxy proxy = network.proxy().orElseThrow();

            proxy.freeze();
            long started = System.nanoTime();
            CompletableFuture<Http.Response> first = running.http.getAsync("/api/todo/1");
            Thread.sleep(150);
            CompletableFuture<Http.Response> second = running.http.getAsync("/api/todo/2");
            Http.Response timedOut = CompletableFuture.anyOf(first, second).thenApply(Http.Response.class::cast)
                    .get(30, TimeUnit.SECONDS);
            double waitedMs = (System.nanoTime() - started) / 1e6;
            proxy.unfreeze();
            List<Http.Response> both = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

            assertThat(timedOut.status()).isEqualTo(503);
            assertThat(timedOut.error()).startsWith(message);
            assertThat(waitedMs).as("answered after about poolTimeout, not hung").isBetween(300.0, 10_000.0);
            assertThat(both).extracting(Http.Response::status).containsExactlyInAnyOrder(200, 503);
            assertThat(running.http.get("/api/health/pool").json().getJsonObject("pool").getLong("timeouts")).isEqualTo(1);
            assertThat(running.http.get("/api/todo/2").status()).as("works again after the stall").isEqualTo(200);
        }
    }
}
