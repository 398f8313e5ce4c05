package dev.poolbench.core.todo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The TODO workload's SQL, each statement written once for the two clients that send it: {@link TodoRepository}
 * (pgjdbc, {@code ?} parameters, {@link #jdbc()}) and the service's reactive store (vertx-pg-client,
 * PostgreSQL's own {@code $1, $2, ...}, {@link #numbered()}). Apart from the parameters the two texts are the same,
 * and so is the text of the native-ceiling reference's pgbench script ({@code :name} variables, {@link #pgbench}).
 *
 * <p>A statement is a template in which {@code ?} stands for a parameter and {@code ?int} for an int one.
 * vertx-pg-client sends a Java int as int4, so its text says {@code $n::int} and PostgreSQL converts the
 * value to the column's smallint (or LIMIT's bigint) itself; pgjdbc needs no cast and gets a plain {@code ?}.
 * Templates hold no other question mark.
 *
 * <p>Statements built from a {@link TodoFilter} or {@link TodoChanges} carry their {@link #arguments()} in
 * parameter order, so the order is decided here too; the fixed ones have none and their callers bind.
 */
public final class TodoSql {

    static final String COLUMNS = "id, title, description, priority, due_date, completed, created_at";
    private static final String INSERT_COLUMNS = " (title, description, priority, due_date)";
    private static final String ROW = "(?, ?, ?int, ?)";

    /** One row, nothing returned: {@link InsertMode#SINGLE} and {@link InsertMode#BATCH}. */
    public static final TodoSql INSERT = insert(1, false);
    /** {@code POST /api/todo}: one row, returned as stored. */
    public static final TodoSql INSERT_RETURNING = insert(1, true);
    /** {@code GET /api/todo/{id}}. */
    public static final TodoSql FIND = fixed("SELECT " + COLUMNS + " FROM " + TodoSchema.TABLE + " WHERE id = ?");
    /** {@code DELETE /api/todo/{id}}. */
    public static final TodoSql DELETE = fixed("DELETE FROM " + TodoSchema.TABLE + " WHERE id = ?");
    /** {@link InsertMode#COPY}: pgjdbc's copy API only. */
    public static final TodoSql COPY = fixed("COPY " + TodoSchema.TABLE + INSERT_COLUMNS + " FROM STDIN WITH (FORMAT csv)");

    private final String template;
    private final List<Object> arguments;

    private TodoSql(String template, List<Object> arguments) {
        this.template = template;
        this.arguments = Collections.unmodifiableList(arguments);
    }

    private static TodoSql fixed(String template) {
        return new TodoSql(template, List.of());
    }

    /**
     * A multi-row INSERT of {@code rows} rows, four parameters each (title, description, priority, due date),
     * with every inserted row {@code returning} or nothing.
     */
    public static TodoSql insert(int rows, boolean returning) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows = " + rows + ": an INSERT writes at least one row");
        }
        StringBuilder sql = new StringBuilder(60 + rows * (ROW.length() + 2))
                .append("INSERT INTO ").append(TodoSchema.TABLE).append(INSERT_COLUMNS).append(" VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        if (returning) {
            sql.append(" RETURNING ").append(COLUMNS);
        }
        return fixed(sql.toString());
    }

    /** {@code GET /api/todo?completed=&priority=&limit=&offset=}: newest first. */
    public static TodoSql list(TodoFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(TodoSchema.TABLE);
        List<Object> args = new ArrayList<>();
        String glue = " WHERE ";
        if (filter.completed().isPresent()) {
            sql.append(glue).append("completed = ?");
            args.add(filter.completed().get());
            glue = " AND ";
        }
        if (filter.priority().isPresent()) {
            sql.append(glue).append("priority = ?int");
            args.add(filter.priority().get());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?int OFFSET ?int");
        args.add(filter.limit());
        args.add(filter.offset());
        return new TodoSql(sql.toString(), args);
    }

    /**
     * {@code PUT /api/todo/{id}}: sets the fields {@code changes} has, returns the row. The arguments are their
     * values (a due date as a {@link java.time.LocalDate}), then {@code id}. {@code changes} must not be empty.
     */
    public static TodoSql update(long id, TodoChanges changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("an UPDATE needs at least one change");
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(TodoSchema.TABLE).append(" SET ");
        List<Object> args = new ArrayList<>();
        changes.title().ifPresent(v -> set(sql, args, "title = ?", v));
        changes.description().ifPresent(v -> set(sql, args, "description = ?", v));
        changes.priority().ifPresent(v -> set(sql, args, "priority = ?int", v));
        changes.dueDate().ifPresent(v -> set(sql, args, "due_date = ?", v));
        changes.completed().ifPresent(v -> set(sql, args, "completed = ?", v));
        sql.setLength(sql.length() - 2);
        sql.append(" WHERE id = ? RETURNING ").append(COLUMNS);
        args.add(id);
        return new TodoSql(sql.toString(), args);
    }

    private static void set(StringBuilder sql, List<Object> args, String assignment, Object value) {
        sql.append(assignment).append(", ");
        args.add(value);
    }

    /** The text pgjdbc prepares: every parameter a {@code ?}. */
    public String jdbc() {
        return render((n, isInt) -> "?");
    }

    /** The text vertx-pg-client prepares: {@code $1, $2, ...} in order, {@code $n::int} for an int parameter. */
    public String numbered() {
        return render((n, isInt) -> "$" + n + (isInt ? "::int" : ""));
    }

    /**
     * The text pgbench runs in a script: the parameters are the script's {@code variables}, in order
     * ({@code FIND.pgbench("id")} is {@code ... WHERE id = :id}).
     */
    public String pgbench(String... variables) {
        long parameters = template.chars().filter(c -> c == '?').count();
        if (variables.length != parameters) {
            throw new IllegalArgumentException(variables.length + " variables for " + parameters + " parameters: " + template);
        }
        return render((n, isInt) -> ":" + variables[n - 1]);
    }

    /** The values of the parameters in order; empty for the fixed statements, whose callers bind. */
    public List<Object> arguments() {
        return arguments;
    }

    /** How one client writes parameter {@code n} (from 1). */
    private interface Placeholder {
        String write(int n, boolean isInt);
    }

    private String render(Placeholder placeholder) {
        StringBuilder out = new StringBuilder(template.length() + template.length() / 4);
        int n = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '?') {
                out.append(c);
                continue;
            }
            boolean isInt = template.startsWith("int", i + 1);
            out.append(placeholder.write(++n, isInt));
            if (isInt) {
                i += 3;
            }
        }
        return out.toString();
    }

    /** The template, {@code ?} and {@code ?int} as written. */
    @Override
    public String toString() {
        return template;
    }
}
