package dev.poolbench.load.service.store;

import io.vertx.core.Future;

import java.util.concurrent.Callable;

/** How a JDBC call is run for a handler on the event loop ({@code --execution event-loop|worker|virtual}). */
public interface Blocking extends AutoCloseable {

    /** Runs {@code call} and completes the answer on the caller's context. */
    <T> Future<T> call(Callable<T> call);

    /** A name for logs and health: "event-loop", "worker (20 threads)". */
    String describe();

    @Override
    default void close() {
    }
}
