"""The rows the table is seeded with: bench-core's TodoGenerator, row for row.

Both services seed the same table with the same rows (seed 42), so a GET of a seeded todo answers the same
JSON from either stack. That needs java.util.SplittableRandom's exact sequence, reproduced here
(SplitMix64, and the JDK's bounded draws with their rejection loops).
"""
import datetime

_MASK64 = (1 << 64) - 1
_GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def _signed(value: int, bits: int) -> int:
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


class SplittableRandom:
    """java.util.SplittableRandom(seed): nextInt(bound), nextInt(origin, bound), nextLong(bound)."""

    def __init__(self, seed: int):
        self._seed = seed & _MASK64

    def _next_seed(self) -> int:
        self._seed = (self._seed + _GOLDEN_GAMMA) & _MASK64
        return self._seed

    @staticmethod
    def _mix32(z: int) -> int:
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & _MASK64
        return _signed((((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & _MASK64) >> 32, 32)

    @staticmethod
    def _mix64(z: int) -> int:
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        return _signed(z ^ (z >> 31), 64)

    def _int(self) -> int:
        return self._mix32(self._next_seed())

    def _long(self) -> int:
        return self._mix64(self._next_seed())

    def next_int(self, bound: int) -> int:
        return self._bounded(self._int, bound, 32)

    def next_int_between(self, origin: int, bound: int) -> int:
        return self._bounded(self._int, bound - origin, 32) + origin

    def next_long(self, bound: int) -> int:
        return self._bounded(self._long, bound, 64)

    @staticmethod
    def _bounded(draw, bound: int, bits: int) -> int:
        """RandomSupport.boundedNextInt/Long: a mask for powers of two, else reject over-represented values."""
        r = draw()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & ((1 << bits) - 1)) >> 1
        while True:
            r = u % bound
            if _signed(u + m - r, bits) >= 0:
                return r
            u = (draw() & ((1 << bits) - 1)) >> 1


_VERBS = ("Review", "Fix", "Write", "Plan", "Call", "Update", "Test", "Deploy", "Email", "Refactor")
_THINGS = ("invoice", "release notes", "pool settings", "dashboard", "migration",
           "onboarding doc", "load test", "customer ticket", "backup job", "index plan")
_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
_YEAR_SECONDS = 365 * 24 * 3600


class TodoGenerator:
    """Plausible todos, the same ones for the same seed: priorities 1-5 evenly, about 30% completed."""

    def __init__(self, seed: int):
        self._random = SplittableRandom(seed)

    def seed_row(self, n: int) -> str:
        """One CSV line for COPY: title, description, priority, due_date, completed, created_at."""
        r = self._random
        title = f"{_VERBS[r.next_int(len(_VERBS))]} {_THINGS[r.next_int(len(_THINGS))]} #{n}"
        description = f"Generated todo {n}: follow up with the team, write down what changed and why."
        priority = 1 + r.next_int(5)
        due = None if r.next_int(5) == 0 else _EPOCH.date() + datetime.timedelta(days=r.next_int_between(-60, 120))
        completed = "t" if r.next_int(10) < 3 else "f"
        created = _EPOCH - datetime.timedelta(seconds=r.next_long(_YEAR_SECONDS))
        return (f'{title},"{description}",{priority},{due.isoformat() if due else ""},{completed},'
                f'{created.isoformat()}\n')
