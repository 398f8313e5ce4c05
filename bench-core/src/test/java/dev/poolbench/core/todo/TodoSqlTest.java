package dev.poolbench.core.todo;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every TODO statement as pgjdbc and vertx-pg-client are sent it, word for word: the texts TodoRepository and
 * the service's reactive store wrote each for themselves before TodoSql.
 */
class TodoSqlTest {

    private static final String COLUMNS = "id, title, description, priority, due_date, completed, created_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM poolbench.todos";
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";

    @Test
    void theFixedStatements() {
        assertRenders(TodoSql.INSERT,
                "INSERT INTO poolbench.todos (title, description, priority, due_date) VALUES (?, ?, ?, ?)",
                "INSERT INTO poolbench.todos (title, description, priority, due_date) VALUES ($1, $2, $3::int, $4)");
        assertRenders(TodoSql.INSERT_RETURNING,
                "INSERT INTO poolbench.todos (title, description, priority, due_date) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS,
                "INSERT INTO poolbench.todos (title, description, priority, due_date) VALUES ($1, $2, $3::int, $4) RETURNING "
                        + COLUMNS);
        assertRenders(TodoSql.FIND, SELECT + " WHERE id = ?", SELECT + " WHERE id = $1");
        assertRenders(TodoSql.DELETE, "DELETE FROM poolbench.todos WHERE id = ?", "DELETE FROM poolbench.todos WHERE id = $1");
        assertRenders(TodoSql.COPY,
                "COPY poolbench.todos (title, description, priority, due_date) FROM STDIN WITH (FORMAT csv)",
                "COPY poolbench.todos (title, description, priority, due_date) FROM STDIN WITH (FORMAT csv)");
        for (TodoSql fixed : List.of(TodoSql.INSERT, TodoSql.INSERT_RETURNING, TodoSql.FIND, TodoSql.DELETE, TodoSql.COPY)) {
            assertThat(fixed.arguments()).as(fixed.toString()).isEmpty();
        }
    }

    @Test
    void multiRowInsertsNumberEveryRowsParametersOnFromTheLastRow() {
        String insert = "INSERT INTO poolbench.todos (title, description, priority, due_date) VALUES ";
        assertRenders(TodoSql.insert(3, false),
                insert + "(?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)",
                insert + "($1, $2, $3::int, $4), ($5, $6, $7::int, $8), ($9, $10, $11::int, $12)");
        assertRenders(TodoSql.insert(2, true),
                insert + "(?, ?, ?, ?), (?, ?, ?, ?) RETURNING " + COLUMNS,
                insert + "($1, $2, $3::int, $4), ($5, $6, $7::int, $8) RETURNING " + COLUMNS);
        assertThat(TodoSql.insert(1, false).jdbc()).isEqualTo(TodoSql.INSERT.jdbc());
        assertThat(TodoSql.insert(1, true).numbered()).isEqualTo(TodoSql.INSERT_RETURNING.numbered());

        String big = TodoSql.insert(TodoRepository.MULTIROW_CHUNK, true).numbered();
        assertThat(big).contains(", ($19997, $19998, $19999::int, $20000) RETURNING ");
        assertThat(TodoSql.insert(TodoRepository.MULTIROW_CHUNK, false).jdbc())
                .hasSize(insert.length() + TodoRepository.MULTIROW_CHUNK * "(?, ?, ?, ?), ".length() - 2);
        assertThatThrownBy(() -> TodoSql.insert(0, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theListQueryForEveryFilter() {
        assertRenders(TodoSql.list(TodoFilter.all()),
                SELECT + NEWEST_FIRST + " LIMIT ? OFFSET ?",
                SELECT + NEWEST_FIRST + " LIMIT $1::int OFFSET $2::int");
        assertRenders(TodoSql.list(TodoFilter.of(true, null, 20, 40)),
                SELECT + " WHERE completed = ?" + NEWEST_FIRST + " LIMIT ? OFFSET ?",
                SELECT + " WHERE completed = $1" + NEWEST_FIRST + " LIMIT $2::int OFFSET $3::int");
        assertRenders(TodoSql.list(TodoFilter.of(null, 4, 20, 40)),
                SELECT + " WHERE priority = ?" + NEWEST_FIRST + " LIMIT ? OFFSET ?",
                SELECT + " WHERE priority = $1::int" + NEWEST_FIRST + " LIMIT $2::int OFFSET $3::int");
        assertRenders(TodoSql.list(TodoFilter.of(false, 2, 20, 40)),
                SELECT + " WHERE completed = ? AND priority = ?" + NEWEST_FIRST + " LIMIT ? OFFSET ?",
                SELECT + " WHERE completed = $1 AND priority = $2::int" + NEWEST_FIRST + " LIMIT $3::int OFFSET $4::int");

        assertThat(TodoSql.list(TodoFilter.all()).arguments()).containsExactly(TodoFilter.DEFAULT_LIMIT, 0);
        assertThat(TodoSql.list(TodoFilter.of(true, null, 20, 40)).arguments()).containsExactly(true, 20, 40);
        assertThat(TodoSql.list(TodoFilter.of(null, 4, 20, 40)).arguments()).containsExactly(4, 20, 40);
        assertThat(TodoSql.list(TodoFilter.of(false, 2, 20, 40)).arguments()).containsExactly(false, 2, 20, 40);
    }

    @Test
    void theUpdateForEachFieldAndForAll() {
        String update = "UPDATE poolbench.todos SET ";
        String tail = " RETURNING " + COLUMNS;
        assertRenders(TodoSql.update(7, TodoChanges.none().title("t")),
                update + "title = ? WHERE id = ?" + tail, update + "title = $1 WHERE id = $2" + tail);
        assertRenders(TodoSql.update(7, TodoChanges.none().priority(5)),
                update + "priority = ? WHERE id = ?" + tail, update + "priority = $1::int WHERE id = $2" + tail);
        assertRenders(TodoSql.update(7, TodoChanges.none().completed(true)),
                update + "completed = ? WHERE id = ?" + tail, update + "completed = $1 WHERE id = $2" + tail);
        LocalDate due = LocalDate.of(2026, 12, 1);
        TodoChanges dueOnly = new TodoChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(due),
                Optional.empty());
        assertRenders(TodoSql.update(7, dueOnly),
                update + "due_date = ? WHERE id = ?" + tail, update + "due_date = $1 WHERE id = $2" + tail);

        TodoChanges all = new TodoChanges(Optional.of("t"), Optional.of("d"), Optional.of(2), Optional.of(due),
                Optional.of(false));
        TodoSql sql = TodoSql.update(7, all);
        assertRenders(sql,
                update + "title = ?, description = ?, priority = ?, due_date = ?, completed = ? WHERE id = ?" + tail,
                update + "title = $1, description = $2, priority = $3::int, due_date = $4, completed = $5 WHERE id = $6" + tail);
        assertThat(sql.arguments()).containsExactly("t", "d", 2, due, false, 7L);
        assertThat(TodoSql.update(7, TodoChanges.none().completed(true).priority(5)).arguments()).containsExactly(5, true, 7L);

        assertThatThrownBy(() -> TodoSql.update(7, TodoChanges.none())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePgbenchScriptsSelectIsQuerysWithItsVariables() {
        assertThat(TodoSql.FIND.pgbench("id")).isEqualTo(SELECT + " WHERE id = :id");
        assertThat(TodoSql.INSERT.pgbench("t", "d", "p", "due"))
                .isEqualTo("INSERT INTO poolbench.todos (title, description, priority, due_date) VALUES (:t, :d, :p, :due)");
        assertThatThrownBy(() -> TodoSql.FIND.pgbench()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TodoSql.FIND.pgbench("id", "more")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Both texts as given, the same apart from the parameters, as many parameters as arguments where there are any. */
    private static void assertRenders(TodoSql sql, String jdbc, String numbered) {
        assertThat(sql.jdbc()).as("pgjdbc's text of " + sql).isEqualTo(jdbc);
        assertThat(sql.numbered()).as("vertx-pg-client's text of " + sql).isEqualTo(numbered);
        assertThat(numbered.replaceAll("\\$\\d+(::int)?", "?")).isEqualTo(jdbc);
        List<Integer> numbers = new ArrayList<>();
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(numbered);
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        assertThat(numbers).as("numbered 1, 2, ... in order").isEqualTo(
                IntStream.rangeClosed(1, (int) jdbc.chars().filter(c -> c == '?').count()).boxed().toList());
        if (!sql.arguments().isEmpty()) {
            assertThat(sql.arguments()).hasSameSizeAs(numbers);
        }
    }
}
