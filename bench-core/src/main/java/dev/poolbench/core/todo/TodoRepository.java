package dev.poolbench.core.todo;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The seeds' TODO data layer ({@code todo_repository.py}) over any {@link DataSource}, usually a pool.
 * Every call borrows one connection and gives it back before returning, as the seed's
 * "open/close per operation" code does; {@link Transactions} says how its statements are wrapped
 * (one autocommit statement, or a SQLAlchemy session's BEGIN, statement, COMMIT or ROLLBACK).
 */
public final class TodoRepository {

    // the statements are TodoSql's, rendered once with pgjdbc's ? parameters
    static final String INSERT = TodoSql.INSERT.jdbc();
    static final String INSERT_RETURNING = TodoSql.INSERT_RETURNING.jdbc();
    static final String FIND = TodoSql.FIND.jdbc();
    static final String DELETE = TodoSql.DELETE.jdbc();
    static final String COPY = TodoSql.COPY.jdbc();

    /** Rows per multi-row INSERT: 4 parameters a row stays far below PostgreSQL's 65535-parameter limit. */
    static final int MULTIROW_CHUNK = 5_000;

    private final DataSource dataSource;
    private final Transactions transactions;

    /** Each statement on its own, in autocommit ({@link Transactions#AUTOCOMMIT}). */
    public TodoRepository(DataSource dataSource) {
        this(dataSource, Transactions.AUTOCOMMIT);
    }

    public TodoRepository(DataSource dataSource, Transactions transactions) {
        this.dataSource = dataSource;
        this.transactions = java.util.Objects.requireNonNull(transactions, "transactions");
    }

    public Transactions transactions() {
        return transactions;
    }

    /** {@code POST /api/todo}: one row, returned as stored. */
    public Todo insert(NewTodo todo) throws SQLException {
        return writing(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_RETURNING)) {
                bind(ps, 1, todo);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return read(rs);
                }
            }
        });
    }

    /** Writes {@code todos} in one transaction the way {@code mode} says; returns the rows written. */
    public int insertAll(List<NewTodo> todos, InsertMode mode) throws SQLException {
        if (todos.isEmpty()) {
            return 0;
        }
        return inTransaction(c -> {
            switch (mode) {
                case SINGLE: return insertOneByOne(c, todos);
                case BATCH: return insertBatch(c, todos);
                case MULTIROW: return insertMultiRow(c, todos, false, null);
                case COPY: return insertCopy(c, todos);
                default: throw new IllegalStateException("unreachable: " + mode);
            }
        });
    }

    /** {@code POST /api/todo/bulk} (seed 001's bulk endpoint): multi-row INSERT ... RETURNING, one transaction. */
    public List<Todo> insertAllReturning(List<NewTodo> todos) throws SQLException {
        List<Todo> created = new ArrayList<>(todos.size());
        if (todos.isEmpty()) {
            return created;
        }
        inTransaction(c -> insertMultiRow(c, todos, true, created));
        return created;
    }

    /** {@code GET /api/todo/{id}}: the primary-key lookup the Query benchmark times. */
    public Optional<Todo> find(long id) throws SQLException {
        return reading(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** {@code GET /api/todo?completed=&priority=&limit=&offset=}: newest first. */
    public List<Todo> list(TodoFilter filter) throws SQLException {
        TodoSql sql = TodoSql.list(filter);
        return reading(c -> {
            List<Todo> todos = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                bindAll(ps, sql.arguments());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        todos.add(read(rs));
                    }
                }
            }
            return todos;
        });
    }

    /** {@code PUT /api/todo/{id}}: changes the given fields; empty when there is no such todo. */
    public Optional<Todo> update(long id, TodoChanges changes) throws SQLException {
        if (changes.isEmpty()) {
            return find(id);
        }
        TodoSql sql = TodoSql.update(id, changes);
        return writing(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                bindAll(ps, sql.arguments());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** {@code DELETE /api/todo/{id}}: true when a row went. */
    public boolean delete(long id) throws SQLException {
        return writing(c -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** {@code work} as a read on one borrowed connection ({@link Transactions#read}), e.g. a health query. */
    public <T> T reading(Transactions.Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return transactions.read(c, work);
        }
    }

    private <T> T writing(Transactions.Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return transactions.write(c, work);
        }
    }

    /**
     * Runs {@code work}, several statements, in one transaction: committed if it returns, rolled back if it throws.
     * In a session that is the session's own BEGIN ... COMMIT; in autocommit, pgjdbc's (its BEGIN goes with the
     * first statement).
     */
    private <T> T inTransaction(Transactions.Work<T> work) throws SQLException {
        if (transactions == Transactions.SESSION) {
            return writing(work);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static int insertOneByOne(Connection c, List<NewTodo> todos) throws SQLException {
        int written = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (NewTodo todo : todos) {
                bind(ps, 1, todo);
                written += ps.executeUpdate();
            }
        }
        return written;
    }

    private static int insertBatch(Connection c, List<NewTodo> todos) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (NewTodo todo : todos) {
                bind(ps, 1, todo);
                ps.addBatch();
            }
            int written = 0;
            for (int count : ps.executeBatch()) {
                // with reWriteBatchedInserts pgjdbc reports SUCCESS_NO_INFO (-2) per row
                written += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : count;
            }
            return written;
        }
    }

    private static int insertMultiRow(Connection c, List<NewTodo> todos, boolean returning, List<Todo> created)
            throws SQLException {
        int written = 0;
        for (int from = 0; from < todos.size(); from += MULTIROW_CHUNK) {
            List<NewTodo> chunk = todos.subList(from, Math.min(todos.size(), from + MULTIROW_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(TodoSql.insert(chunk.size(), returning).jdbc())) {
                int index = 1;
                for (NewTodo todo : chunk) {
                    index = bind(ps, index, todo);
                }
                if (returning) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            created.add(read(rs));
                            written++;
                        }
                    }
                } else {
                    written += ps.executeUpdate();
                }
            }
        }
        return written;
    }

    private static int insertCopy(Connection c, List<NewTodo> todos) throws SQLException {
        StringBuilder csv = new StringBuilder(todos.size() * 100);
        for (NewTodo todo : todos) {
            csvField(csv, todo.title()).append(',');
            csvField(csv, todo.description()).append(',');
            csv.append(todo.priority()).append(',');
            if (todo.dueDate() != null) {
                csv.append(todo.dueDate());
            }
            csv.append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            return (int) copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A CSV field: quoted, quotes doubled; null stays an unquoted empty field, which COPY reads as NULL. */
    private static StringBuilder csvField(StringBuilder csv, String value) {
        if (value == null) {
            return csv;
        }
        return csv.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /** {@link TodoSql}'s arguments in order, a {@link LocalDate} as a {@link Date} like {@link #bind}'s due dates. */
    private static void bindAll(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object value = args.get(i);
            ps.setObject(i + 1, value instanceof LocalDate date ? Date.valueOf(date) : value);
        }
    }

    private static int bind(PreparedStatement ps, int index, NewTodo todo) throws SQLException {
        ps.setString(index, todo.title());
        ps.setString(index + 1, todo.description());
        ps.setInt(index + 2, todo.priority());
        if (todo.dueDate() == null) {
            ps.setNull(index + 3, Types.DATE);
        } else {
            ps.setDate(index + 3, Date.valueOf(todo.dueDate()));
        }
        return index + 4;
    }

    private static Todo read(ResultSet rs) throws SQLException {
        Date due = rs.getDate("due_date");
        return new Todo(rs.getLong("id"), rs.getString("title"), rs.getString("description"), rs.getInt("priority"),
                due == null ? null : due.toLocalDate(), rs.getBoolean("completed"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
