package dev.poolbench.pools.stub;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver with no server behind it, as HikariCP's own benchmark uses: its connections answer at once, so
 * what a benchmark measures through a pool is the pool. They keep the state a pool resets (autocommit,
 * read-only, isolation, catalog, schema, network timeout) and answer every prepared statement with one canned
 * row, so each pool's checkout, reset and statement-wrapping paths all run. It accepts {@value #URL} only.
 */
public final class StubDriver implements Driver {

    public static final String URL = "jdbc:poolbench-stub:";

    @Override
    public Connection connect(String url, Properties info) {
        return acceptsURL(url) ? new StubConnection() : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the stub driver does not log");
    }
}
