package dev.poolbench.core.todo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible todos, the same ones for the same seed: priorities 1-5 evenly, about 30% completed,
 * created over the past year, four in five with a due date.
 */
public final class TodoGenerator {

    private static final String[] VERBS = {"Review", "Fix", "Write", "Plan", "Call", "Update", "Test", "Deploy", "Email", "Refactor"};
    private static final String[] THINGS = {"invoice", "release notes", "pool settings", "dashboard", "migration",
            "onboarding doc", "load test", "customer ticket", "backup job", "index plan"};
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final SplittableRandom random;

    public TodoGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public NewTodo next(int n) {
        return new NewTodo(title(n), description(n), priority(), dueDate());
    }

    public List<NewTodo> next(int count, int firstNumber) {
        List<NewTodo> todos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            todos.add(next(firstNumber + i));
        }
        return todos;
    }

    /** One CSV line for COPY: title, description, priority, due_date, completed, created_at. */
    void appendSeedRow(StringBuilder csv, int n) {
        NewTodo todo = next(n);
        csv.append(todo.title()).append(',')
                .append('"').append(todo.description()).append('"').append(',')
                .append(todo.priority()).append(',');
        if (todo.dueDate() != null) {
            csv.append(todo.dueDate());
        }
        csv.append(',').append(random.nextInt(10) < 3 ? 't' : 'f').append(',')
                .append(EPOCH.minusSeconds(random.nextLong(365L * 24 * 3600))).append('\n');
    }

    private String title(int n) {
        return VERBS[random.nextInt(VERBS.length)] + " " + THINGS[random.nextInt(THINGS.length)] + " #" + n;
    }

    private String description(int n) {
        return "Generated todo " + n + ": follow up with the team, write down what changed and why.";
    }

    private int priority() {
        return NewTodo.MIN_PRIORITY + random.nextInt(NewTodo.MAX_PRIORITY - NewTodo.MIN_PRIORITY + 1);
    }

    private LocalDate dueDate() {
        return random.nextInt(5) == 0 ? null : EPOCH.toLocalDate().plusDays(random.nextInt(-60, 120));
    }
}
