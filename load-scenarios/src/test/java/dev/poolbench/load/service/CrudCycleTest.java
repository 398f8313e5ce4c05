package dev.poolbench.load.service;

import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every execution mode and every pool serves the seed's full CRUD cycle against a real PostgreSQL. */
class CrudCycleTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Execution.class, names = {"EVENT_LOOP", "WORKER", "REACTIVE"})
    void everyExecutionModeServesTheCrudCycle(Execution execution) throws Exception {
        try (RunningService running = RunningService.start(RunningService.options(execution), 500)) {
            CrudCycle.run(running);

            JsonObject health = running.http.get("/api/health/pool").json();
            assertThat(health.getJsonObject("service").getString("execution")).isEqualTo(execution.spelling());
            assertThat(health.getJsonObject("pool").getLong("opened")).isGreaterThanOrEqualTo(1);
            assertThat(health.getJsonObject("pool").getInteger("active")).isZero();
            assertThat(health.getJsonObject("server").getInteger("total"))
                    .as("the server sees the service's connections under its application name")
                    .isEqualTo(health.getJsonObject("pool").getInteger("idle"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolStrategy.class)
    void everyPoolStrategyServesTheCrudCycle(PoolStrategy strategy) throws Exception {
        ServiceOptions options = RunningService.options(Execution.WORKER).withPool(PoolSettings.of(strategy));
        try (RunningService running = RunningService.start(options, 0)) {
            CrudCycle.run(running);

            JsonObject pool = running.http.get("/api/health/pool").json().getJsonObject("pool");
            assertThat(pool.getString("name")).isEqualTo(strategy.spelling());
            assertThat(pool.getInteger("capacity")).isEqualTo(options.pool().capacity());
        }
    }
}
