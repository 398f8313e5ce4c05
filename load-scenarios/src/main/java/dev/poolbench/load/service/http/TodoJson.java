package dev.poolbench.load.service.http;

import dev.poolbench.core.todo.NewTodo;
import dev.poolbench.core.todo.Todo;
import dev.poolbench.core.todo.TodoChanges;
import dev.poolbench.core.todo.TodoFilter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API's JSON, both ways, in the seed's field names ({@code due_date}, {@code created_at}), and
 * every check on what a client sends. Each refusal names the field, the value and what is accepted.
 */
final class TodoJson {

    /** Todos per {@code POST /api/todo/bulk}: one multi-row INSERT of 1000 rows binds 4000 parameters. */
    static final int MAX_BULK = 1000;

    private TodoJson() {
    }

    static JsonObject write(Todo todo) {
        return new JsonObject()
                .put("id", todo.id())
                .put("title", todo.title())
                .put("description", todo.description())
                .put("priority", todo.priority())
                .put("due_date", todo.dueDate() == null ? null : todo.dueDate().toString())
                .put("completed", todo.completed())
                .put("created_at", todo.createdAt() == null ? null : todo.createdAt().toString());
    }

    static JsonArray write(List<Todo> todos) {
        JsonArray array = new JsonArray();
        todos.forEach(todo -> array.add(write(todo)));
        return array;
    }

    /** The body of {@code POST /api/todo}. */
    static NewTodo newTodo(Buffer body) {
        return newTodo(object(parse(body), "the body"), "");
    }

    /** The body of {@code POST /api/todo/bulk}: a JSON array of 1 to {@value #MAX_BULK} todos. */
    static List<NewTodo> newTodos(Buffer body) {
        Object json = parse(body);
        if (!(json instanceof JsonArray)) {
            throw ApiError.invalid("the body must be a JSON array of todos, not " + kind(json));
        }
        JsonArray array = (JsonArray) json;
        if (array.isEmpty() || array.size() > MAX_BULK) {
            throw ApiError.invalid("a bulk request takes 1 to " + MAX_BULK + " todos, not " + array.size());
        }
        List<NewTodo> todos = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String where = "todos[" + i + "]";
            todos.add(newTodo(object(array.getValue(i), where), where + "."));
        }
        return todos;
    }

    /** The body of {@code PUT /api/todo/{id}}: the fields to change, at least one. */
    static TodoChanges changes(Buffer body) {
        JsonObject json = object(parse(body), "the body");
        Optional<String> title = json.containsKey("title") ? Optional.of(title(json, "")) : Optional.empty();
        Optional<String> description = json.containsKey("description")
                ? Optional.ofNullable(string(json, "description", "")) : Optional.empty();
        Optional<Integer> priority = json.containsKey("priority") ? Optional.of(priority(json, "")) : Optional.empty();
        Optional<LocalDate> dueDate = json.containsKey("due_date") ? Optional.ofNullable(dueDate(json, "")) : Optional.empty();
        Optional<Boolean> completed = Optional.empty();
        if (json.containsKey("completed")) {
            Object value = json.getValue("completed");
            if (!(value instanceof Boolean)) {
                throw ApiError.invalid("completed = " + show(value) + " is not accepted: true or false");
            }
            completed = Optional.of((Boolean) value);
        }
        TodoChanges changes = new TodoChanges(title, description, priority, dueDate, completed);
        if (changes.isEmpty()) {
            throw ApiError.invalid("nothing to update: give at least one of title, description, priority, due_date, completed");
        }
        return changes;
    }

    /** A path's {@code {id}}. */
    static long id(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.badRequest("id = '" + raw + "' is not accepted: a whole number from 1 to " + Long.MAX_VALUE);
    }

    /** {@code ?completed=&priority=&limit=&offset=}. */
    static TodoFilter filter(MultiMap query) {
        Boolean completed = null;
        String c = query.get("completed");
        if (c != null) {
            if (!c.equals("true") && !c.equals("false")) {
                throw ApiError.badRequest("completed = '" + c + "' is not accepted: true or false");
            }
            completed = Boolean.valueOf(c);
        }
        Integer priority = query.get("priority") == null ? null
                : queryInt(query, "priority", NewTodo.MIN_PRIORITY, NewTodo.MAX_PRIORITY, 0);
        int limit = queryInt(query, "limit", 1, TodoFilter.MAX_LIMIT, TodoFilter.DEFAULT_LIMIT);
        int offset = queryInt(query, "offset", 0, Integer.MAX_VALUE, 0);
        return TodoFilter.of(completed, priority, limit, offset);
    }

    private static NewTodo newTodo(JsonObject json, String where) {
        if (!json.containsKey("title") || json.getValue("title") == null) {
            throw ApiError.invalid(where + "title is required");
        }
        String title = title(json, where);
        String description = string(json, "description", where);
        int priority = json.containsKey("priority") && json.getValue("priority") != null
                ? priority(json, where) : NewTodo.DEFAULT_PRIORITY;
        return new NewTodo(title, description, priority, dueDate(json, where));
    }

    private static String title(JsonObject json, String where) {
        Object value = json.getValue("title");
        if (!(value instanceof String)) {
            throw ApiError.invalid(where + "title = " + show(value) + " is not accepted: a string of 1 to "
                    + NewTodo.MAX_TITLE + " characters");
        }
        String title = (String) value;
        if (title.isBlank()) {
            throw ApiError.invalid(where + "title must not be blank");
        }
        int length = title.codePointCount(0, title.length());
        if (length > NewTodo.MAX_TITLE) {
            throw ApiError.invalid(where + "title is " + length + " characters long; at most " + NewTodo.MAX_TITLE
                    + " are accepted");
        }
        return title;
    }

    private static String string(JsonObject json, String field, String where) {
        Object value = json.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw ApiError.invalid(where + field + " = " + show(value) + " is not accepted: a string or null");
        }
        return (String) value;
    }

    private static int priority(JsonObject json, String where) {
        Object value = json.getValue("priority");
        if (value instanceof Integer || value instanceof Long) {
            long p = ((Number) value).longValue();
            if (p >= NewTodo.MIN_PRIORITY && p <= NewTodo.MAX_PRIORITY) {
                return (int) p;
            }
        }
        throw ApiError.invalid(where + "priority = " + show(value) + " is not accepted: a whole number from "
                + NewTodo.MIN_PRIORITY + " to " + NewTodo.MAX_PRIORITY);
    }

    private static LocalDate dueDate(JsonObject json, String where) {
        Object value = json.getValue("due_date");
        if (value == null) {
            return null;
        }
        if (value instanceof String) {
            try {
                return LocalDate.parse((String) value);
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        throw ApiError.invalid(where + "due_date = " + show(value) + " is not accepted: a date like 2026-12-31, or null");
    }

    private static int queryInt(MultiMap query, String name, int min, int max, int defaultValue) {
        String raw = query.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.badRequest(name + " = '" + raw + "' is not accepted: a whole number from " + min + " to " + max);
    }

    private static Object parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw ApiError.badRequest("the body is empty: send a JSON todo");
        }
        try {
            return Json.decodeValue(body);
        } catch (DecodeException e) {
            throw ApiError.badRequest("malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    private static JsonObject object(Object json, String what) {
        if (!(json instanceof JsonObject)) {
            throw ApiError.invalid(what + " must be a JSON object, not " + kind(json));
        }
        return (JsonObject) json;
    }

    private static String kind(Object json) {
        if (json == null) {
            return "null";
        }
        if (json instanceof JsonArray) {
            return "an array";
        }
        if (json instanceof String) {
            return "a string";
        }
        if (json instanceof Number) {
            return "a number";
        }
        if (json instanceof Boolean) {
            return "a boolean";
        }
        return "an object";
    }

    private static String show(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
