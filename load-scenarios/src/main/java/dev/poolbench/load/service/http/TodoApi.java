package dev.poolbench.load.service.http;

import dev.poolbench.core.db.Redaction;
import dev.poolbench.load.service.store.PoolTimeout;
import dev.poolbench.load.service.store.TodoStore;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The seed's TODO API ({@code test_todo_api.py}'s endpoints) plus {@code /api/health/pool} (seed 003's
 * monitoring endpoint) and {@code /metrics}. Every error is JSON {@code {"status": N, "error": "..."}}:
 * 400/422 for what the client sent, 404 for what is not there, 503 with the pool's own message when no
 * connection came within poolTimeout, 500 with one line (never a stack trace) for anything else.
 */
public final class TodoApi {

    private static final Logger LOG = LoggerFactory.getLogger(TodoApi.class);

    /** Bodies above this are refused with 413: 1000 todos of 255-character titles fit comfortably. */
    static final long BODY_LIMIT_BYTES = 2 * 1024 * 1024;
    private static final String ROUTE = "poolbench.route";

    private final TodoStore store;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Future<JsonObject>> health;
    private final String password;

    /**
     * @param health   the pool and server figures for {@code GET /api/health/pool}
     * @param password the database password, masked out of any error text that might quote it
     */
    public TodoApi(TodoStore store, PrometheusMeterRegistry registry, Supplier<Future<JsonObject>> health, String password) {
        this.store = store;
        this.registry = registry;
        this.health = health;
        this.password = password;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(this::timed);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));

        router.route("/api/todo/bulk").handler(ctx -> named(ctx, "/api/todo/bulk"));
        router.route("/api/todo/:id").handler(ctx -> named(ctx, "/api/todo/:id"));
        router.route("/api/todo").handler(ctx -> named(ctx, "/api/todo"));
        router.post("/api/todo/bulk").handler(ctx -> answer(ctx, 201,
                store.createAll(TodoJson.newTodos(ctx.body().buffer())).map(TodoJson::write)));
        router.post("/api/todo").handler(ctx -> answer(ctx, 201,
                store.create(TodoJson.newTodo(ctx.body().buffer())).map(TodoJson::write)));
        router.get("/api/todo").handler(ctx -> answer(ctx, 200,
                store.list(TodoJson.filter(ctx.queryParams())).map(TodoJson::write)));
        router.get("/api/todo/:id").handler(ctx -> withId(ctx, 200,
                id -> store.find(id).map(found -> TodoJson.write(found.orElseThrow(() -> ApiError.notFound(id))))));
        router.put("/api/todo/:id").handler(ctx -> withId(ctx, 200,
                id -> store.update(id, TodoJson.changes(ctx.body().buffer()))
                        .map(updated -> TodoJson.write(updated.orElseThrow(() -> ApiError.notFound(id))))));
        router.delete("/api/todo/:id").handler(ctx -> withId(ctx, 204,
                id -> store.delete(id).map(deleted -> {
                    if (!deleted) {
                        throw ApiError.notFound(id);
                    }
                    return null;
                })));
        router.get("/api/health/pool").handler(ctx -> answer(ctx, 200, health.get()));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));

        router.errorHandler(404, ctx -> error(ctx, 404, "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> error(ctx, 405, ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> error(ctx, 413, "the body is larger than " + BODY_LIMIT_BYTES + " bytes"));
        router.errorHandler(500, ctx -> fail(ctx, ctx.failure()));
        return router;
    }

    private void withId(RoutingContext ctx, int status, Function<Long, Future<?>> work) {
        long id = TodoJson.id(ctx.pathParam("id"));
        answer(ctx, status, work.apply(id));
    }

    private void answer(RoutingContext ctx, int status, Future<?> result) {
        result.onComplete(done -> {
            if (done.failed()) {
                fail(ctx, done.cause());
            } else if (status == 204) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.response().setStatusCode(status)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(io.vertx.core.json.Json.encode(done.result()));
            }
        });
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ApiError) {
            error(ctx, ((ApiError) failure).status, failure.getMessage());
        } else if (failure instanceof PoolTimeout) {
            ctx.response().putHeader("Retry-After", "1");
            error(ctx, 503, failure.getMessage());
        } else if (failure == null) {
            error(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, "request failed");
        } else {
            String message = Redaction.mask(String.valueOf(failure.getMessage()), password);
            LOG.warn("{} {} failed: {}: {}", ctx.request().method(), ctx.request().path(),
                    failure.getClass().getSimpleName(), message);
            error(ctx, 500, "database error: " + message);
        }
    }

    private static void error(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("status", status).put("error", message).encode());
    }

    /** Times every request by route and status, into {@code poolbench_http_requests_seconds}. */
    private void timed(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(done -> Timer.builder("poolbench.http.requests")
                .description("HTTP requests served, by route and status")
                .tag("method", ctx.request().method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.response().getStatusCode()))
                .register(registry)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
        ctx.next();
    }

    /** Marks the request with its route template, so its metric says where it went even when it is refused. */
    private static void named(RoutingContext ctx, String template) {
        ctx.put(ROUTE, template);
        ctx.next();
    }

    /** The route template ("/api/todo/:id"), so the metric has a few series, not one per id; "unmatched" for 404/405. */
    private static String route(RoutingContext ctx) {
        String named = ctx.get(ROUTE);
        if (named != null) {
            return named;
        }
        String path = ctx.currentRoute() == null ? null : ctx.currentRoute().getPath();
        return path == null || path.endsWith("/") ? "unmatched" : path;
    }
}
