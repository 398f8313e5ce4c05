package dev.poolbench.loadruns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.process.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seeds' configurations by name: each, started as the claims run starts it (a child process with its
 * flags), reports exactly the settings it promises in {@code /api/health/pool}, and each says which seed
 * file it comes from.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NamedConfigurationsTest {

    @TempDir
    static Path dir;

    static Stream<String> names() {
        return ServiceConfiguration.NAMED.keySet().stream();
    }

    @Test
    void theSeedsConfigurationsAreAllThere() {
        assertThat(ServiceConfiguration.NAMED.keySet()).containsExactly("baseline", "phase1", "phase2", "phase2-worker",
                "phase3", "seed000-null", "seed000-static", "seed000-queue-2+1", "seed000-queue-10+20", "seed003", "seed004",
                "seed002-jit-on", "seed002-jit-off");
        ServiceConfiguration.NAMED.values().forEach(c -> assertThat(c.description())
                .as(c.name()).matches("seed 00\\d \\(00\\d_[0-9a-f]{16}\\.txt\\).*").doesNotContain("\n"));
        assertThat(ServiceConfiguration.BASELINE.name()).isEqualTo("baseline");
        assertThat(ServiceConfiguration.SEED_003.name()).isEqualTo("seed003");
    }

    @Test
    void anUnknownNameIsRefusedInOneLine() {
        assertThatThrownBy(() -> ServiceConfiguration.named("phase4"))
                .isInstanceOf(SettingsException.class)
                .hasMessage("configuration = 'phase4' is not accepted: one of baseline, phase1, phase2, phase2-worker, phase3, "
                        + "seed000-null, seed000-static, seed000-queue-2+1, seed000-queue-10+20, seed003, seed004, "
                        + "seed002-jit-on, seed002-jit-off");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void theStartedServiceReportsWhatTheConfigurationPromises(String name) throws Exception {
        ServiceConfiguration configuration = ServiceConfiguration.named(name);
        try (ServiceProcess service = ServiceProcess.start(Stack.javaLauncher(null),
                configuration.withMoreFlags(List.of("--seed-rows", "0")).arguments(), TestDatabase.get(), dir.resolve(name + ".log"))) {
            JsonNode health = LoadResult.JSON.readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(service.url() + "/api/health/pool")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            ObjectNode reported = (ObjectNode) health.path("service").deepCopy();
            assertThat(reported.remove("label").asText()).isEqualTo(service.label());
            JsonNode promised = LoadResult.JSON.readTree(LoadResult.JSON.writeValueAsString(configuration.promises()));
            assertThat(reported).isEqualTo(promised);
            assertThat(health.path("configuration").asText()).isEqualTo(name);
            assertThat(health.path("pool").path("name").asText()).isEqualTo(promised.path("pool").asText());
            assertThat(health.path("cache").path("enabled").asBoolean()).isEqualTo(promised.path("cacheTtlMs").asLong() > 0);
        }
    }
}
