package dev.poolbench.core.db;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.todo.TodoSchema;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HarnessSchemaTest {

    @Test
    void marksTheSchemaItCreatesAsItsOwn() throws SQLException {
        TestDatabase.emptyTodos();
        try (Connection c = TestDatabase.get().connect("pb-test-schema"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = 'poolbench'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(HarnessSchema.MARK);
        }
    }

    @Test
    void refusesToTouchAPoolbenchSchemaItDidNotCreate() throws SQLException {
        Database server = TestDatabase.get();
        String dbName = "pb_foreign_" + System.nanoTime();
        try (Connection c = server.connect("pb-test-schema"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + dbName);
        }
        String url = server.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + dbName + "$1");
        try (Database other = Databases.start(DatabaseSettings.external(url,
                server.user(), server.password()))) {
            try (Connection c = other.connect("pb-test-schema"); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA poolbench");
                s.execute("CREATE TABLE poolbench.todos (precious text)");
                s.execute("INSERT INTO poolbench.todos VALUES ('keep me')");
            }

            assertThatThrownBy(() -> new TodoSchema(other.connections("pb-test-schema")).create())
                    .isInstanceOf(HarnessSchema.ForeignSchemaException.class)
                    .hasMessage("a schema named 'poolbench' already exists in database '" + dbName + "' and was not created"
                            + " by poolbench; poolbench only works in a schema of its own, so it will not touch it."
                            + " Rename or drop that schema, or point poolbench at another database.");
            try (Connection c = other.connect("pb-test-schema")) {
                assertThatThrownBy(() -> HarnessSchema.drop(c)).hasMessage("refusing to drop schema 'poolbench': poolbench did not create it");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT precious FROM poolbench.todos")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("keep me");
                }
            }
        } finally {
            try (Connection c = server.connect("pb-test-schema"); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
            }
        }
    }
}
