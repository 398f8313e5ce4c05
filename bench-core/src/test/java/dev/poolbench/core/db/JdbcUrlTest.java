package dev.poolbench.core.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUrlTest {

    @Test
    void readsHostPortDatabaseAndParameters() {
        assertThat(JdbcUrl.parse("jdbc:postgresql://db.example.com:6543/app?sslmode=require"))
                .isEqualTo(new JdbcUrl("db.example.com", 6543, "app", "?sslmode=require"));
        assertThat(JdbcUrl.parse("jdbc:postgresql://localhost/app")).isEqualTo(new JdbcUrl("localhost", 5432, "app", ""));
        assertThat(JdbcUrl.parse("jdbc:postgresql://[::1]:5433/x").host()).isEqualTo("::1");
        assertThat(JdbcUrl.parse("jdbc:postgresql://h:1/db?a=b").withHostAndPort("127.0.0.1", 9))
                .isEqualTo("jdbc:postgresql://127.0.0.1:9/db?a=b");
    }

    @Test
    void refusesMultiHostUrlsWithoutShowingAPassword() {
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://a:1,b:2/db?password=hunter2"))
                .hasMessage("expected a single-host URL like jdbc:postgresql://host:5432/db, not jdbc:postgresql://a:1,b:2/db?password=*****");
    }
}
