"""Seed 004's retry decorator, as the seed writes it (``handle_database_error`` in 004_02e627a8f49d242e.txt), around
each repository call, with the Java service's counts (its store's Retrying) for /api/health/pool.

A call that fails with ``OperationalError`` (psycopg2's connection and server-side operational errors, wrapped by
SQLAlchemy; its ``QueryCanceledError`` and ``TransactionRollbackError`` are subclasses) or ``TimeoutError`` is run
again, up to ``tries`` times in all, sleeping ``backoff``, then twice that, in between: the seed's ``max_retries = 3``
and ``time.sleep(2 ** retry_count)`` are tries 3, backoff 2 s. The seed does not show its imports; ``TimeoutError``
here is SQLAlchemy's, the pool's "QueuePool limit ... connection timed out" (Python's own TimeoutError is an OSError
that psycopg2 never raises). The last failure is raised as it was, so a call that still fails answers what it would
have without the retry.
"""
import functools
import logging
import threading
import time

from sqlalchemy.exc import OperationalError, TimeoutError

LOG = logging.getLogger("reference_service.retry")

#: The seed's except clause.
RETRYABLE = (OperationalError, TimeoutError)


class Retrying:
    """The policy, and every call and try counted whether the retry is on or not."""

    def __init__(self, tries: int, backoff_ms: int):
        self.tries = tries
        self.backoff = backoff_ms / 1000
        self._lock = threading.Lock()
        self._counts = {"calls": 0, "attempts": 0, "recovered": 0, "exhausted": 0}

    def _add(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1

    def wrap(self, func):
        """The seed's loop: ``retry_count`` up to ``max_retries``, ``time.sleep(2 ** retry_count)`` scaled to backoff."""

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            self._add("calls")
            retry_count = 0
            while True:
                self._add("attempts")
                try:
                    result = func(*args, **kwargs)
                except RETRYABLE:
                    retry_count += 1
                    if retry_count >= self.tries:
                        self._add("exhausted")
                        raise
                    time.sleep(self.backoff * 2 ** (retry_count - 1))
                    LOG.debug("database retry %d/%d", retry_count, self.tries)
                    continue
                if retry_count:
                    self._add("recovered")
                return result

        return wrapper

    def figures(self, policy: str):
        with self._lock:
            return dict(policy=policy, **self._counts)


class RetryingTodoRepository:
    """The synchronous repository with every call wrapped in the retry."""

    CALLS = ("create_todo", "create_todos_bulk", "get_todo", "list_todos", "update_todo", "delete_todo", "session_info")

    def __init__(self, repository, retrying: Retrying):
        self._repository = repository
        for name in self.CALLS:
            setattr(self, name, retrying.wrap(getattr(repository, name)))

    def close(self):
        self._repository.close()
