package dev.poolbench.load.service.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;

/** JDBC on Vert.x's worker pool, unordered, so as many calls run at once as there are worker threads. */
final class OnWorkers implements Blocking {

    private final Vertx vertx;
    private final int threads;

    OnWorkers(Vertx vertx, int threads) {
        this.vertx = vertx;
        this.threads = threads;
    }

    @Override
    public <T> Future<T> call(Callable<T> call) {
        return vertx.executeBlocking(call, false);
    }

    @Override
    public String describe() {
        return "worker (" + threads + " threads)";
    }
}
