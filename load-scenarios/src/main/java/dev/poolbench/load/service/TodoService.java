package dev.poolbench.load.service;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import dev.poolbench.core.probe.ServerConnections;
import dev.poolbench.core.todo.TodoSchema;
import dev.poolbench.load.service.http.TodoApi;
import dev.poolbench.load.service.store.Stores;
import dev.poolbench.load.service.store.Stores.OpenStore;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The TODO service under test: {@code java -jar todo-service.jar [flags]}. One HTTP server on one event
 * loop, as the seeds' single uvicorn worker; where the database calls run is {@code --execution}.
 * At start it owns poolbench's todos table: empties it, seeds {@code --seed-rows} rows and sets the indexes.
 */
public final class TodoService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TodoService.class);

    /** Seeded rows are the same on every start. */
    static final long SEED = 42;

    private final ServiceOptions options;
    private final Vertx vertx;
    private final OpenStore store;
    private final ServerConnections server;
    private final JvmGcMetrics gcMetrics;
    private final String url;

    private TodoService(ServiceOptions options, Vertx vertx, OpenStore store, ServerConnections server,
                        JvmGcMetrics gcMetrics, String url) {
        this.options = options;
        this.vertx = vertx;
        this.store = store;
        this.server = server;
        this.gcMetrics = gcMetrics;
        this.url = url;
    }

    public static void main(String[] args) {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        ServiceCommand.ParsedCommand command;
        DatabaseSettings databaseSettings;
        try {
            command = ServiceCommand.parse(args);
            if (command.printAndExit() != null) {
                System.out.println(command.printAndExit());
                return;
            }
            databaseSettings = DatabaseSettings.from(Settings.fromSystem());
        } catch (SettingsException e) {
            System.err.println("todo-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        Database database = Databases.start(databaseSettings);
        TodoService service;
        try {
            service = start(command.options(), database);
        } catch (Exception e) {
            System.err.println("todo-service: could not start: " + e.getMessage());
            database.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            database.close();
        }, "todo-service-shutdown"));
        System.out.println("todo-service listening on " + service.url() + " (" + command.options().label() + ")");
        if (command.stopWithParent()) {
            stopWithParent();
        }
    }

    /** Prepares the table, opens the pool and listens; the caller closes the service (not the database). */
    public static TodoService start(ServiceOptions options, Database database) throws Exception {
        prepareTable(options, database);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);

        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setWorkerPoolSize(options.workerThreads())
                // event-loop mode blocks on purpose: say so in one line, without a stack trace per request
                .setWarningExceptionTime(TimeUnit.HOURS.toNanos(1)));
        OpenStore store = null;
        ServerConnections server = null;
        try {
            store = Stores.open(options, database, vertx, registry);
            server = new ServerConnections(database, options.applicationName());
            WorkerExecutor probeThread = vertx.createSharedWorkerExecutor("todo-service-health", 1);
            ServiceHealth health = new ServiceHealth(options, store, server, probeThread);
            health.register(registry);
            TodoApi api = new TodoApi(store.store(), registry, health::snapshot, database.password());
            HttpVerticle verticle = new HttpVerticle(api, options);
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String url = "http://" + options.host() + ":" + verticle.port;
            LOG.info("todo-service on {}: {}, database {}", url, options.label(), database.description());
            return new TodoService(options, vertx, store, server, gcMetrics, url);
        } catch (Exception | Error e) {
            if (store != null) {
                store.store().close();
            }
            if (server != null) {
                server.close();
            }
            vertx.close();
            throw e;
        }
    }

    public String url() {
        return url;
    }

    public ServiceOptions options() {
        return options;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("todo-service: Vert.x did not stop cleanly: {}", e.toString());
        }
        store.store().close();
        gcMetrics.close();
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("todo-service: could not close the server probe: {}", e.toString());
        }
    }

    private static void prepareTable(ServiceOptions options, Database database) throws java.sql.SQLException {
        TodoSchema schema = new TodoSchema(database.connections(options.applicationName() + "-setup")).create();
        schema.reset();
        schema.setIndexes(options.indexes());
        if (options.seedRows() > 0) {
            schema.seed(options.seedRows(), SEED);
        }
    }

    /** LoadRun starts the service as a child: when LoadRun is gone (killed, crashed), the service goes too. */
    private static void stopWithParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watcher = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(Duration.ofMillis(500).toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("todo-service: the process that started it (pid " + parent.pid() + ") is gone; stopping");
            System.exit(0);
        }, "todo-service-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The one HTTP server, on the one event loop its deployment gets. */
    private static final class HttpVerticle extends VerticleBase {

        private final TodoApi api;
        private final ServiceOptions options;
        volatile int port;

        HttpVerticle(TodoApi api, ServiceOptions options) {
            this.api = api;
            this.options = options;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer()
                    .requestHandler(api.router(vertx))
                    .listen(options.port(), options.host())
                    .map(HttpServer::actualPort)
                    .onSuccess(actual -> port = actual);
        }
    }
}
