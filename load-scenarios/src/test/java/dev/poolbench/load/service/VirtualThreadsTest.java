package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --execution virtual} needs JDK 21+: CI runs these on Temurin 25 ({@code -Dgroups=jdk21}); on
 * JDK 17 they are skipped and {@link ServiceCommandTest} checks the refusal instead.
 */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTest {

    @Test
    void virtualThreadsServeTheCrudCycle() throws Exception {
        try (RunningService running = RunningService.start(RunningService.options(Execution.VIRTUAL), 500)) {
            CrudCycle.run(running);

            assertThat(running.http.get("/api/health/pool").json().getString("execution")).isEqualTo("virtual threads");
        }
    }

    @Test
    void virtualThreadsServeABurstConcurrently() throws Exception {
        try (Database network = TestDatabase.get().throughProxy(SerializationTest.RTT, false)) {
            Burst.Timing timing = SerializationTest.measure(Execution.VIRTUAL, network);

            assertThat(timing.sequentialMs()).isGreaterThan(Burst.REQUESTS * 40 * 0.9);
            assertThat(timing.ratio()).as(timing.toString()).isLessThan(0.5);
        }
    }
}
