"""Where the database is, and the SQLAlchemy engine the seeds describe over it, with its pool watched.

The database arrives as the Java service gets it from load-runs' ServiceProcess: BENCH_DB_URL (a JDBC URL,
jdbc:postgresql://host:port/db?...), BENCH_DB_USER (default postgres) and BENCH_DB_PASSWORD, which nothing
here prints. The engine is the seed's create_engine / create_async_engine with the configuration's pool
settings; the only additions are counters (pool events, and a subclass that counts borrowers that wait and
time out), so /api/health/pool can report the figures the Java service reports.
"""
import dataclasses
import logging
import re
import threading
from typing import Dict, Optional
from urllib.parse import parse_qsl, unquote

from sqlalchemy import event, exc
from sqlalchemy.engine import URL, create_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool, NullPool, QueuePool, StaticPool

from .options import ServiceOptions, SettingsError

LOG = logging.getLogger("reference_service.database")

#: pgjdbc's default connectTimeout, which the Java service's connections carry too.
CONNECT_TIMEOUT_SECONDS = 10
MASK = "*****"

_JDBC_URL = re.compile(r"^jdbc:postgresql://(\[[^]]+]|[^/:?,\[]+)(?::(\d+))?(?:/([^?]*))?(\?.*)?$")


@dataclasses.dataclass(frozen=True)
class DatabaseSettings:
    host: str
    port: int
    database: str
    user: str
    password: str = dataclasses.field(repr=False)
    sslmode: Optional[str] = None

    @classmethod
    def from_environment(cls, env) -> "DatabaseSettings":
        url = (env.get("BENCH_DB_URL") or "").strip()
        if not url:
            raise SettingsError("BENCH_DB_URL is not set: the reference service needs a PostgreSQL JDBC URL like "
                                "jdbc:postgresql://localhost:5432/app (and BENCH_DB_USER, BENCH_DB_PASSWORD)")
        return cls.from_jdbc_url(url, (env.get("BENCH_DB_USER") or "").strip(), env.get("BENCH_DB_PASSWORD") or "")

    @classmethod
    def from_jdbc_url(cls, url: str, user: str, password: str) -> "DatabaseSettings":
        """jdbc:postgresql://host[:port][/db][?params], single host, as bench-core's JdbcUrl reads it. Of pgjdbc's
        parameters, user, password and sslmode carry over; the rest are pgjdbc's own and are left out."""
        m = _JDBC_URL.match(url)
        if not m:
            raise SettingsError("BENCH_DB_URL = '" + redact_url(url) + "' is not accepted: a single-host URL like "
                                "jdbc:postgresql://host:5432/db")
        host = m.group(1)[1:-1] if m.group(1).startswith("[") else m.group(1)
        params = dict(parse_qsl((m.group(4) or "?")[1:], keep_blank_values=True))
        ignored = sorted(name for name in params if name not in ("user", "password", "sslmode"))
        if ignored:
            LOG.info("BENCH_DB_URL parameters left to pgjdbc: %s", ", ".join(ignored))
        return cls(host=host, port=int(m.group(2) or 5432), database=unquote(m.group(3) or "") or "postgres",
                   user=user or params.get("user") or "postgres", password=password or params.get("password", ""),
                   sslmode=params.get("sslmode"))

    def url(self, driver: str) -> URL:
        return URL.create("postgresql+" + driver, username=self.user, password=self.password or None,
                          host=self.host, port=self.port, database=self.database)

    def describe(self) -> str:
        """"localhost:5432/postgres as postgres": for logs; no secret."""
        return f"{self.host}:{self.port}/{self.database} as {self.user}"

    def mask(self, text: str) -> str:
        """``text`` with the password masked: for error messages that may quote a server's words."""
        return text.replace(self.password, MASK) if self.password else text

    def psycopg2_connect_args(self, application_name: str) -> Dict[str, object]:
        # pgjdbc always talks UTF8; psycopg2 would take the server's encoding (SQL_ASCII on some images)
        args = {"application_name": application_name, "connect_timeout": CONNECT_TIMEOUT_SECONDS,
                "client_encoding": "utf8"}
        if self.sslmode:
            args["sslmode"] = self.sslmode
        return args


def redact_url(url: str) -> str:
    url = re.sub(r"(//[^/@?]*?):[^/@?]*@", r"\1:" + MASK + "@", url)
    return re.sub(r"(?i)([?&;](?:password|sslpassword)=)[^&;]*", r"\1" + MASK, url)


class PoolFigures:
    """What the pool has done, counted as it happens: /api/health/pool's pool object."""

    def __init__(self):
        self._lock = threading.Lock()
        self.lent = 0
        self.peak_lent = 0
        self.waiting = 0
        self.opened = 0
        self.timeouts = 0
        self.invalidated = 0

    def add(self, name: str, delta: int = 1):
        with self._lock:
            setattr(self, name, getattr(self, name) + delta)
            if name == "lent":
                self.peak_lent = max(self.peak_lent, self.lent)


def _counted(pool_class, figures: PoolFigures):
    """``pool_class`` as it is, plus counts of the borrowers that find nothing to take and wait, and of those that
    wait pool_timeout in vain (SQLAlchemy's pools count neither)."""

    class Counted(pool_class):
        def _do_get(self):
            waits = isinstance(self, QueuePool) and self.checkedin() == 0 and self._overflow >= self._max_overflow
            if waits:
                figures.add("waiting")
            try:
                return super()._do_get()
            except exc.TimeoutError:
                figures.add("timeouts")
                raise
            finally:
                if waits:
                    figures.add("waiting", -1)

    # SQLAlchemy names a pool's logger after its class: keep sqlalchemy.pool.impl.QueuePool's
    Counted.__name__ = Counted.__qualname__ = pool_class.__name__
    Counted.__module__ = pool_class.__module__
    return Counted


def engine_arguments(options: ServiceOptions, figures: PoolFigures, reactive: bool) -> Dict[str, object]:
    """create_engine's pool arguments for the configuration: the seeds' poolclass, pool_size, max_overflow,
    pool_timeout, pool_recycle and pool_pre_ping."""
    recycle = options.recycle_ms / 1000 if options.recycle_ms else -1
    arguments: Dict[str, object] = {"pool_pre_ping": options.pre_ping, "pool_recycle": recycle}
    if options.pool == "none":
        arguments["poolclass"] = _counted(NullPool, figures)
    elif options.pool == "static":
        arguments["poolclass"] = _counted(StaticPool, figures)
    else:
        arguments["poolclass"] = _counted(AsyncAdaptedQueuePool if reactive else QueuePool, figures)
        arguments.update(pool_size=options.pool_size, max_overflow=options.max_overflow,
                         pool_timeout=options.pool_timeout_ms / 1000)
    return arguments


def watch(engine, pool, figures: PoolFigures):
    """Counts connections opened, lent, given back and found dead, through SQLAlchemy's pool events.

    StaticPool lends its one connection to every borrower at once, and when several give it back, SQLAlchemy
    fires "checkin" for the first only ("Double checkin attempted"); every return is reset, though, so there
    the reset counts the return.
    """
    returned = "reset" if isinstance(pool, StaticPool) else "checkin"
    event.listen(engine, "connect", lambda dbapi_connection, record: figures.add("opened"))
    event.listen(engine, "checkout", lambda dbapi_connection, record, proxy: figures.add("lent"))
    event.listen(engine, returned, lambda dbapi_connection, record: figures.add("lent", -1))
    event.listen(engine, "invalidate", lambda dbapi_connection, record, exception: figures.add("invalidated"))


def sync_engine(options: ServiceOptions, settings: DatabaseSettings, figures: PoolFigures):
    """Seed 001's db_connection.py: create_engine over psycopg2 (seed 002's jit=off as the session's options)."""
    connect_args = settings.psycopg2_connect_args(options.application_name)
    if options.jit != "default":
        connect_args["options"] = "-c jit=" + options.jit
    engine = create_engine(settings.url("psycopg2"), future=True, echo=False, connect_args=connect_args,
                           **engine_arguments(options, figures, reactive=False))
    watch(engine, engine.pool, figures)
    return engine


def async_engine(options: ServiceOptions, settings: DatabaseSettings, figures: PoolFigures):
    """Seed 001's phase 2: create_async_engine over asyncpg; seed 002's server_settings carry application_name
    and jit."""
    from sqlalchemy.ext.asyncio import create_async_engine

    server_settings = {"application_name": options.application_name}
    if options.jit != "default":
        server_settings["jit"] = options.jit
    connect_args: Dict[str, object] = {"server_settings": server_settings, "timeout": CONNECT_TIMEOUT_SECONDS}
    if settings.sslmode:
        connect_args["ssl"] = settings.sslmode
    engine = create_async_engine(settings.url("asyncpg"), echo=False, connect_args=connect_args,
                                 **engine_arguments(options, figures, reactive=True))
    watch(engine.sync_engine, engine.sync_engine.pool, figures)
    return engine


def pool_snapshot(options: ServiceOptions, pool, figures: PoolFigures) -> Dict[str, object]:
    """/api/health/pool's pool object, the Java service's keys: QueuePool's own checkedout() and checkedin(),
    the rest counted."""
    if isinstance(pool, QueuePool):
        active, idle = pool.checkedout(), pool.checkedin()
    elif isinstance(pool, StaticPool):
        # one connection, shared: more than one borrower may hold it at once
        active = figures.lent
        idle = 1 if figures.lent == 0 and "connection" in pool.__dict__ else 0
    else:
        active, idle = figures.lent, 0
    return {
        "name": options.pool,
        "capacity": options.capacity,
        "active": active,
        "peakActive": figures.peak_lent,
        "idle": idle,
        "waiting": figures.waiting,
        "opened": figures.opened,
        "timeouts": figures.timeouts,
        "validationFailures": figures.invalidated,
        "leaks": 0,
    }
