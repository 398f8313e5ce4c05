package dev.poolbench.core.pool;

import dev.poolbench.core.db.PhysicalConnections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code queue}: SQLAlchemy 1.4's QueuePool, rule for rule (docs/sqlalchemy-semantics.md has the source lines;
 * the conformance suite checks it against the real one):
 * <ul>
 *   <li>Nothing is opened up front. A borrower takes an idle connection, or opens one while fewer than
 *       poolSize + maxOverflow are open; only when all are open does it wait, up to poolTimeout, for one to be
 *       given back, and then gets {@link PoolExhaustedException} with SQLAlchemy's message.</li>
 *   <li>A connect that fails gives its place back and the borrower gets the error.</li>
 *   <li>The overflow rule: a connection given back while poolSize are idle is closed, not kept.</li>
 *   <li>FIFO by default (the longest idle goes out first), LIFO on request.</li>
 *   <li>recycle: the connection about to be handed out, if older than recycle, is closed and replaced for
 *       this borrower; other idle connections wait for their own turn.</li>
 *   <li>prePing: a connection that has been lent before is checked with a round trip at checkout; a brand-new
 *       one is not. A failed check replaces it and, as a disconnect does, invalidates the pool.</li>
 *   <li>Invalidating the pool (a connection found dead at its return or by pre-ping): every connection opened
 *       before that moment is closed and replaced at its next checkout, without a round trip. So after a
 *       database restart the first borrower fails (or, with prePing, pays one check) and the rest get new
 *       connections, instead of one failure per dead idle connection.</li>
 *   <li>Reset on return: a transaction the borrower left open is rolled back.</li>
 * </ul>
 * SQLAlchemy learns of a disconnect at the failing statement; poolbench, which does not wrap statements, when
 * the failed connection is given back (a deliberate difference the conformance suite lists).
 * {@code single} is this pool held to one connection (QueuePool with pool_size 1 and max_overflow 0).
 */
final class QueuePool extends AbstractPool {

    /** The name SQLAlchemy's timeout message gives the pool. */
    private static final String NAME = "QueuePool";
    private static final int PING_TIMEOUT_SECONDS = 5;

    private final int poolSize;
    private final int maxOverflow;
    private final String description;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition givenBack = lock.newCondition();
    /** SQLAlchemy's queue: the records waiting to be lent, at most poolSize. */
    private final ArrayDeque<Slot> idle = new ArrayDeque<>();
    /** SQLAlchemy's {@code _overflow}: connections open or opening, minus poolSize. */
    private int overflow;
    private int lent;
    private int waiting;
    /** SQLAlchemy's {@code _invalidate_time} (System.nanoTime): slots whose connection started before it are renewed. */
    private long invalidatedAt = System.nanoTime();
    private boolean closed;

    /**
     * SQLAlchemy's {@code _ConnectionRecord}: a place in the pool that outlives the connections it holds. Only the
     * borrower holding it, or the pool under its lock, touches it.
     */
    private static final class Slot {
        /** Null once its connection was found dead: the next checkout connects. */
        Connection connection;
        /** System.nanoTime() just before the connect, as SQLAlchemy's {@code starttime}. */
        long startedAt;
        /** Connected and not yet checked out: prePing skips it. */
        boolean fresh;
    }

    private QueuePool(PoolSettings settings, PhysicalConnections physical, int poolSize, int maxOverflow,
                      String description) {
        super(settings, physical);
        this.poolSize = poolSize;
        this.maxOverflow = maxOverflow;
        this.description = description;
        this.overflow = -poolSize;
    }

    static QueuePool queue(PoolSettings settings, PhysicalConnections physical) {
        return new QueuePool(settings, physical, settings.poolSize(), settings.maxOverflow(),
                "queue pool of size " + settings.poolSize() + " with overflow " + settings.maxOverflow());
    }

    /** {@code single}: one connection, lent to one borrower at a time; the others wait up to poolTimeout. */
    static QueuePool single(PoolSettings settings, PhysicalConnections physical) {
        return new QueuePool(settings, physical, 1, 0, "single pool (one connection, one borrower at a time)");
    }

    @Override
    Connection borrow() throws SQLException {
        Slot slot = take();
        Connection connection;
        try {
            connection = checkout(slot);
        } catch (SQLException | RuntimeException e) {
            // SQLAlchemy's _checkin_failed: the slot goes back empty and keeps its place
            closeQuietly(slot.connection);
            slot.connection = null;
            checkin(slot);
            throw e;
        }
        return new Lease(connection, physicalConnection -> giveBack(slot, physicalConnection));
    }

    /** SQLAlchemy's {@code QueuePool._do_get}: an idle slot, or a new one while the limit allows, or wait. */
    private Slot take() throws SQLException {
        lock.lock();
        try {
            ensureOpen();
            if (overflow >= maxOverflow) {
                // every connection it may open is open: wait for one to be given back, and only for that
                long remaining = settings.poolTimeout().toNanos();
                while (idle.isEmpty() && remaining > 0) {
                    waiting++;
                    try {
                        remaining = givenBack.awaitNanos(remaining);
                    } finally {
                        waiting--;
                    }
                    ensureOpen();
                }
            }
            if (!idle.isEmpty()) {
                lent++;
                return settings.lifo() ? idle.pollLast() : idle.pollFirst();
            }
            if (overflow >= maxOverflow) {
                throw exhausted(NAME, poolSize, maxOverflow, null);
            }
            overflow++;
            lent++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection from the " + describe(), "08001", e);
        } finally {
            lock.unlock();
        }
        Slot slot = new Slot();
        try {
            connect(slot);
        } catch (SQLException | RuntimeException e) {
            lock.lock();
            try {
                overflow--;
                lent--;
            } finally {
                lock.unlock();
            }
            throw e;
        }
        return slot;
    }

    /**
     * SQLAlchemy's {@code _ConnectionRecord.get_connection} and the pre-ping of {@code _ConnectionFairy._checkout}:
     * this slot's connection, renewed if it is gone, past recycle or older than the pool's invalidation, and
     * checked if asked and not brand-new.
     */
    private Connection checkout(Slot slot) throws SQLException {
        if (slot.connection == null) {
            connect(slot);
        } else if (expired(slot) || startedBeforeInvalidation(slot)) {
            closeQuietly(slot.connection);
            connect(slot);
        }
        boolean fresh = slot.fresh;
        slot.fresh = false;
        if (settings.prePing() && !fresh && !physical.ping(slot.connection, PING_TIMEOUT_SECONDS)) {
            invalidatePool(slot);
            closeQuietly(slot.connection);
            connect(slot);
            slot.fresh = false;
        }
        return slot.connection;
    }

    /** A connection given back: dead (its server went away mid-use), or reset and put back in the queue. */
    private void giveBack(Slot slot, Connection connection) {
        if (isClosed(connection)) {
            // SQLAlchemy invalidates the pool at a disconnect error; this is where poolbench sees one
            invalidatePool(slot);
            slot.connection = null;
        } else if (!reset(connection)) {
            closeQuietly(connection);
            slot.connection = null;
        }
        checkin(slot);
    }

    /** SQLAlchemy's {@code _do_return_conn}: back in the queue if it has room, closed if not (the overflow rule). */
    private void checkin(Slot slot) {
        Connection toClose = null;
        lock.lock();
        try {
            lent--;
            if (closed || idle.size() >= poolSize) {
                toClose = slot.connection;
                overflow--;
            } else {
                idle.addLast(slot);
                givenBack.signal();
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(toClose);
    }

    private void connect(Slot slot) throws SQLException {
        slot.connection = null;
        slot.startedAt = System.nanoTime();
        slot.connection = physical.open();
        slot.fresh = true;
    }

    private boolean expired(Slot slot) {
        return !settings.recycle().isZero() && System.nanoTime() - slot.startedAt > settings.recycle().toNanos();
    }

    private boolean startedBeforeInvalidation(Slot slot) {
        lock.lock();
        try {
            return invalidatedAt - slot.startedAt > 0;
        } finally {
            lock.unlock();
        }
    }

    /** SQLAlchemy's {@code Pool._invalidate}: every connection opened before now is renewed at its next checkout. */
    private void invalidatePool(Slot because) {
        lock.lock();
        try {
            if (invalidatedAt - because.startedAt < 0) {
                invalidatedAt = System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reset on return: end any transaction the borrower left open, as SQLAlchemy's rollback-on-return does. */
    private static boolean reset(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void ensureOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the " + describe() + " is closed", "08003");
        }
    }

    @Override
    String describe() {
        return description;
    }

    @Override
    public PoolStats stats() {
        lock.lock();
        try {
            int open = (int) idle.stream().filter(slot -> slot.connection != null).count();
            return new PoolStats(lent, open, waiting, physical.opened(), timeouts(), physical.validationFailures(),
                    leakCount());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            idle.forEach(slot -> closeQuietly(slot.connection));
            idle.clear();
            givenBack.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
