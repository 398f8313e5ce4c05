package dev.poolbench.load.service.store;

import dev.poolbench.load.service.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each database call under a {@link RetryPolicy}, as seed 004's decorator runs the function it wraps: the whole
 * call (borrow, statements, return) again after a retryable failure, the calling thread asleep in between (the seed's
 * {@code time.sleep}), and the last failure thrown as it was, so a call that still fails answers what it would have
 * without the retry. It counts every call and every try, whether the retry is on or not, for {@code /api/health/pool}.
 *
 * <p>Retryable is what the seed catches. {@code TimeoutError}: SQLAlchemy's pool timeout, here the pool's
 * {@code PoolExhaustedException}. {@code OperationalError}: what psycopg2 raises as one (its
 * {@code exception_from_sqlstate}, with its subclasses {@code TransactionRollbackError} and {@code QueryCanceledError}):
 * a lost or refused connection (SQLSTATE class 08, pgjdbc's), and the server's classes 26, 27, 28, 34, 40, 53, 54, 55,
 * 57 (admin shutdown 57P01, a cancelled statement 57014), 58 and HV. Anything else (a bad statement, a constraint
 * violated) fails at once, as the seed lets it.
 */
public final class Retrying {

    private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);
    private static final Set<String> OPERATIONAL_CLASSES =
            Set.of("08", "26", "27", "28", "34", "40", "53", "54", "55", "57", "58", "HV");

    private final RetryPolicy policy;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private final AtomicLong exhausted = new AtomicLong();

    public Retrying(RetryPolicy policy) {
        this.policy = policy;
    }

    <T> T call(Callable<T> call) throws Exception {
        calls.incrementAndGet();
        for (int attempt = 1; ; attempt++) {
            attempts.incrementAndGet();
            try {
                T result = call.call();
                if (attempt > 1) {
                    recovered.incrementAndGet();
                }
                return result;
            } catch (Exception e) {
                if (!retryable(e)) {
                    throw e;
                }
                if (attempt >= policy.tries()) {
                    exhausted.incrementAndGet();
                    throw e;
                }
                LOG.debug("database retry {}/{} after {}", attempt, policy.tries(), e.toString());
                Thread.sleep(policy.sleepBefore(attempt + 1).toMillis());
            }
        }
    }

    /** True for what seed 004's decorator catches: an {@code OperationalError} or the pool's {@code TimeoutError}. */
    static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state != null && state.length() >= 2 && OPERATIONAL_CLASSES.contains(state.substring(0, 2));
            }
        }
        return false;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Database calls made (requests that reached the store, cache hits not included). */
    public long calls() {
        return calls.get();
    }

    /** Tries made in all: {@link #calls()} plus every retry. */
    public long attempts() {
        return attempts.get();
    }

    /** Calls that succeeded on a second or later try. */
    public long recovered() {
        return recovered.get();
    }

    /** Calls whose last try failed with an error the retry is for (with the retry off: every such failure). */
    public long exhausted() {
        return exhausted.get();
    }
}
