package dev.poolbench.pools.sizing;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.Sizing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** A miniature sizing run against a real PostgreSQL: every point measured, every curve judged, the fleet from the server. */
class SizingRunTest {

    /** Where the miniature run leaves its file, to look at (docs/result-files.md's example is one such file, shortened). */
    static final Path MINIATURE = Path.of("target", "sizing-test");

    @Test
    void aMiniatureRunWritesEveryPointAVerdictPerCurveAndTheServersLimits() throws Exception {
        Path dir = MINIATURE;
        Files.deleteIfExists(dir.resolve(Sizing.FORMAT.fileName()));
        Database database = TestDatabase.get();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = SizingRun.execute(new String[] {"--out=" + dir, "--sizes=1,2", "--callers=2", "--rtt=0,2",
                "--repetitions=2", "--warmup=100ms", "--window=300ms", "--instances=1000", "--max-overflow=2"},
                database, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        Sizing sizing = ResultFiles.read(dir.resolve("sizing.json"), Sizing.FORMAT);
        assertThat(sizing.complete()).isTrue();
        assertThat(sizing.strategy()).isEqualTo("queue");
        assertThat(sizing.repetitions()).isEqualTo(2);
        assertThat(sizing.windowMs()).isEqualTo(300);
        // 2 mixes x 2 round trips x 1 caller count x 2 sizes, in the order they ran
        assertThat(sizing.points()).extracting(p -> p.workload() + " " + p.rttMs() + " " + p.callers() + " " + p.poolSize())
                .containsExactly("todo-read-heavy 0 2 1", "todo-read-heavy 0 2 2", "todo-read-heavy 2 2 1",
                        "todo-read-heavy 2 2 2", "todo-write-heavy 0 2 1", "todo-write-heavy 0 2 2",
                        "todo-write-heavy 2 2 1", "todo-write-heavy 2 2 2");
        for (Sizing.Point p : sizing.points()) {
            assertThat(p.byRepetition()).hasSize(2);
            assertThat(p.byRepetition()).allSatisfy(r -> {
                assertThat(r.calls()).isPositive();
                assertThat(r.failed()).isZero();
                assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.p50Ms());
            });
            assertThat(p.failures()).isEmpty();
            assertThat(p.meanHoldMs()).isPositive();
            assertThat(p.throughput().low()).isLessThanOrEqualTo(p.throughput().value());
            assertThat(p.throughput().high()).isGreaterThanOrEqualTo(p.throughput().value());
        }

        assertThat(sizing.verdicts()).extracting(v -> v.workload() + " " + v.rttMs() + " " + v.callers())
                .containsExactly("todo-read-heavy 0 2", "todo-read-heavy 2 2", "todo-write-heavy 0 2", "todo-write-heavy 2 2");
        int maxConnections = show(database, "max_connections");
        int superuserReserved = show(database, "superuser_reserved_connections");
        assertThat(sizing.server().maxConnections()).isEqualTo(maxConnections);
        assertThat(sizing.server().superuserReservedConnections()).isEqualTo(superuserReserved);
        int available = maxConnections - superuserReserved
                - (sizing.server().reservedConnections() == null ? 0 : sizing.server().reservedConnections());
        for (Sizing.Verdict v : sizing.verdicts()) {
            assertThat(v.recommendedPoolSize()).isIn(1, 2);
            assertThat(v.recommendedPoolSize()).isLessThanOrEqualTo(v.bestPoolSize());
            assertThat(v.alpha()).isEqualTo(SizingRule.ALPHA);
            assertThat(v.p99Margin()).isEqualTo(SizingRule.P99_MARGIN);
            assertThat(v.busyConnections()).isPositive();
            assertThat(v.formulaHarness()).isEqualTo(Runtime.getRuntime().availableProcessors() * 2 + 1);
            int perInstance = v.recommendedPoolSize() + 2;
            assertThat(v.fleet()).isEqualTo(new Sizing.Fleet(1000, perInstance, 1000 * perInstance, available,
                    1000 * perInstance <= available, available / perInstance));
        }
        assertThat(sizing.databaseCores() == null ? sizing.databaseCoresFrom().startsWith("unknown: ")
                : sizing.databaseCoresFrom().startsWith("pg_read_file")).isTrue();
        assertThat(sizing.measuredRttMs()).isPositive();
        assertThat(out.toString()).contains("point 8 of 8").contains("recommended");
        if (!database.password().isEmpty()) {
            assertThat(out.toString()).doesNotContain(database.password());
            assertThat(Files.readString(dir.resolve("sizing.json"))).doesNotContain(database.password());
        }
    }

    /** The user's own server (BENCH_DB_URL): its own round trip only, measured, and no proxy in front of it. */
    @Test
    void againstAnExternalDatabaseOnlyItsOwnRoundTripIsSwept(@TempDir Path dir) throws Exception {
        Database container = TestDatabase.get();
        try (Database external = Databases.start(DatabaseSettings.external(container.jdbcUrl(), container.user(),
                container.password()))) {
            StringWriter err = new StringWriter();
            int code = SizingRun.execute(new String[] {"--out=" + dir, "--sizes=1,2", "--callers=2", "--mix=read-heavy",
                    "--repetitions=2", "--warmup=100ms", "--window=300ms"}, external, new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true));

            assertThat(code).as(err.toString()).isZero();
            Sizing sizing = ResultFiles.read(dir.resolve("sizing.json"), Sizing.FORMAT);
            assertThat(sizing.points()).extracting(Sizing.Point::rttMs).containsExactly(0L, 0L);
            assertThat(sizing.verdicts()).singleElement().satisfies(v -> assertThat(v.rttMs()).isZero());
            assertThat(sizing.measuredRttMs()).isPositive();
            assertThat(sizing.database()).doesNotContain("round-trip proxy");
        }
    }

    /**
     * Issue 13, part 4, through the run: the user's statements against their database (reached as an external one), a
     * refused statement reported with its text and the server's error while the run goes on, and a write refused
     * without --allow-writes (nothing written) and run with it.
     */
    @Test
    void aWorkloadFileRunsAgainstTheUsersDatabaseReportsAFailingStatementAndWritesOnlyWhenAllowed(@TempDir Path dir)
            throws Exception {
        Database container = TestDatabase.get();
        String schema = "pb_sizing_user_tables";
        try (Connection c = container.connect("pb-test-sizing"); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
            st.execute("CREATE TABLE " + schema + ".orders (id int PRIMARY KEY, status text NOT NULL)");
            st.execute("INSERT INTO " + schema + ".orders SELECT n, 'new' FROM generate_series(1, 1000) AS n");
        }
        Path reads = dir.resolve("reads.yaml");
        Files.writeString(reads, "name: shop-reads\nstatements:\n"
                + "  - name: order by id\n    weight: 5\n    sql: SELECT id, status FROM " + schema + ".orders WHERE id = ?\n"
                + "    params:\n      - int: [1, 1000]\n"
                + "  - name: a table that is not there\n    weight: 1\n    sql: SELECT count(*) FROM " + schema + ".missing\n");
        Path writes = dir.resolve("writes.yaml");
        Files.writeString(writes, "name: shop-writes\nstatements:\n"
                + "  - name: mark paid\n    sql: UPDATE " + schema + ".orders SET status = 'paid' WHERE id = ?\n"
                + "    params:\n      - int: [1, 1000]\n");
        String[] small = {"--sizes=1,2", "--callers=2", "--repetitions=2", "--warmup=100ms", "--window=300ms"};
        try (Database external = Databases.start(DatabaseSettings.external(container.jdbcUrl(), container.user(),
                container.password()))) {
            StringWriter err = new StringWriter();
            int code = SizingRun.execute(concat(small, "--out=" + dir.resolve("reads"), "--workload=" + reads), external,
                    new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

            assertThat(code).as(err.toString()).isZero();
            Sizing sizing = ResultFiles.read(dir.resolve("reads").resolve("sizing.json"), Sizing.FORMAT);
            assertThat(sizing.verdicts()).singleElement().satisfies(v -> assertThat(v.workload()).isEqualTo("shop-reads"));
            for (Sizing.Point p : sizing.points()) {
                assertThat(p.byRepetition()).allSatisfy(r -> assertThat(r.calls()).isPositive());
                assertThat(p.failures()).singleElement().satisfies(f -> {
                    assertThat(f.statement()).isEqualTo("SELECT count(*) FROM " + schema + ".missing");
                    assertThat(f.serverMessage()).startsWith("ERROR: relation \"" + schema + ".missing\" does not exist");
                    assertThat(f.count()).isPositive();
                });
            }

            StringWriter refused = new StringWriter();
            code = SizingRun.execute(concat(small, "--out=" + dir.resolve("refused"), "--workload=" + writes), external,
                    new PrintWriter(new StringWriter(), true), new PrintWriter(refused, true));
            assertThat(code).isEqualTo(2);
            assertThat(refused.toString()).isEqualTo("sizing-run: workload file " + writes + ", statement \"mark paid\":"
                    + " it writes (server: ERROR: cannot execute UPDATE in a read-only transaction); pass --allow-writes to"
                    + " run writing statements against this database\n");
            assertThat(count(container, "SELECT count(*) FROM " + schema + ".orders WHERE status = 'paid'")).isZero();

            StringWriter allowedErr = new StringWriter();
            code = SizingRun.execute(concat(small, "--out=" + dir.resolve("allowed"), "--workload=" + writes,
                    "--allow-writes"), external, new PrintWriter(new StringWriter(), true), new PrintWriter(allowedErr, true));
            assertThat(code).as(allowedErr.toString()).isZero();
            assertThat(count(container, "SELECT count(*) FROM " + schema + ".orders WHERE status = 'paid'")).isPositive();
        } finally {
            try (Connection c = container.connect("pb-test-sizing"); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection c = database.connect("pb-test-sizing"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aBadOptionValueIsOneLineNamingTheValueAndWhatIsAccepted() {
        assertThat(badOption("--sizes=1,0")).isEqualTo("sizing-run: --sizes = '0' is not accepted: whole numbers from 1"
                + " to 1000, separated by commas, e.g. 1,2,4,8\n");
        assertThat(badOption("--callers=many")).isEqualTo("sizing-run: --callers = 'many' is not accepted: whole numbers"
                + " from 1 to 10000, separated by commas, e.g. 16,64\n");
        assertThat(badOption("--rtt=0,20s")).isEqualTo("sizing-run: --rtt = '20s' is not accepted: round trips from 0 to"
                + " 10s in whole milliseconds, separated by commas; a bare number is milliseconds, e.g. 0,1,5,20\n");
        assertThat(badOption("--strategy=static")).isEqualTo("sizing-run: --strategy = 'static' is not accepted: a pool"
                + " with a size: one of queue, hikari, dbcp2, agroal, vibur, tomcat, c3p0 (none, static and single have no"
                + " size to sweep)\n");
        assertThat(badOption("--strategy=pgbouncer")).isEqualTo("sizing-run: --strategy = 'pgbouncer' is not accepted:"
                + " one of none, static, single, queue, hikari, dbcp2, agroal, vibur, tomcat, c3p0\n");
        assertThat(badOption("--mix=read-mostly")).isEqualTo("sizing-run: --mix = 'read-mostly' is not accepted: one or"
                + " both of read-heavy, write-heavy, separated by a comma (or --workload=FILE for your own statements)\n");
        assertThat(badOption("--repetitions=1")).isEqualTo("sizing-run: --repetitions = '1' is not accepted: a whole"
                + " number from 2 to 1000\n");
        assertThat(badOption("--window=10ms")).isEqualTo("sizing-run: --window = '10ms' is not accepted: a duration from"
                + " 100ms to 10m, e.g. 3s\n");
        assertThat(badOption("--instances=0")).isEqualTo("sizing-run: --instances = '0' is not accepted: a whole number"
                + " from 1 to 100000\n");
        assertThat(badOption("--db-cores=-4")).isEqualTo("sizing-run: --db-cores = '-4' is not accepted: a whole number"
                + " from 1 to 10000\n");
        assertThat(badOption("--max-overflow=x")).isEqualTo("sizing-run: --max-overflow = 'x' is not accepted: a whole"
                + " number from 0 to 1000\n");
        assertThat(badOption("--allow-writes")).isEqualTo("sizing-run: --allow-writes is for a workload file's statements:"
                + " give --workload=FILE too (the TODO mixes always write, in poolbench's own schema)\n");
        assertThat(badOption("--size=4")).startsWith("sizing-run: Unknown option: '--size=4'").hasLineCount(1);
        assertThat(badOption("--workload=" + Path.of("no-such-file.yaml"))).startsWith("sizing-run: --workload: ")
                .contains("no-such-file.yaml").hasLineCount(1);
    }

    /** What a run with {@code option} prints on stderr; it must stop with 2 before any database work (none is given). */
    private static String badOption(String option) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SizingRun.execute(new String[] {option}, null, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(option).isEqualTo(2);
        assertThat(out.toString()).as(option).isEmpty();
        return err.toString();
    }

    private static int show(Database database, String setting) throws SQLException {
        try (Connection c = database.connect("pb-test-sizing"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

}
