package dev.poolbench.pools;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.PgBouncer;
import dev.poolbench.core.db.Pooler;

import java.util.Optional;

/**
 * What stands between a benchmark's pool and the server for one trial (issue 14): nothing, or PgBouncer with
 * {@link PgBouncer#DEFAULT_POOL_SIZE} server connections. Opened once per trial, not per iteration, so PgBouncer's
 * server connections outlive an iteration's pool as they outlive an application's restart in production.
 */
final class PoolerLayer implements AutoCloseable {

    private final Database route;
    private final Optional<PgBouncer> bouncer;

    private PoolerLayer(Database route, Optional<PgBouncer> bouncer) {
        this.route = route;
        this.bouncer = bouncer;
    }

    /** {@code pooler} as given to {@code -p pooler=...}; PgBouncer started in front of the fork's database if asked. */
    static PoolerLayer open(BenchDatabase db, String pooler) {
        Optional<PgBouncer> bouncer = Pooler.parse("pooler", pooler).start(db.database(), PgBouncer.DEFAULT_POOL_SIZE);
        bouncer.ifPresent(b -> System.out.println("poolbench: pooler=" + pooler + ": " + b.label()));
        return new PoolerLayer(bouncer.map(PgBouncer::database).orElse(db.database()), bouncer);
    }

    /** No pooler: the pools talk to the server directly. */
    static PoolerLayer direct(BenchDatabase db) {
        return new PoolerLayer(db.database(), Optional.empty());
    }

    /** Where the pool under test connects: the server, or PgBouncer in front of it. */
    Database route() {
        return route;
    }

    @Override
    public void close() {
        bouncer.ifPresent(PgBouncer::close);
    }
}
