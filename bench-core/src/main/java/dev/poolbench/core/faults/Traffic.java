package dev.poolbench.core.faults;

import dev.poolbench.core.todo.TodoRepository;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Steady request traffic against a pool while a fault happens: a few workers, each looking up a
 * random todo, pausing, and again, recording every call (start, end, outcome). The fault scenarios
 * read what happened from the record, so every figure they report is a count of real calls.
 */
final class Traffic implements AutoCloseable {

    /** One call: when it started and ended (System.nanoTime), and its error if it failed. */
    record Call(long start, long end, String error) {
        boolean ok() {
            return error == null;
        }

        long millis() {
            return (end - start) / 1_000_000;
        }
    }

    private final TodoRepository todos;
    private final int rows;
    private final Duration pause;
    private final List<Call> calls = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean paused;
    private final java.util.concurrent.atomic.AtomicInteger inCall = new java.util.concurrent.atomic.AtomicInteger();

    Traffic(DataSource dataSource, int rows, int workerCount, Duration pause) {
        this.todos = new TodoRepository(dataSource);
        this.rows = rows;
        this.pause = pause;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "poolbench-fault-traffic-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void work() {
        while (running) {
            if (paused) {
                pauseBriefly();
                continue;
            }
            inCall.incrementAndGet();
            long start = System.nanoTime();
            String error = null;
            try {
                todos.find(ThreadLocalRandom.current().nextLong(1, rows + 1));
            } catch (SQLException | RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            synchronized (calls) {
                calls.add(new Call(start, System.nanoTime(), error));
            }
            inCall.decrementAndGet();
            if (!pauseBriefly()) {
                return;
            }
        }
    }

    private boolean pauseBriefly() {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops sending calls (a quiet night) and waits for the calls in flight to finish. */
    void pause() throws InterruptedException {
        paused = true;
        while (inCall.get() > 0) {
            Thread.sleep(5);
        }
    }

    void resume() {
        paused = false;
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    int workers() {
        return workers.size();
    }

    @Override
    public void close() {
        running = false;
        for (Thread worker : workers) {
            worker.interrupt();
        }
    }

    /** Stops the workers and waits up to {@code grace} for each; those still busy are hung. */
    int stop(Duration grace) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + grace.toNanos();
        int hung = 0;
        for (Thread worker : workers) {
            worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (worker.isAlive()) {
                hung++;
                worker.interrupt();
            }
        }
        return hung;
    }
}
