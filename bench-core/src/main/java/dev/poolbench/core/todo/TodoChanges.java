package dev.poolbench.core.todo;

import java.time.LocalDate;
import java.util.Optional;

/** A partial update (the seed's {@code PUT /api/todo/{id}}): absent fields are left as they are. */
public record TodoChanges(Optional<String> title, Optional<String> description, Optional<Integer> priority,
                          Optional<LocalDate> dueDate, Optional<Boolean> completed) {

    public static TodoChanges none() {
        return new TodoChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public TodoChanges completed(boolean value) {
        return new TodoChanges(title, description, priority, dueDate, Optional.of(value));
    }

    public TodoChanges title(String value) {
        return new TodoChanges(Optional.of(value), description, priority, dueDate, completed);
    }

    public TodoChanges priority(int value) {
        return new TodoChanges(title, description, Optional.of(value), dueDate, completed);
    }

    public boolean isEmpty() {
        return title.isEmpty() && description.isEmpty() && priority.isEmpty() && dueDate.isEmpty() && completed.isEmpty();
    }
}
