package dev.poolbench.load.service;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;

import java.util.UUID;

/** A service started in this JVM on a free port, against a real PostgreSQL; closing stops it. */
final class RunningService implements AutoCloseable {

    final TodoService service;
    final Http http;
    final ServiceOptions options;

    private RunningService(TodoService service) {
        this.service = service;
        this.options = service.options();
        this.http = new Http(service.url());
    }

    /** {@code options} on a free port with a table of {@code seedRows} rows, on the shared test database. */
    static RunningService start(ServiceOptions options, int seedRows) throws Exception {
        return start(options, seedRows, TestDatabase.get());
    }

    static RunningService start(ServiceOptions options, int seedRows, Database database) throws Exception {
        ServiceOptions onFreePort = options.withPort(0).withSeedRows(seedRows)
                .withApplicationName("pb-test-service-" + UUID.randomUUID().toString().substring(0, 8));
        return new RunningService(TodoService.start(onFreePort, database));
    }

    static ServiceOptions options(Execution execution) {
        return ServiceOptions.defaults().withExecution(execution);
    }

    @Override
    public void close() {
        service.close();
    }
}
