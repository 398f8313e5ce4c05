package dev.poolbench.load.service.store;

import io.vertx.core.Future;

import java.util.concurrent.Callable;

/**
 * The seed's mistake ({@code 001}: "Sync functions in async endpoints ... prevents FastAPI concurrency"):
 * the JDBC call runs right here, on the event loop, and nothing else is served until it returns.
 */
final class OnEventLoop implements Blocking {

    @Override
    public <T> Future<T> call(Callable<T> call) {
        try {
            return Future.succeededFuture(call.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    @Override
    public String describe() {
        return "event-loop";
    }
}
