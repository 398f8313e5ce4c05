package dev.poolbench.load.service.store;

import io.vertx.core.Future;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.internal.SqlConnectionInternal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reference stack's phase 2 (SQLAlchemy 1.4's asyncpg dialect over asyncpg 0.27, create_async_engine with
 * pool_pre_ping) sends beyond its statements, so that {@code --execution reactive --transactions session} makes its
 * round trips on new connections too, not only on warm ones (measured at the latency proxy: RoundTripsTest's
 * "new connection" figure, 10 round trips beyond a warm request for the reference, 3 for vertx-pg-client as it is):
 * <ul>
 *   <li>asyncpg's default {@code ssl='prefer'}: an SSLRequest before the startup packet, one round trip when the
 *       server says no. vertx-pg-client's {@link SslMode#PREFER} asks too (then reconnects without TLS);</li>
 *   <li>the dialect's on_connect: {@code set_type_codec('json')} and {@code ('jsonb')} each run asyncpg's
 *       {@code TYPE_BY_OID} introspection, prepared (Parse/Describe, a round trip) and executed (another); each
 *       call drops asyncpg's statement cache, so the second prepares again and the dropped statements are closed
 *       (a round trip each) before the next new statement: six round trips, {@link #setUp};</li>
 *   <li>pool_pre_ping skips a connection's first checkout (SQLAlchemy's {@code fresh} record) and then sends
 *       {@code SELECT 1} through the dialect's cursor, a prepared statement like any other: Parse/Describe the
 *       first time, then one round trip, {@link #ping}.</li>
 * </ul>
 * Each statement's first use on a connection is a Parse/Describe round trip before its execution on both stacks
 * already (SQLAlchemy's per-connection prepared statement cache; vertx-pg-client's {@code cachePreparedStatements}).
 */
final class AsyncpgSession {

    /** asyncpg 0.27's {@code introspection.TYPE_BY_OID}, which {@code set_type_codec} runs for a built-in type. */
    static final String TYPE_BY_OID = "SELECT t.oid, t.typelem AS elemtype, t.typtype AS kind "
            + "FROM pg_catalog.pg_type AS t WHERE t.oid = $1";
    private static final int JSON_OID = 114;
    private static final int JSONB_OID = 3802;

    /** Connections set up and not yet borrowed: pool_pre_ping leaves them alone once. */
    private final Set<Object> fresh = ConcurrentHashMap.newKeySet();

    /** asyncpg's {@code ssl='prefer'}, which verifies nothing. */
    static PgConnectOptions prefersTls(PgConnectOptions connect) {
        return connect.setSslMode(SslMode.PREFER).setSslOptions(new ClientSSLOptions().setTrustAll(true));
    }

    /**
     * The dialect's on_connect, round trip for round trip. SQL-level PREPARE / EXECUTE / DEALLOCATE: the server
     * does what asyncpg's Parse, Bind/Execute and Close make it do, and the statements stay out of
     * vertx-pg-client's cache (which would answer the second prepare itself).
     */
    Future<Void> setUp(SqlConnection connection) {
        String json = "PREPARE asyncpg_type_json(oid) AS " + TYPE_BY_OID;
        String jsonb = json.replace("asyncpg_type_json", "asyncpg_type_jsonb");
        return connection.query(json).execute()
                .compose(done -> connection.query("EXECUTE asyncpg_type_json(" + JSON_OID + ")").execute())
                .compose(done -> connection.query(jsonb).execute())
                .compose(done -> connection.query("DEALLOCATE asyncpg_type_json").execute())
                .compose(done -> connection.query("EXECUTE asyncpg_type_jsonb(" + JSONB_OID + ")").execute())
                .compose(done -> connection.query("DEALLOCATE asyncpg_type_jsonb").execute())
                .onSuccess(done -> fresh.add(physical(connection)))
                .mapEmpty();
    }

    /** pool_pre_ping's {@code SELECT 1}, except on a connection's first borrow. */
    Future<Void> ping(SqlConnection connection) {
        if (fresh.remove(physical(connection))) {
            return Future.succeededFuture();
        }
        return connection.preparedQuery("SELECT 1").execute().mapEmpty();
    }

    /** The pooled connection behind the borrower's handle: the same for the connect handler and every borrower. */
    private static Object physical(SqlConnection connection) {
        return ((SqlConnectionInternal) connection).unwrap();
    }
}
