package dev.poolbench.core.pool;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.PhysicalConnections;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.poolbench.core.pool.PoolFixture.eventually;
import static dev.poolbench.core.pool.PoolFixture.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each strategy's promises, checked from the server's side. */
class PoolStrategiesTest {

    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    @Nested
    class None {

        @Test
        void everyBorrowIsANewBackendAndEveryReturnEndsIt() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.NONE))) {
                int first = f.pidOfNextBorrow();
                int second = f.pidOfNextBorrow();

                assertThat(second).isNotEqualTo(first);
                assertThat(f.pool.stats().opened()).isEqualTo(2);
                eventually("both backends have exited", () -> f.serverTotal() == 0);
                assertThat(f.pool.stats().idle()).isZero();
            }
        }

        @Test
        void holdsExactlyAsManyBackendsAsItHasBorrowers() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.NONE))) {
                try (Connection a = f.borrow(); Connection b = f.borrow(); Connection c = f.borrow()) {
                    assertThat(f.counts().total()).isEqualTo(3);
                    assertThat(f.pool.stats().active()).isEqualTo(3);
                }
                assertThat(f.pool.stats().active()).isZero();
                eventually("the backends have exited", () -> f.serverTotal() == 0);
            }
        }
    }

    @Nested
    class Static {

        @Test
        void opensItsOneConnectionUpFrontAndLendsItToEveryone() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.STATIC))) {
                assertThat(f.counts().total()).isEqualTo(1);
                int first = f.pidOfNextBorrow();

                assertThat(f.pidOfNextBorrow()).isEqualTo(first);
                assertThat(f.pidOfNextBorrow()).isEqualTo(first);
                assertThat(f.pool.stats().opened()).isEqualTo(1);
                assertThat(f.counts().total()).isEqualTo(1);
            }
        }

        @Test
        void aSecondBorrowerWaitsForTheFirst() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.STATIC))) {
                Connection held = f.borrow();
                int heldPid = pid(held);
                CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
                    try {
                        return f.pidOfNextBorrow();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                eventually("the second borrower is waiting", () -> f.pool.stats().waiting() == 1);
                assertThat(second).isNotDone();

                held.close();

                assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(heldPid);
            }
        }

        @Test
        void aBorrowerThatWaitsTooLongIsToldWhy() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.STATIC).withPoolTimeout(SHORT_TIMEOUT));
                 Connection held = f.borrow()) {
                assertThat(held.isClosed()).isFalse();
                long started = System.nanoTime();
                assertThatThrownBy(f::borrow)
                        .isInstanceOf(PoolExhaustedException.class)
                        .hasMessage("static pool (one connection) was exhausted after 300 ms (1 in use, 0 other borrowers waiting)");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT_TIMEOUT);
                assertThat(f.pool.stats().timeouts()).isEqualTo(1);
            }
        }
    }

    @Nested
    class Queue {

        @Test
        void opensConnectionsLazily() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.QUEUE))) {
                assertThat(f.counts().total()).isZero();
                f.pidOfNextBorrow();

                assertThat(f.counts().total()).isEqualTo(1);
                assertThat(f.counts().idle()).isEqualTo(1);
                assertThat(f.pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1, 0, 0, 0));
            }
        }

        @Test
        void overflowConnectionsAreClosedOnReturnWhilePoolSizeAreKept() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.QUEUE).withPoolSize(2).withMaxOverflow(1))) {
                List<Connection> held = new ArrayList<>();
                Set<Integer> pids = new HashSet<>();
                for (int i = 0; i < 3; i++) {
                    held.add(f.borrow());
                    pids.add(pid(held.get(i)));
                }
                assertThat(pids).hasSize(3);
                assertThat(f.counts().total()).isEqualTo(3);
                assertThat(f.pool.stats().active()).isEqualTo(3);

                for (Connection c : held) {
                    c.close();
                }

                eventually("the overflow backend has exited", () -> f.serverTotal() == 2);
                assertThat(f.pool.stats()).isEqualTo(new PoolStats(0, 2, 0, 3, 0, 0, 0));
                assertThat(f.server.backendPids()).hasSize(2).isSubsetOf(pids);
            }
        }

        @Test
        void aBorrowerBeyondPoolSizePlusOverflowTimesOutWithTheLimitsInTheMessage() throws Exception {
            PoolSettings settings = PoolSettings.of(PoolStrategy.QUEUE).withPoolSize(2).withMaxOverflow(1)
                    .withPoolTimeout(SHORT_TIMEOUT);
            try (PoolFixture f = new PoolFixture(settings);
                 Connection a = f.borrow(); Connection b = f.borrow(); Connection c = f.borrow()) {
                long started = System.nanoTime();

                assertThatThrownBy(f::borrow)
                        .isInstanceOf(PoolExhaustedException.class)
                        .hasMessage("queue pool of size 2 with overflow 1 was exhausted after 300 ms (3 in use, 0 other borrowers waiting)");
                long waitedMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(waitedMs).isBetween(300L, 2_000L);
                assertThat(f.pool.stats().timeouts()).isEqualTo(1);
                assertThat(f.counts().total()).isEqualTo(3);
            }
        }

        @Test
        void handsOutTheLongestIdleConnectionFirstUnlessLifo() throws Exception {
            for (boolean lifo : new boolean[] {false, true}) {
                try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.QUEUE).withPoolSize(2).withLifo(lifo))) {
                    Connection a = f.borrow();
                    Connection b = f.borrow();
                    int pidA = pid(a);
                    int pidB = pid(b);
                    a.close();
                    b.close();

                    assertThat(f.pidOfNextBorrow()).as("lifo=" + lifo).isEqualTo(lifo ? pidB : pidA);
                }
            }
        }

        @Test
        void recycleReplacesAConnectionOlderThanItAtBorrow() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.QUEUE).withRecycle(Duration.ofMillis(500)))) {
                int first = f.pidOfNextBorrow();
                assertThat(f.pidOfNextBorrow()).isEqualTo(first);
                Thread.sleep(600);

                int after = f.pidOfNextBorrow();

                assertThat(after).isNotEqualTo(first);
                assertThat(f.pool.stats().opened()).isEqualTo(2);
                eventually("the recycled backend has exited", () -> f.serverTotal() == 1);
            }
        }

        @Test
        void prePingReplacesAKilledConnectionWithoutTheBorrowerNoticing() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.QUEUE).withPrePing(true))) {
                int first = f.pidOfNextBorrow();
                assertThat(f.server.terminate(first)).isTrue();
                eventually("the killed backend has exited", () -> f.serverTotal() == 0);

                try (Connection c = f.borrow(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 42")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                    assertThat(pid(c)).isNotEqualTo(first);
                }
                assertThat(f.pool.stats().validationFailures()).isEqualTo(1);
                assertThat(f.pool.stats().opened()).isEqualTo(2);
            }
        }

        @Test
        void withoutPrePingTheFirstUseOfAKilledConnectionFailsAndTheConnectionIsDiscarded() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.QUEUE))) {
                int first = f.pidOfNextBorrow();
                f.server.terminate(first);
                eventually("the killed backend has exited", () -> f.serverTotal() == 0);

                try (Connection c = f.borrow()) {
                    assertThatThrownBy(() -> pid(c)).isInstanceOf(SQLException.class);
                }

                assertThat(f.pidOfNextBorrow()).isNotEqualTo(first);
                assertThat(f.pool.stats().opened()).isEqualTo(2);
                assertThat(f.pool.stats().validationFailures()).isZero();
            }
        }

        @Test
        void aReturnedConnectionCannotBeUsedAgain() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.QUEUE))) {
                Connection c = f.borrow();
                c.close();
                c.close();

                assertThat(c.isClosed()).isTrue();
                assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class)
                        .hasMessage("this connection has already been returned to the pool");
                assertThat(f.pool.stats().idle()).isEqualTo(1);
            }
        }

        @Test
        void aTransactionLeftOpenIsRolledBackOnReturn() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.QUEUE).withPoolSize(1))) {
                try (Connection c = f.borrow(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    s.execute("SELECT 1");
                }
                try (Connection c = f.borrow()) {
                    assertThat(c.getAutoCommit()).isTrue();
                }
                assertThat(f.counts().idleInTransaction()).isZero();
            }
        }
    }

    @Nested
    class Hikari {

        @Test
        void opensPoolSizeConnectionsUpFront() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.HIKARI).withPoolSize(3))) {
                eventually("hikari has filled minimumIdle", () -> f.serverTotal() == 3);
                assertThat(f.pool.stats().idle()).isEqualTo(3);
                assertThat(f.pool.stats().opened()).isEqualTo(3);
            }
        }

        @Test
        void aBorrowerBeyondItsMaximumTimesOutWithTheSameMessageShape() throws Exception {
            PoolSettings settings = PoolSettings.of(PoolStrategy.HIKARI).withPoolSize(2).withMaxOverflow(1)
                    .withPoolTimeout(SHORT_TIMEOUT);
            try (PoolFixture f = new PoolFixture(settings);
                 Connection a = f.borrow(); Connection b = f.borrow(); Connection c = f.borrow()) {
                assertThatThrownBy(f::borrow)
                        .isInstanceOf(PoolExhaustedException.class)
                        .hasMessage("hikari pool of size 2 with overflow 1 was exhausted after 300 ms (3 in use, 0 other borrowers waiting)");
                assertThat(f.pool.stats().timeouts()).isEqualTo(1);
                assertThat(f.counts().total()).isEqualTo(3);
            }
        }

        @Test
        void closedWhileStillFillingItWaitsForTheConnectionUnderWayInsteadOfWarning() throws Exception {
            // HikariCP waits at shutdown for a connection it is still opening as long as the DataSource's login
            // timeout; a DataSource that said 0 made it give up at once and log a warning at every close
            PrintStream realErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            PhysicalConnections physical = TestDatabase.freshConnections("hikari-close");
            try {
                for (int i = 0; i < 5; i++) {
                    Pools.create(PoolSettings.of(PoolStrategy.HIKARI).withPoolSize(10), physical).close();
                }
            } finally {
                System.setErr(realErr);
            }
            assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Timed-out waiting for add connection executor");
            assertThat(physical.getLoginTimeout()).isEqualTo(PhysicalConnections.DEFAULT_CONNECT_TIMEOUT_SECONDS);
            assertThat(physical.stillOpen()).isZero();
        }

        @Test
        void replacesAKilledConnectionThatSatIdle() throws Exception {
            try (PoolFixture f = new PoolFixture(PoolSettings.of(PoolStrategy.HIKARI).withPoolSize(1).withMaxOverflow(0))) {
                int first = f.pidOfNextBorrow();
                f.server.terminate(first);
                eventually("the killed backend has exited", () -> f.serverTotal() == 0);
                Thread.sleep(600); // HikariCP checks connections idle longer than 500 ms

                assertThat(f.pidOfNextBorrow()).isNotEqualTo(first);
                assertThat(f.pool.stats().validationFailures()).isEqualTo(1);
            }
        }
    }

    @Nested
    class LeakDetection {

        @Test
        void queueReportsAConnectionHeldPastTheThresholdWithTheCodeThatBorrowedIt() throws Exception {
            PoolSettings settings = PoolSettings.of(PoolStrategy.QUEUE).withLeakThreshold(Duration.ofMillis(200));
            try (PoolFixture f = new PoolFixture(settings)) {
                try (Connection quick = f.borrow()) {
                    assertThat(quick.isClosed()).isFalse();
                }
                Connection leaked = f.borrow();
                eventually("a leak is reported", () -> !f.pool.leaks().isEmpty());

                LeakReport report = f.pool.leaks().get(0);
                assertThat(report.pool()).isEqualTo("queue pool of size 5 with overflow 10");
                assertThat(report.culprit()).startsWith("dev.poolbench.core.pool.PoolFixture.borrow(PoolFixture.java:");
                assertThat(report.borrowedFrom().split("\n")[1])
                        .contains("PoolStrategiesTest$LeakDetection.queueReportsAConnectionHeldPastTheThreshold");
                assertThat(f.pool.stats().leaks()).isEqualTo(1);
                leaked.close();
            }
        }

        @Test
        void hikariReportsTheSameWay() throws Exception {
            PoolSettings settings = PoolSettings.of(PoolStrategy.HIKARI).withPoolSize(1).withLeakThreshold(Duration.ofSeconds(2));
            try (PoolFixture f = new PoolFixture(settings); Connection leaked = f.borrow()) {
                assertThat(leaked.isClosed()).isFalse();
                Thread.sleep(2_300);

                assertThat(f.pool.leaks()).hasSize(1);
                assertThat(f.pool.leaks().get(0).borrowedFrom().split("\n")[1])
                        .contains("PoolStrategiesTest$LeakDetection.hikariReportsTheSameWay");
            }
        }
    }
}
