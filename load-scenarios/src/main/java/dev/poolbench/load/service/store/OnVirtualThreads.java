package dev.poolbench.load.service.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * JDBC on a new virtual thread per call; the answer goes back to the caller's event loop. The build
 * targets Java 17, so the JDK 21 executor is looked up by name; {@code ServiceOptions} refuses
 * {@code --execution virtual} on an older JDK before anything starts.
 */
final class OnVirtualThreads implements Blocking {

    private final ExecutorService executor;

    OnVirtualThreads() {
        this.executor = newVirtualThreadPerTaskExecutor();
    }

    @Override
    public <T> Future<T> call(Callable<T> call) {
        Context context = Vertx.currentContext();
        Promise<T> answer = Promise.promise();
        executor.execute(() -> {
            try {
                T result = call.call();
                context.runOnContext(v -> answer.complete(result));
            } catch (Exception e) {
                context.runOnContext(v -> answer.fail(e));
            }
        });
        return answer.future();
    }

    @Override
    public String describe() {
        return "virtual threads";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    static ExecutorService newVirtualThreadPerTaskExecutor() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or newer; this is Java " + Runtime.version(), e);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not create a virtual-thread executor: " + e, e);
        }
    }
}
