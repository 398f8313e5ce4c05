package dev.poolbench.core.todo;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A todo to be inserted (the seed's {@code TodoCreate}). The service validates user input against
 * {@link #MAX_TITLE} and {@link #MIN_PRIORITY}..{@link #MAX_PRIORITY}; the table's constraints
 * enforce the same.
 */
public record NewTodo(String title, String description, int priority, LocalDate dueDate) {

    public static final int MAX_TITLE = 255;
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 5;
    public static final int DEFAULT_PRIORITY = 3;

    public NewTodo {
        Objects.requireNonNull(title, "title");
    }

    public static NewTodo titled(String title) {
        return new NewTodo(title, null, DEFAULT_PRIORITY, null);
    }
}
