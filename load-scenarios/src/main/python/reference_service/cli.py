"""Starting and stopping the reference service, as the Java TodoService starts and stops.

It prepares the table, opens the engine, listens on one uvicorn worker, and prints the one stdout line
load-runs' ServiceProcess waits for: ``todo-service listening on http://127.0.0.1:PORT (label)``. Everything
else goes to stderr. ``--stop-with-parent`` makes it stop when the process that started it is gone.
"""
import importlib.util
import logging
import os
import socket
import sys
import threading
import time

from . import options as service_options
from .options import SettingsError

#: The modules the service imports, and the Debian packages that bring them to /usr/bin/python3.
REQUIRED = {"fastapi": "python3-fastapi", "uvicorn": "python3-uvicorn", "sqlalchemy": "python3-sqlalchemy",
            "psycopg2": "python3-psycopg2", "asyncpg": "python3-asyncpg"}
INSTALL = "apt-get install " + " ".join(REQUIRED.values())

LOG = logging.getLogger("reference_service")


def missing_packages() -> str:
    """One line naming what to install, or "" when every module is there (greenlet comes with sqlalchemy)."""
    missing = [name for name in list(REQUIRED) + ["greenlet"] if importlib.util.find_spec(name) is None]
    if not missing:
        return ""
    install = INSTALL + (" python3-greenlet" if "greenlet" in missing else "")
    return f"the reference service needs {', '.join(missing)} for {sys.executable}: {install}"


def main(args) -> int:
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(levelname)-5s %(name)s - %(message)s")
    if args[:1] == ["--check-packages"]:
        missing = missing_packages()
        print(missing or "ok")
        return 3 if missing else 0
    try:
        command = service_options.parse(args)
    except SettingsError as e:
        print(f"todo-service: {e}", file=sys.stderr)
        return 2
    if command.print_and_exit is not None:
        print(command.print_and_exit)
        return 0
    missing = missing_packages()
    if missing:
        print(f"todo-service: {missing}", file=sys.stderr)
        return 3

    from .database import DatabaseSettings
    try:
        settings = DatabaseSettings.from_environment(os.environ)
    except SettingsError as e:
        print(f"todo-service: {e}", file=sys.stderr)
        return 2
    try:
        service = Service(command.options, settings)
    except Exception as e:  # noqa: BLE001 - one line, whatever stopped it
        print("todo-service: could not start: " + settings.mask((str(e).strip().splitlines() or [repr(e)])[0]),
              file=sys.stderr)
        return 1
    if command.stop_with_parent:
        _stop_with_parent(service)
    service.serve()
    return 0


class Service:
    """Table, engine, repository and app for one configuration, and the socket it will listen on."""

    def __init__(self, options, settings):
        from . import app, database, health, schema
        from .read_cache import CachedAsyncTodoRepository, CachedTodoRepository, ReadCache
        from .retry import Retrying, RetryingTodoRepository

        self.options = options
        self.settings = settings
        schema.prepare(settings, options.application_name, options.indexes, options.seed_rows)
        self.figures = database.PoolFigures()
        cache = ReadCache(options.cache_ttl_ms) if options.cached else None
        self.retrying = Retrying(options.retry_tries, options.retry_backoff_ms)
        if options.execution == "reactive":
            from .async_repository import AsyncTodoRepository
            engine = database.async_engine(options, settings, self.figures)
            self.pool = engine.sync_engine.pool
            repository = AsyncTodoRepository(engine)
            if cache:
                repository = CachedAsyncTodoRepository(repository, cache)
            execution = "reactive (create_async_engine + asyncpg, awaited in async def endpoints)"
        else:
            from .repository import TodoRepository
            engine = database.sync_engine(options, settings, self.figures)
            self.pool = engine.pool
            repository = RetryingTodoRepository(TodoRepository(engine), self.retrying)
            if cache:
                repository = CachedTodoRepository(repository, cache)
            execution = ("event-loop (sync SQLAlchemy + psycopg2 called in async def endpoints)"
                         if options.execution == "event-loop" else
                         f"worker (def endpoints on FastAPI's thread pool of {options.worker_threads} threads, "
                         "SQLAlchemy + psycopg2)")
        self.engine = engine
        server = health.ServerConnections(settings, options.application_name)
        self.health = health.ServiceHealth(options, execution, self.pool, self.figures, server, cache, self.retrying)
        self.app = app.create_app(options.execution, repository, self.health, settings.mask)
        self.app.add_event_handler("startup", self._size_thread_pool)
        self.app.add_event_handler("shutdown", self._close)
        self.socket = _listen_socket(options.host, options.port)
        self.url = f"http://{options.host}:{self.socket.getsockname()[1]}"
        self.server = None

    def serve(self) -> None:
        import uvicorn

        from .h2c import H11IgnoringH2c

        service = self

        class Server(uvicorn.Server):
            async def startup(self, sockets=None):
                await super().startup(sockets=sockets)
                if not self.should_exit:
                    LOG.info("todo-service on %s: %s, database %s", service.url, service.options.label(),
                             service.settings.describe())
                    print(f"todo-service listening on {service.url} ({service.options.label()})", flush=True)

        # one worker, as the seeds run it; keep-alive 60 s rather than uvicorn's 5, so the load generator's idle
        # connections are not closed under it between phases (the Java service never closes them)
        config = uvicorn.Config(self.app, workers=1, loop="asyncio", http=H11IgnoringH2c, lifespan="on",
                                access_log=False, log_level="warning", timeout_keep_alive=60)
        self.server = Server(config)
        self.server.run(sockets=[self.socket])

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True

    async def _size_thread_pool(self):
        # FastAPI runs def endpoints through anyio's default limiter (40 threads); the Java service's
        # worker mode has --worker-threads (20) threads
        import anyio.to_thread
        anyio.to_thread.current_default_thread_limiter().total_tokens = self.options.worker_threads

    async def _close(self):
        self.health.close()
        if self.options.execution == "reactive":
            await self.engine.dispose()
        else:
            self.engine.dispose()


def _listen_socket(host: str, port: int) -> socket.socket:
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def _stop_with_parent(service: Service) -> None:
    """The load run starts the service as a child: when the load run is gone (killed, crashed), so is the service."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        print(f"todo-service: the process that started it (pid {parent}) is gone; stopping", file=sys.stderr)
        service.stop()
        time.sleep(10)
        os._exit(0)

    threading.Thread(target=watch, name="todo-service-parent-watch", daemon=True).start()
