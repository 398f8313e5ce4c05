"""GET /api/health/pool: the pool's figures, what the server sees of the service's connections, seed 004's retry
(calls, tries, calls that succeeded on a later try, calls whose last try failed) and the read cache; the Java ServiceHealth's JSON, key for key.

The server side is counted as bench-core's ServerConnections counts it: from a connection of its own, named
``poolbench-probe`` so it never counts itself, over pg_stat_activity for the service's application_name. It
runs on a thread of its own, so watching the pool never takes a request's thread or connection.
"""
import asyncio
import concurrent.futures
import threading

import psycopg2

from .database import DatabaseSettings, PoolFigures, pool_snapshot
from .options import ServiceOptions

PROBE_APPLICATION = "poolbench-probe"

COUNTS = ("SELECT count(*) FILTER (WHERE state = 'active'),"
          " count(*) FILTER (WHERE state = 'idle'),"
          " count(*) FILTER (WHERE state LIKE 'idle in transaction%%'),"
          " count(*)"
          " FROM pg_stat_activity WHERE application_name = %s AND datname = current_database()")


class ServerConnections:
    """Counts, from the server's side, the backends one application holds."""

    def __init__(self, settings: DatabaseSettings, application_name: str):
        self._settings = settings
        self._application_name = application_name
        self._lock = threading.Lock()
        self._connection = self._connect()

    def _connect(self):
        connection = psycopg2.connect(host=self._settings.host, port=self._settings.port,
                                      dbname=self._settings.database, user=self._settings.user,
                                      password=self._settings.password,
                                      **self._settings.psycopg2_connect_args(PROBE_APPLICATION))
        connection.autocommit = True
        return connection

    def sample(self):
        """The counts; a connection found lost (the database restarted) is opened again and asked once more, as the
        Java ServerConnections does."""
        with self._lock:
            try:
                return self._count()
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                if not self._connection.closed:
                    raise
                self._connection = self._connect()
                return self._count()

    def _count(self):
        if self._connection.closed:
            self._connection = self._connect()
        with self._connection.cursor() as cursor:
            cursor.execute(COUNTS, (self._application_name,))
            active, idle, idle_in_transaction, total = cursor.fetchone()
        return {"active": active, "idle": idle, "idleInTransaction": idle_in_transaction, "total": total}

    def close(self):
        with self._lock:
            self._connection.close()


class ServiceHealth:
    def __init__(self, options: ServiceOptions, execution: str, pool, figures: PoolFigures,
                 server: ServerConnections, cache, retrying):
        self._options = options
        self._execution = execution
        self._pool = pool
        self._figures = figures
        self._server = server
        self._cache = cache
        self._retrying = retrying
        self._probe_thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="todo-service-health")

    async def snapshot(self):
        counts = await asyncio.get_running_loop().run_in_executor(self._probe_thread, self._server.sample)
        cache = {"enabled": self._cache is not None}
        if self._cache is not None:
            figures = self._cache.figures()
            cache.update(ttlMs=self._options.cache_ttl_ms, size=figures["size"], hits=figures["hits"],
                         misses=figures["misses"], hitRate=figures["hitRate"])
        return {
            "configuration": self._options.configuration,
            "service": self._options.describe(),
            "execution": self._execution,
            "pool": pool_snapshot(self._options, self._pool, self._figures),
            "server": counts,
            "retry": self._retrying.figures(self._options.retry),
            "cache": cache,
        }

    def close(self):
        self._probe_thread.shutdown(wait=False)
        self._server.close()
