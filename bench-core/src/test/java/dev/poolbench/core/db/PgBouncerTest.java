package dev.poolbench.core.db;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.pool.Pools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** PgBouncer in front of the test database: what it does to server backends, as pg_stat_activity sees them. */
class PgBouncerTest {

    private static final int BORROWS = 20;

    @BeforeEach
    void needsPgBouncer() {
        assumeTrue(PgBouncer.unavailable().isEmpty(), () -> "PgBouncer tests skipped: " + PgBouncer.unavailable().get());
    }

    @Test
    void versionIsTheFirstLineOfPgBouncersOwnAnswer() {
        assertThat(PgBouncer.version()).matches("PgBouncer \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void nullPoolThroughTransactionModeOpensAtMostPgBouncersPoolWhileDirectOpensOneBackendPerBorrow() throws Exception {
        Database direct = TestDatabase.get();
        Backends straight = twentyConcurrentNullPoolBorrows(direct);
        assertThat(straight.pids).hasSize(BORROWS);
        assertThat(straight.labelledOnServer).isEqualTo(BORROWS);

        try (PgBouncer bouncer = PgBouncer.start(direct, PgBouncer.Mode.TRANSACTION, 5)) {
            Backends pooled = twentyConcurrentNullPoolBorrows(bouncer.database());
            System.out.printf("NullPool, %d concurrent borrows: %d server backends direct, %d through %s%n",
                    BORROWS, straight.pids.size(), pooled.pids.size(), bouncer.label());
            assertThat(pooled.pids).hasSizeBetween(1, 5);
            assertThat(pooled.labelledOnServer).isBetween(1, 5);
            // the pids are the real server's backends, still open in PgBouncer's pool
            assertThat(pooled.stillOnServer).isEqualTo(pooled.pids.size());
        }
    }

    @Test
    void sessionModePinsOneServerBackendToEachClientConnectionForItsLife() throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(TestDatabase.get(), PgBouncer.Mode.SESSION, 5);
             Connection a = bouncer.database().connect("pb-test-bouncer");
             Connection b = bouncer.database().connect("pb-test-bouncer")) {
            Set<Integer> seenByA = new TreeSet<>();
            Set<Integer> seenByB = new TreeSet<>();
            for (int i = 0; i < 5; i++) {
                seenByA.add(pid(a));
                seenByB.add(pid(b));
            }
            assertThat(seenByA).hasSize(1);
            assertThat(seenByB).hasSize(1);
            assertThat(seenByA).doesNotContainAnyElementsOf(seenByB);
            assertThat(bouncer.database().jdbcUrl()).doesNotContain(PgBouncer.TRANSACTION_MODE_PGJDBC);
        }
    }

    @Test
    void transactionModeLendsOneServerBackendToClientsInTurn() throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(TestDatabase.get(), PgBouncer.Mode.TRANSACTION, 1);
             Connection a = bouncer.database().connect("pb-test-bouncer");
             Connection b = bouncer.database().connect("pb-test-bouncer")) {
            assertThat(pid(a)).isEqualTo(pid(b));
        }
    }

    @Test
    void preparedStatementsWorkInTransactionModeWithPrepareThresholdZeroAndClashWithoutIt() throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(TestDatabase.get(), PgBouncer.Mode.TRANSACTION, 1)) {
            Database through = bouncer.database();
            assertThat(through.jdbcUrl()).endsWith("?" + PgBouncer.TRANSACTION_MODE_PGJDBC);
            try (Connection a = through.connect("pb-test-bouncer"); Connection b = through.connect("pb-test-bouncer")) {
                assertThat(tenPreparedExecutionsEach(a, b)).isEqualTo(2 * 10 * 42);
            }

            // pgjdbc's default threshold (5) names the statement S_1 on both clients, on the one server backend
            String defaultPgjdbc = "jdbc:postgresql://127.0.0.1:" + bouncer.port() + "/"
                    + JdbcUrl.parse(TestDatabase.get().jdbcUrl()).database();
            Properties login = new Properties();
            login.setProperty("user", through.user());
            login.setProperty("password", through.password());
            try (Connection a = DriverManager.getConnection(defaultPgjdbc, login);
                 Connection b = DriverManager.getConnection(defaultPgjdbc, login)) {
                assertThatThrownBy(() -> tenPreparedExecutionsEach(a, b)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("prepared statement");
            }
        }
    }

    @Test
    void itsDirectoryAndAuthFileAreOwnerOnlyOutsideTheCloneAndGoneAfterClose() throws Exception {
        Database direct = TestDatabase.get();
        assumeTrue(!direct.password().isEmpty(), "the test database has no password to look for");
        Path directory;
        try (PgBouncer bouncer = PgBouncer.start(direct, PgBouncer.Mode.TRANSACTION, 2)) {
            directory = bouncer.directory();
            try (Connection c = bouncer.database().connect("pb-test-bouncer")) {
                pid(c);
            }
            assertThat(directory).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(directory.toAbsolutePath().startsWith(Path.of("").toAbsolutePath().getParent()))
                    .as("%s is inside the clone", directory).isFalse();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            Path authFile = directory.resolve("users.txt");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(authFile))).isEqualTo("rw-------");
            // the auth file is the one place the password is written, as PgBouncer needs it
            assertThat(filesContaining(directory, direct.password())).containsExactly(authFile);
            assertThat(bouncer.database().jdbcUrl()).doesNotContain(direct.password());
            assertThat(bouncer.database().description()).doesNotContain(direct.password())
                    .endsWith(", through pgbouncer (transaction mode, pool 2, prepareThreshold=0)");
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void closingTheViewStopsPgBouncerButNotTheDatabaseBehindIt() throws Exception {
        PgBouncer bouncer = PgBouncer.start(TestDatabase.get(), PgBouncer.Mode.SESSION, 1);
        bouncer.database().close();
        assertThat(bouncer.isAlive()).isFalse();
        assertThat(bouncer.directory()).doesNotExist();
        assertThatThrownBy(() -> bouncer.database().connect("pb-test-bouncer")).isInstanceOf(SQLException.class);
        try (Connection c = TestDatabase.get().connect("pb-test-bouncer")) {
            assertThat(pid(c)).isPositive();
        }
    }

    @Test
    void aBadPoolerIsRefusedNamingTheAcceptedOnes() {
        assertThat(Pooler.parse("pooler", "pgbouncer-transaction")).isEqualTo(Pooler.PGBOUNCER_TRANSACTION);
        assertThatThrownBy(() -> Pooler.parse("pooler", "pgbouncer")).isInstanceOf(SettingsException.class)
                .hasMessage("pooler = 'pgbouncer' is not accepted: one of none, pgbouncer-session, pgbouncer-transaction");
        assertThatThrownBy(() -> PgBouncer.start(TestDatabase.get(), PgBouncer.Mode.SESSION, 0))
                .isInstanceOf(SettingsException.class)
                .hasMessage("pgbouncer pool size = '0' is not accepted: a whole number from 1 to 1000");
    }

    /** What 20 NullPool borrows held at once, each running one query, leave on the server. */
    private record Backends(Set<Integer> pids, int labelledOnServer, int stillOnServer) {
    }

    private static Backends twentyConcurrentNullPoolBorrows(Database database) throws Exception {
        String label = "pb-test-bouncer-" + UUID.randomUUID().toString().substring(0, 8);
        PhysicalConnections physical = database.connections(label);
        List<Connection> borrowed = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(BORROWS);
        try (ConnectionPool pool = Pools.create(PoolSettings.of(PoolStrategy.NONE), physical)) {
            for (int i = 0; i < BORROWS; i++) {
                borrowed.add(pool.dataSource().getConnection());
            }
            List<Future<Integer>> pids = new ArrayList<>();
            for (Connection c : borrowed) {
                pids.add(threads.submit(() -> pidAfterSleep(c)));
            }
            Set<Integer> distinct = new TreeSet<>();
            for (Future<Integer> pid : pids) {
                distinct.add(pid.get());
            }
            try (Connection admin = TestDatabase.get().connect("pb-test-bouncer-admin")) {
                return new Backends(distinct, labelled(admin, label), stillThere(admin, distinct));
            }
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
            threads.shutdownNow();
        }
    }

    private static int pidAfterSleep(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid(), pg_sleep(0.2)")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int labelled(Connection admin, String label) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, label);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int stillThere(Connection admin, Set<Integer> pids) throws SQLException {
        Array array = admin.createArrayOf("int4", pids.toArray());
        try (PreparedStatement ps = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(?)")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Alternates a and b, each executing its own prepared statement ten times; the sum of the results. */
    private static int tenPreparedExecutionsEach(Connection a, Connection b) throws SQLException {
        int sum = 0;
        try (PreparedStatement pa = a.prepareStatement("SELECT ?::int + 1");
             PreparedStatement pb = b.prepareStatement("SELECT ?::int + 1")) {
            for (int i = 0; i < 10; i++) {
                sum += plusOne(pa, 41) + plusOne(pb, 41);
            }
        }
        return sum;
    }

    private static int plusOne(PreparedStatement ps, int value) throws SQLException {
        ps.setInt(1, value);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<Path> filesContaining(Path directory, String secret) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> found = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret)) {
                    found.add(file);
                }
            }
            return found;
        }
    }
}
