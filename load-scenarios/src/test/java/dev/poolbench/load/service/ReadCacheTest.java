package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004's read cache ({@code --cache-ttl}): a repeated GET is served without the database, an update
 * or delete is never hidden by it, and its hits and misses are counted where the claims check reads them.
 */
class ReadCacheTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Execution.class, names = {"EVENT_LOOP", "WORKER", "REACTIVE"})
    void aCachedGetSkipsTheDatabaseAndWritesAreNeverHidden(Execution execution) throws Exception {
        ServiceOptions options = RunningService.options(execution).withCacheTtl(Duration.ofMinutes(5));
        try (Database network = TestDatabase.get().throughProxy(Duration.ZERO, false);
             RunningService running = RunningService.start(options, 10, network)) {
            Http http = running.http;
            JsonObject first = http.get("/api/todo/3").json();

            network.proxy().orElseThrow().freeze();
            Http.Response whileTheDatabaseIsUnreachable = http.get("/api/todo/3");
            network.proxy().orElseThrow().unfreeze();
            assertThat(whileTheDatabaseIsUnreachable.status()).isEqualTo(200);
            assertThat(whileTheDatabaseIsUnreachable.json()).isEqualTo(first);

            assertThat(http.put("/api/todo/3", "{\"title\":\"changed\",\"priority\":1}").status()).isEqualTo(200);
            assertThat(http.get("/api/todo/3").json().getString("title")).isEqualTo("changed");
            assertThat(http.get("/api/todo/3").json().getInteger("priority")).isEqualTo(1);

            assertThat(http.delete("/api/todo/3").status()).isEqualTo(204);
            assertThat(http.get("/api/todo/3").status()).isEqualTo(404);
            assertThat(http.get("/api/todo/3").status()).as("a miss is not cached").isEqualTo(404);

            // lookups: miss, hit, miss (after update), hit, miss (after delete), miss
            JsonObject cache = http.get("/api/health/pool").json().getJsonObject("cache");
            assertThat(cache.getBoolean("enabled")).isTrue();
            assertThat(cache.getLong("ttlMs")).isEqualTo(300_000);
            assertThat(cache.getLong("hits")).isEqualTo(2);
            assertThat(cache.getLong("misses")).isEqualTo(4);
            assertThat(cache.getDouble("hitRate")).isEqualTo(2.0 / 6);
            assertThat(http.get("/metrics").body())
                    .contains("cache_gets_total{cache=\"todos\",result=\"hit\"} 2.0")
                    .contains("cache_gets_total{cache=\"todos\",result=\"miss\"} 4.0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Execution.class, names = {"WORKER"})
    void withoutACacheTheHealthSaysSo(Execution execution) throws Exception {
        try (RunningService running = RunningService.start(RunningService.options(execution), 5)) {
            assertThat(running.http.get("/api/health/pool").json().getJsonObject("cache").encode())
                    .isEqualTo("{\"enabled\":false}");
        }
    }
}
