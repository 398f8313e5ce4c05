package dev.poolbench.core.db;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;

import java.time.Duration;
import java.util.Objects;

/**
 * How to get a database, validated once. Read from system properties (or the environment, where
 * a property is absent):
 * <pre>
 *   bench.db           auto | testcontainers | embedded | external   (default auto)
 *   bench.db.image     BENCH_PG_IMAGE     container image            (default postgres:17)
 *   bench.db.url       BENCH_DB_URL       jdbc:postgresql://host:port/db   (external)
 *   bench.db.user      BENCH_DB_USER      (external, default postgres)
 *   bench.db.password  BENCH_DB_PASSWORD  never printed; for testcontainers and embedded, the password
 *                                        poolbench gives the server's user (default: random / none)
 *   bench.db.rtt       BENCH_DB_RTT       round trip added by a proxy, e.g. 20ms  (default 0: direct)
 * </pre>
 * A URL given while {@code bench.db} is {@code auto} means {@code external}: a user who names their
 * own server expects it to be used.
 */
public record DatabaseSettings(DatabaseProvider provider, String image, String url, String user, String password,
                               Duration rtt) {

    public static final String PROVIDER = "bench.db";
    public static final String IMAGE = "bench.db.image";
    public static final String URL = "bench.db.url";
    public static final String USER = "bench.db.user";
    public static final String PASSWORD = "bench.db.password";
    public static final String RTT = "bench.db.rtt";

    /** The environment variables read where a property is absent; a parent process hands a database on through them. */
    public static final String IMAGE_ENV = "BENCH_PG_IMAGE";
    public static final String URL_ENV = "BENCH_DB_URL";
    public static final String USER_ENV = "BENCH_DB_USER";
    public static final String PASSWORD_ENV = "BENCH_DB_PASSWORD";
    public static final String RTT_ENV = "BENCH_DB_RTT";

    /** A round trip longer than this is a typo, not a cloud region. */
    public static final Duration MAX_RTT = Duration.ofSeconds(10);

    /** The official image; CI substitutes a locally built one through {@code BENCH_PG_IMAGE}. */
    public static final String DEFAULT_IMAGE = "postgres:17";

    public DatabaseSettings {
        Objects.requireNonNull(provider, "provider");
        image = image == null || image.isBlank() ? DEFAULT_IMAGE : image;
        user = user == null || user.isBlank() ? "postgres" : user;
        password = password == null ? "" : password;
        rtt = rtt == null ? Duration.ZERO : rtt;
        if (rtt.compareTo(MAX_RTT) > 0) {
            throw SettingsException.badValue(RTT, rtt.toMillis() + "ms", "a round trip from 0 to 10s, e.g. 0, 2ms, 20ms, 60ms");
        }
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (provider == DatabaseProvider.EXTERNAL && url == null) {
            throw new SettingsException(PROVIDER + " = 'external' needs " + URL
                    + " (or BENCH_DB_URL), e.g. jdbc:postgresql://db.example.com:5432/app");
        }
        if (url != null) {
            if (provider == DatabaseProvider.TESTCONTAINERS || provider == DatabaseProvider.EMBEDDED) {
                throw new SettingsException(URL + " is only used with " + PROVIDER + " = external or auto, not with "
                        + PROVIDER + " = " + Settings.spelling(provider) + "; remove one of the two");
            }
            if (!url.startsWith("jdbc:postgresql://")) {
                throw SettingsException.badValue(URL, Redaction.jdbcUrl(url),
                        "a PostgreSQL JDBC URL starting with jdbc:postgresql://, e.g. jdbc:postgresql://localhost:5432/app");
            }
            provider = DatabaseProvider.EXTERNAL;
        }
    }

    public static DatabaseSettings from(Settings settings) {
        return new DatabaseSettings(
                settings.choice(PROVIDER, DatabaseProvider.class, DatabaseProvider.AUTO),
                settings.string(IMAGE, IMAGE_ENV, DEFAULT_IMAGE),
                settings.string(URL, URL_ENV).orElse(null),
                settings.string(USER, USER_ENV).orElse(null),
                settings.string(PASSWORD, PASSWORD_ENV).orElse(null),
                settings.string(RTT, RTT_ENV).map(v -> Settings.parseDuration(RTT, v)).orElse(Duration.ZERO));
    }

    public static DatabaseSettings of(DatabaseProvider provider) {
        return new DatabaseSettings(provider, null, null, null, null, null);
    }

    /** The user's own server. */
    public static DatabaseSettings external(String url, String user, String password) {
        return new DatabaseSettings(DatabaseProvider.EXTERNAL, null, url, user, password, null);
    }

    public DatabaseSettings withProvider(DatabaseProvider other) {
        return new DatabaseSettings(other, image, other == DatabaseProvider.EXTERNAL ? url : null, user, password, rtt);
    }

    public DatabaseSettings withRtt(Duration value) {
        return new DatabaseSettings(provider, image, url, user, password, value);
    }

    /** Never shows the password, and strips credentials a URL may carry. */
    @Override
    public String toString() {
        return "DatabaseSettings[provider=" + Settings.spelling(provider) + ", image=" + image
                + ", url=" + (url == null ? "-" : Redaction.jdbcUrl(url)) + ", user=" + user
                + ", password=" + (password.isEmpty() ? "(none)" : Redaction.MASK) + ", rtt=" + rtt.toMillis() + "ms]";
    }
}
