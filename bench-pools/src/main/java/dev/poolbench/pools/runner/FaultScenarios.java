package dev.poolbench.pools.runner;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.faults.ConnectionLeak;
import dev.poolbench.core.faults.DatabaseOutage;
import dev.poolbench.core.faults.LostWrites;
import dev.poolbench.core.faults.NetworkFreeze;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.todo.TodoSchema;
import dev.poolbench.results.Faults;
import dev.poolbench.results.ResultFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault scenarios a benchmark run ends with, for the report's Faults section
 * ({@code faults.json}, {@link Faults}): a restart per strategy with prePing off and on (none
 * has nothing to pre-ping),
 * while idle and under load; a network freeze per pooling strategy; a leak per pool that detects them (queue and
 * the libraries' pools, by poolbench's one detector); the lost-writes probe per strategy (concurrent transactions:
 * does any request lose or keep another's write?). The strategies are the profile's ({@link Profile#faultStrategies}):
 * the libraries' pools besides HikariCP in the full profile only.
 */
final class FaultScenarios {

    private static final int ROWS = 1_000;
    private static final Duration OUTAGE = Duration.ofMillis(1_500);
    private static final Duration FREEZE = Duration.ofSeconds(4);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(1);
    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final int WRITES = 400;

    private FaultScenarios() {
    }

    static void run(Database db, List<PoolStrategy> strategies, Path out) throws IOException, SQLException, InterruptedException {
        TodoSchema todos = new TodoSchema(db.connections("poolbench-runner")).create();
        if (!todos.isSeededWith(ROWS)) {
            todos.reset();
            todos.seed(ROWS, 3);
        }
        List<Faults.Outage> outages = new ArrayList<>();
        for (PoolStrategy strategy : strategies) {
            // none opens a fresh connection per borrow: there is nothing for a pre-ping to check
            for (boolean prePing : strategy == PoolStrategy.NONE ? new boolean[] {false} : new boolean[] {false, true}) {
                for (DatabaseOutage.When when : DatabaseOutage.When.values()) {
                    PoolSettings settings = PoolSettings.of(strategy).withPoolTimeout(POOL_TIMEOUT).withPrePing(prePing);
                    System.out.printf("poolbench: fault: database restart %s, %s%n", when, settings.label());
                    outages.add(DatabaseOutage.run(db, settings, ROWS, OUTAGE, when));
                }
            }
        }
        List<Faults.Freeze> freezes = new ArrayList<>();
        for (PoolStrategy strategy : strategies) {
            if (strategy == PoolStrategy.NONE) {
                continue; // nothing to wait for: every borrow connects
            }
            PoolSettings settings = PoolSettings.of(strategy).withPoolSize(2).withMaxOverflow(0).withPoolTimeout(POOL_TIMEOUT);
            System.out.printf("poolbench: fault: network freeze, %s%n", settings.label());
            freezes.add(NetworkFreeze.run(db, settings, ROWS, FREEZE, SOCKET_TIMEOUT));
        }
        List<Faults.Leak> leaks = new ArrayList<>();
        for (PoolStrategy strategy : strategies) {
            if (strategy != PoolStrategy.QUEUE && !PoolStrategy.LIBRARIES.contains(strategy)) {
                continue;
            }
            // 2 s is HikariCP's own minimum leak threshold; the libraries' pools share it
            PoolSettings settings = PoolSettings.of(strategy)
                    .withLeakThreshold(Duration.ofSeconds(strategy == PoolStrategy.QUEUE ? 1 : 2));
            System.out.printf("poolbench: fault: connection leak, %s%n", settings.label());
            leaks.add(ConnectionLeak.run(db, settings));
        }
        List<Faults.LostWrites> lostWrites = new ArrayList<>();
        for (PoolStrategy strategy : strategies) {
            PoolSettings settings = PoolSettings.of(strategy);
            System.out.printf("poolbench: fault: lost writes, %s%n", settings.label());
            lostWrites.add(LostWrites.run(db, settings, WRITERS, READERS, WRITES));
        }
        ResultFiles.write(out.resolve(Faults.FORMAT.fileName()), Faults.FORMAT, new Faults(OUTAGE.toMillis(),
                FREEZE.toMillis(), POOL_TIMEOUT.toMillis(), SOCKET_TIMEOUT.toMillis(), outages, freezes, leaks, lostWrites));
    }
}
