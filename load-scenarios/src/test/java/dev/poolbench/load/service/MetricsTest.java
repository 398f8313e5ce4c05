package dev.poolbench.load.service;

import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics}: Prometheus text with the service's own meters, and HikariCP's when hikari is the pool. */
class MetricsTest {

    @Test
    void hikariExportsItsOwnMetricsBesideTheServices() throws Exception {
        ServiceOptions options = RunningService.options(Execution.WORKER).withPool(PoolSettings.of(PoolStrategy.HIKARI));
        try (RunningService running = RunningService.start(options, 5)) {
            assertThat(running.http.get("/api/todo/1").status()).isEqualTo(200);
            assertThat(running.http.get("/api/todo/abc").status()).isEqualTo(400);
            assertThat(running.http.get("/api/nowhere").status()).isEqualTo(404);

            Http.Response metrics = running.http.get("/metrics");

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("hikaricp_connections_max{pool=\"poolbench-hikari-")
                    .contains("hikaricp_connections_acquire_seconds_count{pool=\"poolbench-hikari-")
                    .contains("poolbench_pool_opened{pool=\"hikari\"}")
                    .contains("poolbench_http_requests_seconds_count{method=\"GET\",route=\"/api/todo/:id\",status=\"200\"} 1")
                    .contains("poolbench_http_requests_seconds_count{method=\"GET\",route=\"/api/todo/:id\",status=\"400\"} 1")
                    .contains("poolbench_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"} 1")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void otherPoolsExportTheUniformPoolFigures() throws Exception {
        try (RunningService running = RunningService.start(RunningService.options(Execution.REACTIVE), 5)) {
            for (int i = 1; i <= 3; i++) {
                assertThat(running.http.get("/api/todo/" + i).status()).isEqualTo(200);
            }

            String metrics = running.http.get("/metrics").body();

            assertThat(metrics).doesNotContain("hikaricp_")
                    .contains("poolbench_pool_active{pool=\"vertx-pg\"} 0.0")
                    .contains("poolbench_pool_opened{pool=\"vertx-pg\"} 1.0")
                    .contains("poolbench_http_requests_seconds_count{method=\"GET\",route=\"/api/todo/:id\",status=\"200\"} 3");
        }
    }
}
