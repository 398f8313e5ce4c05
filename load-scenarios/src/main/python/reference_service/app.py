"""The seed's TODO API (test_todo_api.py's endpoints) on FastAPI, in the three shapes the seeds' services take,
plus /api/health/pool (seed 003's monitoring endpoint) and /api/health/session.

Every error is JSON {"status": N, "error": "..."}, as from the Java service: 400/422 for what the client sent,
404 for what is not there, 503 with SQLAlchemy's own message when no connection came within pool_timeout,
500 with one line (never a stack trace) for a database error.
"""
import logging
from typing import Callable

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy import exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import todo_json
from .todo_json import ApiError, encode, not_found, write

LOG = logging.getLogger("reference_service.api")


def create_app(execution: str, repository, health, mask: Callable[[str], str]) -> FastAPI:
    """The app for ``execution`` (event-loop, worker or reactive) over its repository."""
    app = FastAPI(title="todo-service (poolbench reference stack)", docs_url=None, redoc_url=None, openapi_url=None)
    app.router.redirect_slashes = False
    _errors(app, mask)
    ENDPOINTS[execution](app, repository)

    @app.get("/api/health/pool")
    async def pool_health():
        return _json(200, await health.snapshot())

    return app


def on_event_loop(app: FastAPI, repository) -> None:
    """Seed 001's baseline, "Sync functions in async endpoints": the synchronous repository called straight from
    ``async def`` endpoints. The one event loop waits for every database call, so the one uvicorn worker serves
    one request at a time, however many connections the pool has."""

    @app.post("/api/todo/bulk")
    async def create_todos_bulk(body: bytes = Depends(read_body)):
        return _json(201, [write(row) for row in repository.create_todos_bulk(todo_json.new_todos(body))])

    @app.post("/api/todo")
    async def create_todo(body: bytes = Depends(read_body)):
        return _json(201, write(repository.create_todo(todo_json.new_todo(body))))

    @app.get("/api/todo")
    async def list_todos(request: Request):
        return _json(200, [write(row) for row in repository.list_todos(todo_json.todo_filter(request.query_params))])

    @app.get("/api/todo/{todo_id}")
    async def get_todo(todo_id: str):
        found = todo_json.todo_id(todo_id)
        return _json(200, write(_existing(found, repository.get_todo(found))))

    @app.put("/api/todo/{todo_id}")
    async def update_todo(todo_id: str, body: bytes = Depends(read_body)):
        found = todo_json.todo_id(todo_id)
        return _json(200, write(_existing(found, repository.update_todo(found, todo_json.changes(body)))))

    @app.delete("/api/todo/{todo_id}")
    async def delete_todo(todo_id: str):
        found = todo_json.todo_id(todo_id)
        return _deleted(found, repository.delete_todo(found))

    @app.get("/api/health/session")
    async def session():
        return _json(200, _session(repository.session_info()))


def on_thread_pool(app: FastAPI, repository) -> None:
    """The same synchronous repository in plain ``def`` endpoints, which FastAPI runs on its thread pool
    (anyio's, sized by --worker-threads): the usual fix for the baseline, and how the seeds' synchronous
    services (000, 003, 004) serve concurrent requests."""

    @app.post("/api/todo/bulk")
    def create_todos_bulk(body: bytes = Depends(read_body)):
        return _json(201, [write(row) for row in repository.create_todos_bulk(todo_json.new_todos(body))])

    @app.post("/api/todo")
    def create_todo(body: bytes = Depends(read_body)):
        return _json(201, write(repository.create_todo(todo_json.new_todo(body))))

    @app.get("/api/todo")
    def list_todos(request: Request):
        return _json(200, [write(row) for row in repository.list_todos(todo_json.todo_filter(request.query_params))])

    @app.get("/api/todo/{todo_id}")
    def get_todo(todo_id: str):
        found = todo_json.todo_id(todo_id)
        return _json(200, write(_existing(found, repository.get_todo(found))))

    @app.put("/api/todo/{todo_id}")
    def update_todo(todo_id: str, body: bytes = Depends(read_body)):
        found = todo_json.todo_id(todo_id)
        return _json(200, write(_existing(found, repository.update_todo(found, todo_json.changes(body)))))

    @app.delete("/api/todo/{todo_id}")
    def delete_todo(todo_id: str):
        found = todo_json.todo_id(todo_id)
        return _deleted(found, repository.delete_todo(found))

    @app.get("/api/health/session")
    def session():
        return _json(200, _session(repository.session_info()))


def on_asyncio(app: FastAPI, repository) -> None:
    """Seed 001's phase 2: ``async def`` endpoints that await the async repository (create_async_engine +
    asyncpg), so the event loop serves other requests while one waits for the database."""

    @app.post("/api/todo/bulk")
    async def create_todos_bulk(body: bytes = Depends(read_body)):
        return _json(201, [write(row) for row in await repository.create_todos_bulk(todo_json.new_todos(body))])

    @app.post("/api/todo")
    async def create_todo(body: bytes = Depends(read_body)):
        return _json(201, write(await repository.create_todo(todo_json.new_todo(body))))

    @app.get("/api/todo")
    async def list_todos(request: Request):
        rows = await repository.list_todos(todo_json.todo_filter(request.query_params))
        return _json(200, [write(row) for row in rows])

    @app.get("/api/todo/{todo_id}")
    async def get_todo(todo_id: str):
        found = todo_json.todo_id(todo_id)
        return _json(200, write(_existing(found, await repository.get_todo(found))))

    @app.put("/api/todo/{todo_id}")
    async def update_todo(todo_id: str, body: bytes = Depends(read_body)):
        found = todo_json.todo_id(todo_id)
        return _json(200, write(_existing(found, await repository.update_todo(found, todo_json.changes(body)))))

    @app.delete("/api/todo/{todo_id}")
    async def delete_todo(todo_id: str):
        found = todo_json.todo_id(todo_id)
        return _deleted(found, await repository.delete_todo(found))

    @app.get("/api/health/session")
    async def session():
        return _json(200, _session(await repository.session_info()))


ENDPOINTS = {"event-loop": on_event_loop, "worker": on_thread_pool, "reactive": on_asyncio}


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 above the Java service's limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > todo_json.BODY_LIMIT_BYTES:
        raise ApiError(413, f"the body is larger than {todo_json.BODY_LIMIT_BYTES} bytes")
    body = await request.body()
    if len(body) > todo_json.BODY_LIMIT_BYTES:
        raise ApiError(413, f"the body is larger than {todo_json.BODY_LIMIT_BYTES} bytes")
    return body


def _existing(todo_id: int, row):
    if row is None:
        raise not_found(todo_id)
    return row


def _deleted(todo_id: int, deleted: bool) -> Response:
    if not deleted:
        raise not_found(todo_id)
    return Response(status_code=204)


def _session(row):
    return {"backendPid": row[0], "applicationName": row[1], "jit": row[2]}


def _json(status: int, payload) -> Response:
    return Response(content=encode(payload), status_code=status, media_type="application/json")


def _error(status: int, message: str, headers=None) -> Response:
    return Response(content=encode({"status": status, "error": message}), status_code=status,
                    media_type="application/json", headers=headers)


def _errors(app: FastAPI, mask: Callable[[str], str]) -> None:
    @app.exception_handler(ApiError)
    async def refused(request: Request, error: ApiError):
        return _error(error.status, error.message)

    @app.exception_handler(StarletteHTTPException)
    async def unrouted(request: Request, error: StarletteHTTPException):
        if error.status_code == 404:
            return _error(404, f"no such endpoint: {request.method} {request.url.path}")
        if error.status_code == 405:
            return _error(405, f"{request.method} is not allowed on {request.url.path}")
        return _error(error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def unreadable(request: Request, error: RequestValidationError):
        return _error(400, "request failed: " + str(error).splitlines()[0])

    @app.exception_handler(exc.TimeoutError)
    async def pool_timeout(request: Request, error: exc.TimeoutError):
        # SQLAlchemy's "QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (...)"
        return _error(503, str(error), headers={"Retry-After": "1"})

    @app.exception_handler(exc.SQLAlchemyError)
    async def database_error(request: Request, error: exc.SQLAlchemyError):
        cause = getattr(error, "orig", None) or error
        message = mask((str(cause).strip().splitlines() or [type(cause).__name__])[0])
        LOG.warning("%s %s failed: %s: %s", request.method, request.url.path, type(cause).__name__, message)
        return _error(500, "database error: " + message)

    @app.exception_handler(Exception)
    async def failed(request: Request, error: Exception):
        # anything else (the driver's own errors included) as the Java service answers it; Starlette logs it too
        return _error(500, "database error: " + mask((str(error).strip().splitlines() or [type(error).__name__])[0]))
