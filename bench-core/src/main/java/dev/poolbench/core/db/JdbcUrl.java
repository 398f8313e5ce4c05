package dev.poolbench.core.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a single-host PostgreSQL JDBC URL that tools outside pgjdbc need (a proxy, pgbench). */
public record JdbcUrl(String host, int port, String database, String rest) {

    private static final Pattern SINGLE_HOST =
            Pattern.compile("^jdbc:postgresql://(\\[[^]]+]|[^/:?,\\[]+)(?::(\\d+))?(?:/([^?]*))?(\\?.*)?$");

    /** Refuses multi-host URLs and anything that is not {@code jdbc:postgresql://host[:port][/db][?params]}. */
    public static JdbcUrl parse(String url) {
        Matcher m = SINGLE_HOST.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a single-host URL like jdbc:postgresql://host:5432/db, not "
                    + Redaction.jdbcUrl(url));
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        return new JdbcUrl(host, port, m.group(3) == null ? "" : m.group(3), m.group(4) == null ? "" : m.group(4));
    }

    /** The same URL, pointed at another host and port. */
    public String withHostAndPort(String newHost, int newPort) {
        return "jdbc:postgresql://" + newHost + ":" + newPort + "/" + database + rest;
    }
}
