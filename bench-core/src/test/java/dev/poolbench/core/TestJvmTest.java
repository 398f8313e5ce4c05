package dev.poolbench.core;

import dev.poolbench.core.db.Database;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the build gives a test JVM. Surefire writes every system property of a test JVM into its XML
 * report, so the database password (given to Maven as {@code -Dbench.db.password}, in the user's
 * settings or as {@code BENCH_DB_PASSWORD}) must reach the tests through the environment, never as a
 * system property. CI's canary check runs the whole build with a known password and searches every
 * file; this says the same of one test JVM, where it happens.
 */
class TestJvmTest {

    @Test
    void theDatabasePasswordIsInNoSystemProperty() {
        Database db = TestDatabase.get();
        assertThat(db.password()).as("TestDatabase always sets one").isNotEmpty();

        Properties properties = System.getProperties();
        Map<String, String> holding = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (properties.getProperty(name).contains(db.password())) {
                holding.put(name, "(the password)");
            }
        }
        assertThat(holding).as("system properties that hold the database password").isEmpty();
    }
}
