package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.todo.TodoSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad request gets its promised status and a JSON error naming the problem, and nothing reaches the table. */
class BadInputTest {

    private static RunningService running;
    private static long existing;

    @BeforeAll
    static void start() throws Exception {
        running = RunningService.start(RunningService.options(Execution.WORKER), 0);
        existing = running.http.post("/api/todo", "{\"title\":\"the one todo\"}").json().getLong("id");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        POST   | /api/todo          | {"title":                        | 400 | malformed JSON: Failed to decode:Unexpected end-of-input within/between Object entries
        POST   | /api/todo          | not json                         | 400 | malformed JSON: Failed to decode:Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
        POST   | /api/todo          |                                  | 400 | the body is empty: send a JSON todo
        POST   | /api/todo          | [1, 2]                           | 422 | the body must be a JSON object, not an array
        POST   | /api/todo          | {"priority": 2}                  | 422 | title is required
        POST   | /api/todo          | {"title": null}                  | 422 | title is required
        POST   | /api/todo          | {"title": "   "}                 | 422 | title must not be blank
        POST   | /api/todo          | {"title": 42}                    | 422 | title = 42 is not accepted: a string of 1 to 255 characters
        POST   | /api/todo          | {"title": "x", "priority": 0}    | 422 | priority = 0 is not accepted: a whole number from 1 to 5
        POST   | /api/todo          | {"title": "x", "priority": 6}    | 422 | priority = 6 is not accepted: a whole number from 1 to 5
        POST   | /api/todo          | {"title": "x", "priority": 2.5}  | 422 | priority = 2.5 is not accepted: a whole number from 1 to 5
        POST   | /api/todo          | {"title": "x", "priority": "3"}  | 422 | priority = '3' is not accepted: a whole number from 1 to 5
        POST   | /api/todo          | {"title": "x", "due_date": "someday"} | 422 | due_date = 'someday' is not accepted: a date like 2026-12-31, or null
        POST   | /api/todo          | {"title": "x", "description": 7} | 422 | description = 7 is not accepted: a string or null
        POST   | /api/todo/bulk     | {"title": "x"}                   | 422 | the body must be a JSON array of todos, not an object
        POST   | /api/todo/bulk     | []                               | 422 | a bulk request takes 1 to 1000 todos, not 0
        POST   | /api/todo/bulk     | [{"title": "a"}, {"priority": 9}] | 422 | todos[1].title is required
        POST   | /api/todo/bulk     | [{"title": "a"}, "b"]            | 422 | todos[1] must be a JSON object, not a string
        GET    | /api/todo/abc      |                                  | 400 | id = 'abc' is not accepted: a whole number from 1 to 9223372036854775807
        GET    | /api/todo/-1       |                                  | 400 | id = '-1' is not accepted: a whole number from 1 to 9223372036854775807
        GET    | /api/todo/99999999 |                                  | 404 | todo 99999999 not found
        PUT    | /api/todo/99999999 | {"completed": true}              | 404 | todo 99999999 not found
        DELETE | /api/todo/99999999 |                                  | 404 | todo 99999999 not found
        PUT    | /api/todo/abc      | {"completed": true}              | 400 | id = 'abc' is not accepted: a whole number from 1 to 9223372036854775807
        DELETE | /api/todo/1.5      |                                  | 400 | id = '1.5' is not accepted: a whole number from 1 to 9223372036854775807
        GET    | /api/todo?completed=maybe |                           | 400 | completed = 'maybe' is not accepted: true or false
        GET    | /api/todo?priority=9 |                                | 400 | priority = '9' is not accepted: a whole number from 1 to 5
        GET    | /api/todo?limit=0  |                                  | 400 | limit = '0' is not accepted: a whole number from 1 to 1000
        GET    | /api/todo?limit=5000 |                                | 400 | limit = '5000' is not accepted: a whole number from 1 to 1000
        GET    | /api/todo?offset=-3 |                                 | 400 | offset = '-3' is not accepted: a whole number from 0 to 2147483647
        GET    | /api/nothing       |                                  | 404 | no such endpoint: GET /api/nothing
        PATCH  | /api/todo/1        | {}                               | 405 | PATCH is not allowed on /api/todo/1
        """)
    void aBadRequestGetsItsStatusAndMessage(String method, String path, String body, int status, String message) throws Exception {
        long rowsBefore = rows();

        Http.Response response = running.http.send(method, path, body);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.error()).isEqualTo(message);
        assertThat(rows()).as("nothing was written").isEqualTo(rowsBefore);
    }

    @ParameterizedTest(name = "PUT {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        {}                      | nothing to update: give at least one of title, description, priority, due_date, completed
        {"completed": "yes"}    | completed = 'yes' is not accepted: true or false
        {"priority": 10}        | priority = 10 is not accepted: a whole number from 1 to 5
        {"title": ""}           | title must not be blank
        """)
    void aBadUpdateIsRefusedAndTheTodoStaysAsItWas(String body, String message) throws Exception {
        Http.Response response = running.http.put("/api/todo/" + existing, body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.error()).isEqualTo(message);
        assertThat(CrudCycle.row(existing)).isEqualTo("the one todo|3|false");
    }

    @ParameterizedTest(name = "title of {0} characters -> {1}")
    @CsvSource({"255, 201", "256, 422", "300, 422"})
    void titlesUpTo255CharactersAreAccepted(int length, int status) {
        Http.Response response = running.http.post("/api/todo", "{\"title\":\"" + "t".repeat(length) + "\"}");

        assertThat(response.status()).isEqualTo(status);
        if (status == 422) {
            assertThat(response.error()).isEqualTo("title is " + length + " characters long; at most 255 are accepted");
        } else {
            assertThat(response.json().getString("title")).hasSize(255);
        }
    }

    @ParameterizedTest(name = "{0} todos in one bulk request -> {1}")
    @CsvSource({"1000, 201", "1001, 422"})
    void aBulkRequestTakesAtMost1000Todos(int count, int status) throws Exception {
        long rowsBefore = rows();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"title\":\"bulk ").append(i).append("\"}");
        }
        Http.Response response = running.http.post("/api/todo/bulk", body.append(']').toString());

        assertThat(response.status()).isEqualTo(status);
        if (status == 422) {
            assertThat(response.error()).isEqualTo("a bulk request takes 1 to 1000 todos, not 1001");
            assertThat(rows()).isEqualTo(rowsBefore);
        } else {
            assertThat(response.array().size()).isEqualTo(count);
            assertThat(rows()).isEqualTo(rowsBefore + count);
        }
    }

    private static long rows() throws Exception {
        return new TodoSchema(TestDatabase.get().connections("pb-test-check")).count();
    }
}
