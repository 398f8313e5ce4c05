package dev.poolbench.core.faults;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.faults.DatabaseOutage.When;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.results.Faults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Each fault, per pool, with the numbers that say what happened. */
class FaultScenariosTest {

    private static final int ROWS = 1_000;
    private static final Duration OUTAGE = Duration.ofMillis(1_500);
    private static final PoolSettings QUEUE = PoolSettings.of(PoolStrategy.QUEUE).withPoolTimeout(Duration.ofSeconds(1));
    private static final PoolSettings HIKARI = PoolSettings.of(PoolStrategy.HIKARI).withPoolTimeout(Duration.ofSeconds(1));

    @BeforeAll
    static void seed() throws SQLException {
        TestDatabase.emptyTodos().seed(ROWS, 3);
    }

    @Test
    void afterARestartWhileIdleAQueuePoolWithoutPrePingHandsOutItsDeadConnections() throws Exception {
        Faults.Outage result = DatabaseOutage.run(TestDatabase.get(), QUEUE, ROWS, OUTAGE, When.WHILE_IDLE);

        assertThat(result.errorsBefore()).isZero();
        assertThat(result.callsDuringOutage()).isZero();
        // every connection idle in the pool died with the server; each fails the first call it serves
        assertThat(result.errorsAfterReturn()).isBetween(1L, (long) QUEUE.capacity());
        assertThat(result.recovered()).isTrue();
        assertThat(result.hung()).isZero();
    }

    @Test
    void withPrePingTheSameRestartCostsNoFailedCall() throws Exception {
        Faults.Outage result = DatabaseOutage.run(TestDatabase.get(), QUEUE.withPrePing(true), ROWS, OUTAGE,
                When.WHILE_IDLE);

        assertThat(result.errorsAfterReturn()).isZero();
        assertThat(result.firstSuccessMs()).isNotNull();
        assertThat(result.recovered()).isTrue();
    }

    @Test
    void hikariChecksConnectionsThatSatIdleSoItHandsOutNoDeadOne() throws Exception {
        Faults.Outage result = DatabaseOutage.run(TestDatabase.get(), HIKARI, ROWS, OUTAGE, When.WHILE_IDLE);

        assertThat(result.errorsAfterReturn()).isZero();
        assertThat(result.recovered()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PoolStrategy.class)
    void underLoadEveryStrategyFailsDuringTheOutageAndRecoversOnItsOwn(PoolStrategy strategy) throws Exception {
        PoolSettings settings = PoolSettings.of(strategy).withPoolTimeout(Duration.ofSeconds(1));

        Faults.Outage result = DatabaseOutage.run(TestDatabase.get(), settings, ROWS, OUTAGE, When.UNDER_LOAD);

        assertThat(result.callsBefore()).isPositive();
        assertThat(result.errorsBefore()).isZero();
        assertThat(result.errorsDuringOutage()).isPositive();
        // nobody waits much past poolTimeout for an answer, even while the database is away
        assertThat(result.slowestCallDuringOutageMs()).isLessThan(OUTAGE.toMillis() + 2_500);
        assertThat(result.firstSuccessMs()).isNotNull().isLessThan(5_000L);
        assertThat(result.recovered()).isTrue();
        assertThat(result.hung()).isZero();
    }

    @Test
    void aNetworkFreezeEndsInTimeoutsNotHangs() throws Exception {
        PoolSettings settings = QUEUE.withPoolSize(2).withMaxOverflow(0);
        Duration socketTimeout = Duration.ofSeconds(2);

        Faults.Freeze result = NetworkFreeze.run(TestDatabase.get(), settings, ROWS, Duration.ofSeconds(4), socketTimeout);

        assertThat(result.poolTimeouts()).as(result.sampleErrors().toString()).isPositive();
        assertThat(result.slowestPoolTimeoutMs()).isBetween(settings.poolTimeout().toMillis(),
                settings.poolTimeout().toMillis() + 500);
        // a query stuck in the freeze, or a wait of poolTimeout and then the borrower's own connect attempt (as SQLAlchemy)
        assertThat(result.slowestCallMs()).isLessThan(2 * socketTimeout.toMillis() + 1_000);
        assertThat(result.hung()).isZero();
        assertThat(result.recovered()).isTrue();
    }

    @Test
    void hikariTooTimesOutDuringAFreeze() throws Exception {
        PoolSettings settings = HIKARI.withPoolSize(2).withMaxOverflow(0);

        Faults.Freeze result = NetworkFreeze.run(TestDatabase.get(), settings, ROWS, Duration.ofSeconds(4),
                Duration.ofSeconds(2));

        assertThat(result.poolTimeouts()).isPositive();
        assertThat(result.slowestPoolTimeoutMs()).isLessThan(2 * settings.poolTimeout().toMillis() + 500);
        assertThat(result.hung()).isZero();
        assertThat(result.recovered()).isTrue();
    }

    @Test
    void staticMixesConcurrentTransactionsSoWritesAreLostOrWronglyKept() throws Exception {
        Faults.LostWrites result = LostWrites.run(TestDatabase.get(), PoolSettings.of(PoolStrategy.STATIC), 4, 2, 400);

        assertThat(result.committed() + result.rolledBack() + result.failed()).isEqualTo(400);
        assertThat(result.lost() + result.wronglyKept()).as(result.toString()).isPositive();
    }

    @Test
    void aloneOnItsConnectionStaticLosesNothing() throws Exception {
        Faults.LostWrites result = LostWrites.run(TestDatabase.get(), PoolSettings.of(PoolStrategy.STATIC), 1, 0, 100);

        assertThat(result.lost()).isZero();
        assertThat(result.wronglyKept()).isZero();
        assertThat(result.committed()).isEqualTo(50);
    }

    @ParameterizedTest
    @EnumSource(value = PoolStrategy.class, names = {"NONE", "SINGLE", "QUEUE", "HIKARI", "DBCP2", "AGROAL", "VIBUR",
            "TOMCAT", "C3P0"})
    void everyPoolThatLendsAConnectionToOneBorrowerAtATimeLosesNoWrite(PoolStrategy strategy) throws Exception {
        Faults.LostWrites result = LostWrites.run(TestDatabase.get(), PoolSettings.of(strategy), 4, 2, 400);

        assertThat(result.failed()).as(result.sampleErrors().toString()).isZero();
        assertThat(result.committed()).isEqualTo(200);
        assertThat(result.rolledBack()).isEqualTo(200);
        assertThat(result.lost()).isZero();
        assertThat(result.wronglyKept()).isZero();
    }

    @Test
    void bothRealPoolsNameTheCodeThatLeakedAConnection() throws Exception {
        for (PoolSettings settings : new PoolSettings[] {
                QUEUE.withLeakThreshold(Duration.ofMillis(500)), HIKARI.withLeakThreshold(Duration.ofSeconds(2))}) {
            Faults.Leak result = ConnectionLeak.run(TestDatabase.get(), settings);

            assertThat(result.reported()).as(result.pool()).isEqualTo(1);
            assertThat(result.culprit()).startsWith("dev.poolbench.core.faults.ConnectionLeak$LeakyReport.countTodos(");
            assertThat(result.detectedAfterMs()).isBetween(result.thresholdMs(), result.thresholdMs() + 1_000);
            assertThat(result.activeAfterLeak()).isEqualTo(1);
        }
    }
}
