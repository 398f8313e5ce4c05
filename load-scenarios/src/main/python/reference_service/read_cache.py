"""Seed 004's read cache (``@cache_paint_result(timeout=300)``: a dict of (result, cached_time)) in front of
GET /api/todo/{id}, with what the Java service's CachedTodoStore adds to the seed's dict, so the two stacks
cache alike: a size bound, and invalidation on update and delete (a read that was in flight when a write to
the same todo started does not fill the cache with what it read).
"""
import collections
import threading
import time

#: Entries kept at most, as in the Java service.
MAXIMUM_SIZE = 100_000


class ReadCache:
    def __init__(self, ttl_ms: int):
        self._ttl = ttl_ms / 1000
        self._lock = threading.Lock()
        self._entries = collections.OrderedDict()  # id -> (row, cached_time), oldest first
        self._writes = collections.Counter()  # id -> writes started or finished
        self.hits = 0
        self.misses = 0

    def lookup(self, todo_id: int):
        """The cached row, or None (a miss)."""
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(todo_id)
            if entry is not None and now - entry[1] < self._ttl:
                self.hits += 1
                return entry[0]
            self.misses += 1
            return None

    def mark(self, todo_id: int) -> int:
        with self._lock:
            return self._writes[todo_id]

    def fill(self, todo_id: int, row, mark: int) -> None:
        """Keeps ``row`` unless a write to the todo began after ``mark`` was taken."""
        with self._lock:
            if row is None or self._writes[todo_id] != mark:
                return
            self._entries.pop(todo_id, None)
            self._entries[todo_id] = (row, time.monotonic())
            while len(self._entries) > MAXIMUM_SIZE:
                self._entries.popitem(last=False)

    def invalidate(self, todo_id: int) -> None:
        """Called when a write to the todo starts and again when it ends."""
        with self._lock:
            self._writes[todo_id] += 1
            self._entries.pop(todo_id, None)

    def figures(self):
        with self._lock:
            lookups = self.hits + self.misses
            return {"size": len(self._entries), "hits": self.hits, "misses": self.misses,
                    "hitRate": 0.0 if lookups == 0 else self.hits / lookups}


class CachedTodoRepository:
    """A TodoRepository with the cache in front of get_todo."""

    def __init__(self, repository, cache: ReadCache):
        self._repository = repository
        self.cache = cache

    def __getattr__(self, name):
        return getattr(self._repository, name)

    def get_todo(self, todo_id: int):
        row = self.cache.lookup(todo_id)
        if row is None:
            mark = self.cache.mark(todo_id)
            row = self._repository.get_todo(todo_id)
            self.cache.fill(todo_id, row, mark)
        return row

    def update_todo(self, todo_id: int, changes):
        self.cache.invalidate(todo_id)
        try:
            return self._repository.update_todo(todo_id, changes)
        finally:
            self.cache.invalidate(todo_id)

    def delete_todo(self, todo_id: int) -> bool:
        self.cache.invalidate(todo_id)
        try:
            return self._repository.delete_todo(todo_id)
        finally:
            self.cache.invalidate(todo_id)


class CachedAsyncTodoRepository:
    """An AsyncTodoRepository with the cache in front of get_todo."""

    def __init__(self, repository, cache: ReadCache):
        self._repository = repository
        self.cache = cache

    def __getattr__(self, name):
        return getattr(self._repository, name)

    async def get_todo(self, todo_id: int):
        row = self.cache.lookup(todo_id)
        if row is None:
            mark = self.cache.mark(todo_id)
            row = await self._repository.get_todo(todo_id)
            self.cache.fill(todo_id, row, mark)
        return row

    async def update_todo(self, todo_id: int, changes):
        self.cache.invalidate(todo_id)
        try:
            return await self._repository.update_todo(todo_id, changes)
        finally:
            self.cache.invalidate(todo_id)

    async def delete_todo(self, todo_id: int) -> bool:
        self.cache.invalidate(todo_id)
        try:
            return await self._repository.delete_todo(todo_id)
        finally:
            self.cache.invalidate(todo_id)
