package dev.poolbench.core.todo;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A row of the seeds' {@code todos} table. */
public record Todo(long id, String title, String description, int priority, LocalDate dueDate, boolean completed,
                   OffsetDateTime createdAt) {
}
