package dev.poolbench.core.workload;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.pool.Pools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The user's statements against a real PostgreSQL, in tables these tests create in a schema of their own (reached
 * through pgjdbc's currentSchema, as a user's search_path would): the weights, the drawn values as the server sees
 * them, read-only transactions, the refusal of a write without the flag, and a refused statement reported and got
 * over. Every call goes through a SINGLE pool, so each borrows the connection the one before gave back.
 */
class UserWorkloadTest {

    static final String SCHEMA = "pb_test_workload";

    @TempDir
    Path dir;

    private ConnectionPool pool;
    private DataSource dataSource;

    @BeforeAll
    static void tables() throws SQLException {
        sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
                "CREATE SCHEMA " + SCHEMA,
                "CREATE TABLE " + SCHEMA + ".items (id int PRIMARY KEY, label text NOT NULL)",
                "INSERT INTO " + SCHEMA + ".items SELECT n, 'item ' || n FROM generate_series(1, 100) AS n",
                "CREATE TABLE " + SCHEMA + ".drawn (i int, big bigint, d numeric, t text, span interval, u uuid, b bool)",
                "CREATE TABLE " + SCHEMA + ".typed (seen text)",
                "CREATE TABLE " + SCHEMA + ".log (n int)",
                // the tables docs/examples/workload.yaml names
                "CREATE TABLE " + SCHEMA + ".customers (id int PRIMARY KEY, email text NOT NULL)",
                "INSERT INTO " + SCHEMA + ".customers SELECT n, chr(97 + n % 26) || n || '@example.com'"
                        + " FROM generate_series(1, 5000) AS n",
                "CREATE TABLE " + SCHEMA + ".orders (id int PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL,"
                        + " total numeric(10, 2) NOT NULL, reference uuid NOT NULL, gift bool NOT NULL,"
                        + " created_at timestamptz NOT NULL)",
                "INSERT INTO " + SCHEMA + ".orders SELECT n, 1 + n % 5000, (ARRAY['new', 'paid', 'shipped'])[1 + n % 3],"
                        + " (n % 50000) / 100.0, gen_random_uuid(), n % 7 = 0, now() - n * interval '1 minute'"
                        + " FROM generate_series(1, 100000) AS n",
                "CREATE INDEX ON " + SCHEMA + ".orders (customer_id, created_at)",
                "ANALYZE " + SCHEMA + ".orders");
    }

    @BeforeEach
    void singlePool() throws SQLException {
        pool = Pools.create(PoolSettings.of(PoolStrategy.SINGLE), TestDatabase.freshConnections("workload")
                .with(Map.of("currentSchema", SCHEMA)));
        dataSource = pool.dataSource();
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void callsFollowTheWeightsAndReadEveryRow() throws IOException, SQLException {
        UserWorkload workload = UserWorkload.load(write("""
                name: two reads
                statements:
                  - name: by id
                    weight: 3
                    sql: SELECT id, label FROM items WHERE id = ?
                    params:
                      - int: [1, 100]
                  - name: first n
                    weight: 1
                    sql: SELECT id FROM items WHERE id <= ? ORDER BY id
                    params:
                      - int: [1, 10]
                """), false);
        workload.prepare(dataSource);
        assertThat(workload.preparedFailures()).isEmpty();

        Map<String, Integer> calls = new HashMap<>();
        TreeSet<Long> byIdRows = new TreeSet<>();
        TreeSet<Long> firstNRows = new TreeSet<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 4000; i++) {
            UserWorkload.Executed call = workload.execute(dataSource, random);
            calls.merge(call.statement().name(), 1, Integer::sum);
            (call.statement().name().equals("by id") ? byIdRows : firstNRows).add(call.rows());
        }

        assertThat(calls.get("by id") / 4000.0).as("weight 3 of 4").isCloseTo(0.75, within(0.03));
        assertThat(calls.get("by id") + calls.get("first n")).isEqualTo(4000);
        assertThat(byIdRows).as("every id drawn is one of the table's").containsExactly(1L);
        assertThat(firstNRows).as("every n from 1 to 10 drawn, and only those, each read in full")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void drawnValuesStayInTheirRangesAndReachBothEnds() throws IOException, SQLException {
        sql("TRUNCATE " + SCHEMA + ".drawn");
        UserWorkload workload = UserWorkload.load(write("""
                statements:
                  - name: draw
                    sql: INSERT INTO drawn (i, big, d, t, span, u, b) VALUES (?, ?, ?, ?, ?::interval, ?, ?)
                    params:
                      - int: [-3, 3]
                      - int: [4000000000, 4000000002]
                      - decimal: [0.10, 0.15]
                      - text: [2, 4]
                      - oneOf: ["1 day", "7 days"]
                      - uuid
                      - bool
                """), true);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            workload.call(dataSource, random);
        }

        assertThat(row("SELECT count(*), min(i), max(i), count(DISTINCT i), min(big), max(big), count(DISTINCT big),"
                + " min(d), max(d), count(DISTINCT d), min(length(t)), max(length(t)), bool_and(t ~ '^[a-z]+$'),"
                + " string_agg(DISTINCT span::text, ', '), count(DISTINCT u), bool_and(substr(u::text, 15, 1) = '4'),"
                + " count(DISTINCT b) FROM drawn"))
                .containsExactly("2000", "-3", "3", "7", "4000000000", "4000000002", "3",
                        "0.10", "0.15", "6", "2", "4", "t",
                        "1 day, 7 days", "2000", "t",
                        "2");
    }

    @Test
    void eachValueIsBoundAsTheTypeItIsWrittenAs() throws IOException, SQLException {
        sql("TRUNCATE " + SCHEMA + ".typed");
        UserWorkload workload = UserWorkload.load(write("""
                statements:
                  - name: types
                    sql: INSERT INTO typed SELECT pg_typeof(x)::text || ' ' || x::text FROM (SELECT ?) AS p(x)
                    params:
                      - oneOf: [seven, "7", 7, 8000000000, 2.50, true]
                """), true);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            workload.call(dataSource, random);
        }

        assertThat(column("SELECT DISTINCT seen FROM typed ORDER BY seen")).containsExactly(
                "bigint 8000000000", "boolean true", "character varying 7", "character varying seven", "integer 7",
                "numeric 2.50");
    }

    @Test
    void callsAreReadOnlyTransactionsUnlessWritesAreAllowedAndTheConnectionGoesBackAsItCame()
            throws IOException, SQLException {
        Path file = write("""
                statements:
                  - name: read-only?
                    sql: SELECT current_setting('transaction_read_only') WHERE ? AND current_setting('transaction_read_only') = 'on'
                    params: [bool]
                """);
        // bool drawn: true for about half the calls; those read one row only when the transaction is read-only
        SplittableRandom random = new SplittableRandom(5);
        long readOnlyRows = 0;
        long writableRows = 0;
        for (int i = 0; i < 100; i++) {
            readOnlyRows += UserWorkload.load(file, false).execute(dataSource, random).rows();
            assertReturnedAsItCame();
            writableRows += UserWorkload.load(file, true).execute(dataSource, random).rows();
            assertReturnedAsItCame();
        }

        assertThat(readOnlyRows).as("SHOW transaction_read_only inside each read-only call").isBetween(30L, 70L);
        assertThat(writableRows).as("with writes allowed: autocommit, not read-only").isZero();
    }

    @Test
    void aWriteIsRefusedWithoutTheFlagAndRunsWithIt() throws IOException, SQLException {
        sql("TRUNCATE " + SCHEMA + ".log");
        Path file = write("""
                name: orders
                statements:
                  - name: look up
                    weight: 9
                    sql: SELECT label FROM items WHERE id = ?
                    params:
                      - int: [1, 100]
                  - name: add order
                    sql: INSERT INTO log (n) VALUES (?)
                    params:
                      - int: [1, 5]
                """);

        UserWorkload readOnly = UserWorkload.load(file, false);
        assertThatThrownBy(() -> readOnly.prepare(dataSource)).isInstanceOf(SettingsException.class)
                .hasMessage("workload file " + file + ", statement \"add order\": it writes (server: ERROR: cannot execute"
                        + " INSERT in a read-only transaction); pass --allow-writes to run writing statements against"
                        + " this database");
        UserStatement insert = readOnly.statements().get(1);
        SplittableRandom random = new SplittableRandom(1);
        List<StatementFailure> refused = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            try {
                readOnly.call(dataSource, random);
            } catch (StatementFailure e) {
                refused.add(e);
            }
        }
        assertThat(refused).as("called without prepare, each write is refused by the server").isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.statement()).isEqualTo(insert.sql());
                    assertThat(e.getSQLState()).isEqualTo("25006");
                });
        assertThat(row("SELECT count(*) FROM log")).containsExactly("0");

        UserWorkload writing = UserWorkload.load(file, true);
        writing.prepare(dataSource);
        assertThat(writing.preparedFailures()).isEmpty();
        assertThat(row("SELECT count(*) FROM log")).as("prepare's try was rolled back").containsExactly("0");
        long writes = 0;
        for (int i = 0; i < 200; i++) {
            if (writing.execute(dataSource, random).statement().equals(insert)) {
                writes++;
            }
        }
        assertThat(writes).isPositive();
        assertThat(row("SELECT count(*), min(n) >= 1 AND max(n) <= 5 FROM log"))
                .containsExactly(String.valueOf(writes), "t");
    }

    @Test
    void aLockingReadIsRefusedAsAWrite() throws IOException {
        Path file = write("""
                statements:
                  - name: lock an item
                    sql: SELECT label FROM items WHERE id = 1 FOR UPDATE
                """);

        assertThatThrownBy(() -> UserWorkload.load(file, false).prepare(dataSource))
                .hasMessage("workload file " + file + ", statement \"lock an item\": it writes (server: ERROR: cannot"
                        + " execute SELECT FOR UPDATE in a read-only transaction); pass --allow-writes to run writing"
                        + " statements against this database");
    }

    @Test
    void aStatementTheServerRefusesIsReportedWithItsTextAndErrorAndTheRunGoesOn() throws IOException, SQLException {
        UserWorkload workload = UserWorkload.load(write("""
                statements:
                  - name: missing
                    sql: SELECT * FROM missing_table WHERE id = ?
                    params:
                      - int: [1, 100]
                  - name: by id
                    sql: SELECT label FROM items WHERE id = ?
                    params:
                      - int: [1, 100]
                """), false);
        String missingSql = "SELECT * FROM missing_table WHERE id = ?";
        String serverMessage = "ERROR: relation \"missing_table\" does not exist\n  Position: 15";

        workload.prepare(dataSource);
        assertThat(workload.preparedFailures()).containsExactly(new PrepareFailure("missing", missingSql, serverMessage));

        SplittableRandom random = new SplittableRandom(11);
        int failures = 0;
        long rowsRead = 0;
        for (int i = 0; i < 200; i++) {
            try {
                rowsRead += workload.execute(dataSource, random).rows();
            } catch (StatementFailure e) {
                failures++;
                assertThat(e.statement()).isEqualTo(missingSql);
                assertThat(e.serverMessage()).isEqualTo(serverMessage);
                assertThat(e.getSQLState()).isEqualTo("42P01");
            }
            assertReturnedAsItCame();
        }
        assertThat(failures).isBetween(60, 140);
        assertThat(rowsRead).as("the other statement's calls, each one row, on the connection the failures used")
                .isEqualTo(200 - failures);
    }

    @Test
    void aConnectionTheServerEndsIsNotTheStatementsFailure() throws IOException {
        UserWorkload workload = UserWorkload.load(write("""
                statements:
                  - name: suicide
                    sql: SELECT pg_terminate_backend(pg_backend_pid())
                """), false);

        assertThatThrownBy(() -> workload.call(dataSource, new SplittableRandom(1)))
                .isInstanceOf(SQLException.class).isNotInstanceOf(StatementFailure.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57P01"));
    }

    @Test
    void theDocumentedExampleRunsAgainstTheTablesItNames() throws SQLException {
        UserWorkload workload = UserWorkload.load(WorkloadFileTest.EXAMPLE, false);
        workload.prepare(dataSource);
        assertThat(workload.preparedFailures()).isEmpty();

        Map<String, Long> calls = new HashMap<>();
        Map<String, Long> rows = new HashMap<>();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 300; i++) {
            UserWorkload.Executed call = workload.execute(dataSource, random);
            calls.merge(call.statement().name(), 1L, Long::sum);
            rows.merge(call.statement().name(), call.rows(), Long::sum);
        }
        assertThat(calls).as("every statement ran").hasSize(5);
        assertThat(rows.get("order by id")).as("every id drawn is an order's").isEqualTo(calls.get("order by id"));
        assertThat(rows.get("orders of a status in a price band")).as("count(*): one row a call")
                .isEqualTo(calls.get("orders of a status in a price band"));
    }

    /** The SINGLE pool's connection, borrowed again: autocommit, not read-only, no transaction open. */
    private void assertReturnedAsItCame() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("off");
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(c.isReadOnly()).isFalse();
            assertThat(c.unwrap(BaseConnection.class).getTransactionState()).isEqualTo(TransactionState.IDLE);
        }
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "workload", ".yaml"), yaml);
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-workload-admin"); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<String> row(String query) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-workload-admin"); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + SCHEMA);
            try (ResultSet rs = s.executeQuery(query)) {
                rs.next();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                return values;
            }
        }
    }

    private static List<String> column(String query) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-workload-admin"); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + SCHEMA);
            try (ResultSet rs = s.executeQuery(query)) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            }
        }
    }
}
