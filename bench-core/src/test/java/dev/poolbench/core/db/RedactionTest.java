package dev.poolbench.core.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void masksPasswordsInEveryPlaceAJdbcUrlCanCarryThem() {
        assertThat(Redaction.jdbcUrl("jdbc:postgresql://app:hunter2@db:5432/x"))
                .isEqualTo("jdbc:postgresql://app:*****@db:5432/x");
        assertThat(Redaction.jdbcUrl("jdbc:postgresql://db/x?user=app&password=hunter2"))
                .isEqualTo("jdbc:postgresql://db/x?user=app&password=*****");
        assertThat(Redaction.jdbcUrl("jdbc:postgresql://db/x?PASSWORD=hunter2&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db/x?PASSWORD=*****&sslmode=require");
        assertThat(Redaction.jdbcUrl("jdbc:postgresql://db/x?sslpassword=k3y"))
                .isEqualTo("jdbc:postgresql://db/x?sslpassword=*****");
        assertThat(Redaction.jdbcUrl("jdbc:postgresql://db:5432/x")).isEqualTo("jdbc:postgresql://db:5432/x");
    }

    @Test
    void masksASecretWhereverAMessageQuotesIt() {
        assertThat(Redaction.mask("auth failed for 'hunter2'", "hunter2")).isEqualTo("auth failed for '*****'");
        assertThat(Redaction.mask("nothing here", "")).isEqualTo("nothing here");
    }
}
