package dev.poolbench.core.todo;

import java.util.Optional;

/**
 * The seed's list query: {@code GET /api/todo?completed=&priority=&limit=&offset=}, newest first.
 * This is the query seed 001's indexes (completed, priority, created_at, (completed, priority)) exist for.
 */
public record TodoFilter(Optional<Boolean> completed, Optional<Integer> priority, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public TodoFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit = " + limit + " is not accepted: a whole number from 1 to " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset = " + offset + " is not accepted: zero or more");
        }
    }

    public static TodoFilter all() {
        return new TodoFilter(Optional.empty(), Optional.empty(), DEFAULT_LIMIT, 0);
    }

    public static TodoFilter of(Boolean completed, Integer priority, int limit, int offset) {
        return new TodoFilter(Optional.ofNullable(completed), Optional.ofNullable(priority), limit, offset);
    }
}
