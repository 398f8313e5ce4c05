"""The service's flags, checked once, with the Java service's names and messages (ServiceCommand, Settings).

A bad value stops start-up with one line naming the flag, the value and what is accepted:
``--pool = 'fast' is not accepted: one of none, static, queue, hikari``.

``--configuration NAME`` also selects one of the seeds' configurations (the names of load-runs'
ServiceConfiguration.NAMED): its settings become the defaults, and any flag given on the command line
overrides them, so ``--configuration phase1`` alone and the load runs' ``--configuration phase1`` followed
by every flag spelled out start the same service.
"""
import argparse
import dataclasses
import math
import re
from typing import Dict, List, Optional

CUSTOM = "custom"
DEFAULT_APPLICATION = "poolbench-reference"
DEFAULT_SEED_ROWS = 10_000
MAX_POOL_SIZE = 1000

POOLS = ("none", "static", "queue", "hikari")
JITS = ("default", "on", "off")
EXECUTIONS = ("event-loop", "worker", "virtual", "reactive")
TRANSACTIONS = ("autocommit", "session")


class SettingsError(ValueError):
    """A bad flag or value: the one line to print before stopping."""


def bad_value(name, value, accepted) -> SettingsError:
    return SettingsError(f"{name} = '{value}' is not accepted: {accepted}")


@dataclasses.dataclass(frozen=True)
class ServiceOptions:
    """One configuration of the reference service; durations in milliseconds, as describe() reports them.

    pool           none (NullPool), static (StaticPool) or queue (QueuePool; AsyncAdaptedQueuePool when reactive)
    execution      event-loop: seed 001's sync repository functions called inside ``async def`` endpoints;
                   worker: plain ``def`` endpoints, run on anyio's thread pool of ``worker_threads``;
                   reactive: seed 001's phase 2, ``create_async_engine`` + asyncpg awaited in ``async def``
    transactions   always session: each call a SQLAlchemy Session (BEGIN, the statement, COMMIT or ROLLBACK); the
                   Java service's other style, autocommit, is refused
    """
    pool: str = "queue"
    pool_size: int = 5
    max_overflow: int = 10
    pool_timeout_ms: int = 30_000
    recycle_ms: int = 0
    pre_ping: bool = False
    indexes: bool = False
    cache_ttl_ms: int = 0
    jit: str = "default"
    execution: str = "event-loop"
    transactions: str = "session"
    retry_tries: int = 1
    retry_backoff_ms: int = 0
    worker_threads: int = 20
    seed_rows: int = DEFAULT_SEED_ROWS
    host: str = "127.0.0.1"
    port: int = 8080
    configuration: str = CUSTOM
    application_name: str = DEFAULT_APPLICATION

    @property
    def capacity(self) -> int:
        """The most connections the pool holds at once; 0 for none, which has no limit of its own."""
        return {"none": 0, "static": 1}.get(self.pool, self.pool_size + self.max_overflow)

    @property
    def retry(self) -> str:
        """"off" or "3x2s", as the flag is written (the Java RetryPolicy.spelling())."""
        return f"{self.retry_tries}x{show_ms(self.retry_backoff_ms)}" if self.retry_tries > 1 else "off"

    @property
    def cached(self) -> bool:
        return self.cache_ttl_ms > 0

    def label(self) -> str:
        """"queue 5+10, timeout 30s, event-loop, indexes off": the Java service's label, word for word."""
        label = self.pool
        if self.pool == "queue":
            label += f" {self.pool_size}+{self.max_overflow}"
        if self.pool != "none":
            label += ", timeout " + show_ms(self.pool_timeout_ms)
        if self.recycle_ms:
            label += ", recycle " + show_ms(self.recycle_ms)
        if self.pre_ping:
            label += ", pre-ping"
        label += f", {self.execution}, indexes {'on' if self.indexes else 'off'}"
        if self.cached:
            label += ", cache ttl " + show_ms(self.cache_ttl_ms)
        if self.jit != "default":
            label += ", jit " + self.jit
        if self.transactions == "session":
            label += ", session transactions"
        if self.retry_tries > 1:
            label += ", retry " + self.retry
        return label

    def describe(self) -> Dict[str, object]:
        """The ``service`` object of /api/health/pool, the keys and order of the Java ServiceOptions.describe()."""
        return {
            "pool": self.pool,
            "poolSize": self.pool_size,
            "maxOverflow": self.max_overflow,
            "poolTimeoutMs": self.pool_timeout_ms,
            "recycleMs": self.recycle_ms,
            "prePing": self.pre_ping,
            "indexes": "on" if self.indexes else "off",
            "cacheTtlMs": self.cache_ttl_ms,
            "jit": self.jit,
            "execution": self.execution,
            "transactions": self.transactions,
            "retry": self.retry,
            "label": self.label(),
        }


def _named(pool="queue", size=5, overflow=10, timeout="30s", recycle="0s", pre_ping=False, indexes=False,
           cache="0s", jit="default", execution="event-loop", retry="off") -> Dict[str, str]:
    """A configuration as the flags that spell it out."""
    return {"--pool": pool, "--pool-size": str(size), "--max-overflow": str(overflow), "--pool-timeout": timeout,
            "--recycle": recycle, "--pre-ping": str(pre_ping).lower(), "--indexes": "on" if indexes else "off",
            "--cache-ttl": cache, "--jit": jit, "--execution": execution, "--retry": retry}


#: Seed 001's phase 1 pool (also seed 002's): pool_size=20, max_overflow=30, pool_pre_ping=True, pool_recycle=3600.
_BIG_POOL = dict(size=20, overflow=30, pre_ping=True, recycle="3600s")
_PHASE1 = dict(_BIG_POOL, indexes=True)

#: The seeds' configurations, by the names load-runs' ServiceConfiguration.NAMED gives them. Each Java
#: "--execution worker" (a synchronous app on worker threads) is here plain ``def`` endpoints on the thread pool.
NAMED: Dict[str, Dict[str, str]] = {
    # 001 before its changes: QueuePool 5+10, sync functions in async endpoints, no indexes
    "baseline": _named(),
    # 001 phase 1: pool_size=20, max_overflow=30, pool_pre_ping=True, pool_recycle=3600, the four indexes
    "phase1": _named(**_PHASE1),
    # 001 phase 2: create_async_engine + asyncpg with phase 1's pool, awaited in async endpoints
    "phase2": _named(**_PHASE1, execution="reactive"),
    # 001 phase 2 the other way FastAPI offers: plain def endpoints, run on its thread pool
    "phase2-worker": _named(**_PHASE1, execution="worker"),
    # 001 phase 3: phase 2 plus the bulk endpoint (the load sends POST /api/todo/bulk)
    "phase3": _named(**_PHASE1, execution="reactive"),
    # 000 option 1: NullPool, a new connection for every request
    "seed000-null": _named(pool="none", execution="worker"),
    # 000 option 2: StaticPool, one connection for everyone
    "seed000-static": _named(pool="static", execution="worker"),
    # 000 after its reduction: pool_size=2, max_overflow=1
    "seed000-queue-2+1": _named(size=2, overflow=1, execution="worker"),
    # 000 before its reduction: pool_size=10, max_overflow=20
    "seed000-queue-10+20": _named(size=10, overflow=20, execution="worker"),
    # 003's new configuration: 5+10, pool_timeout=30, pool_recycle=600
    "seed003": _named(recycle="600s", execution="worker"),
    # 004: 5+10, pool_timeout=20, pool_recycle=300, pool_pre_ping=True, @cache_paint_result(timeout=300),
    # @handle_database_error (3 tries, time.sleep(2 ** retry_count))
    "seed004": _named(timeout="20s", recycle="300s", pre_ping=True, cache="300s", execution="worker", retry="3x2s"),
    # 002: 20+30, pre-ping, recycle 3600, timeout 30, jit on (the control) / off "for small queries"
    "seed002-jit-on": _named(**_BIG_POOL, jit="on", execution="worker"),
    "seed002-jit-off": _named(**_BIG_POOL, jit="off", execution="worker"),
}

_DEFAULTS = {"--pool": "queue", "--pool-size": "5", "--max-overflow": "10", "--pool-timeout": "30s",
             "--recycle": "0", "--pre-ping": "false", "--indexes": "off", "--cache-ttl": "0", "--jit": "default",
             "--execution": "event-loop", "--transactions": "session", "--retry": "off", "--worker-threads": "20", "--seed-rows": str(DEFAULT_SEED_ROWS),
             "--host": "127.0.0.1", "--port": "8080", "--application-name": DEFAULT_APPLICATION}


@dataclasses.dataclass(frozen=True)
class Command:
    """What the command line asked for: options to run with, or text to print and exit."""
    options: Optional[ServiceOptions]
    print_and_exit: Optional[str]
    stop_with_parent: bool


class _Parser(argparse.ArgumentParser):
    """Refuses in picocli's words, as the Java service does: "Unknown option: '--fast' (see --help)"."""

    def error(self, message):
        unknown = re.fullmatch(r"unrecognized arguments: (.*)", message)
        missing = re.fullmatch(r"argument (\S+?)(?:/\S+)?: expected one argument", message)
        if unknown:
            names = unknown.group(1).split()
            message = ("Unknown option: " if len(names) == 1 else "Unknown options: ") \
                + ", ".join(f"'{n}'" for n in names)
        elif missing:
            action = next(a for a in self._actions if missing.group(1) in a.option_strings)
            message = f"Missing required parameter for option '{action.option_strings[-1]}' ({action.metavar})"
        raise SettingsError(f"{message} (see --help)")


def _parser() -> _Parser:
    p = _Parser(prog="todo-service", add_help=False, allow_abbrev=False,
                description="The seeds' TODO API on FastAPI + SQLAlchemy over a real PostgreSQL (poolbench's "
                            "reference stack). The database comes from BENCH_DB_URL (a JDBC URL), BENCH_DB_USER "
                            "and BENCH_DB_PASSWORD.")
    add = p.add_argument
    add("--pool", metavar="none|static|queue", help="SQLAlchemy pool: NullPool, StaticPool, QueuePool (default: queue)")
    add("--pool-size", metavar="N", help="pool_size, 1-1000 (default: 5)")
    add("--max-overflow", metavar="N", help="max_overflow, 0-1000 (default: 10)")
    add("--pool-timeout", metavar="DURATION", help="pool_timeout; a request that waits longer gets 503 (default: 30s)")
    add("--recycle", metavar="DURATION", help="pool_recycle; 0 = never (default: 0)")
    add("--pre-ping", metavar="true|false", nargs="?", const="true", help="pool_pre_ping (default: false)")
    add("--indexes", metavar="on|off", help="seed 001's four indexes on the todos table (default: off)")
    add("--cache-ttl", metavar="DURATION", help="seed 004's read cache for GET /api/todo/{id}; 0 = off (default: 0)")
    add("--jit", metavar="default|on|off", help="PostgreSQL's jit for the service's sessions (default: default)")
    add("--execution", metavar="event-loop|worker|reactive",
        help="event-loop: sync SQLAlchemy inside async def endpoints; worker: def endpoints on the thread pool; "
             "reactive: create_async_engine + asyncpg (default: event-loop)")
    add("--transactions", metavar="session",
        help="session: each call a SQLAlchemy Session, BEGIN, the statement, COMMIT or ROLLBACK (default: session; "
             "the Java service's autocommit is not offered)")
    add("--retry", metavar="off|TRIESxBACKOFF",
        help="seed 004's retry: a call that failed with OperationalError or the pool's TimeoutError is tried again, up "
             "to TRIES times in all, sleeping BACKOFF, then twice that, between tries; 3x2s is the seed's (default: off)")
    add("--worker-threads", metavar="N", help="thread pool size for --execution worker, 1-1000 (default: 20)")
    add("--seed-rows", metavar="N", help=f"todos the table is filled with at start (default: {DEFAULT_SEED_ROWS})")
    add("--host", metavar="ADDRESS", help="address to listen on (default: 127.0.0.1)")
    add("--port", metavar="PORT", help="port to listen on; 0 = any free port (default: 8080)")
    add("--configuration", metavar="NAME",
        help="the configuration's name in results; one of " + ", ".join(NAMED) + " also selects its settings, "
             "which flags then override (default: custom)")
    add("--application-name", metavar="NAME",
        help=f"application_name of the service's connections in pg_stat_activity (default: {DEFAULT_APPLICATION})")
    add("--stop-with-parent", action="store_true", help=argparse.SUPPRESS)
    # load-runs' ServiceProcess tells every service -Dbench.db=external (a JVM property); so is this service's
    add("-D", dest="properties", action="append", default=[], metavar="bench.db=external", help=argparse.SUPPRESS)
    add("-h", "--help", action="store_true", help="show this help and exit")
    add("-V", "--version", action="store_true", help="print version information and exit")
    return p


def parse(args: List[str]) -> Command:
    """Parses ``args``; a bad flag or value raises SettingsError with the one line to print."""
    parser = _parser()
    given = parser.parse_args(args)
    if given.help:
        return Command(None, parser.format_help(), False)
    if given.version:
        return Command(None, "todo-service (poolbench reference stack: FastAPI + SQLAlchemy)", False)
    for prop in given.properties:
        if prop.replace(" ", "") not in ("bench.db=external", "bench.db=auto"):
            raise bad_value("-D", prop, "bench.db=external (the database always comes from BENCH_DB_URL)")
    configuration = (given.configuration or "").strip() or CUSTOM
    values = dict(_DEFAULTS)
    values.update(NAMED.get(configuration, {}))
    for action in parser._actions:
        flag = action.option_strings[-1] if action.option_strings else None
        value = getattr(given, action.dest, None)
        if flag in values and value is not None:
            values[flag] = value
    return Command(_to_options(values, configuration), None, given.stop_with_parent)


def _to_options(v: Dict[str, str], configuration: str) -> ServiceOptions:
    """Checks every value in the Java service's order, with its messages."""
    pool = parse_choice("--pool", v["--pool"], POOLS)
    size = parse_int("--pool-size", v["--pool-size"], 1, MAX_POOL_SIZE)
    overflow = parse_int("--max-overflow", v["--max-overflow"], 0, MAX_POOL_SIZE)
    timeout = parse_duration_ms("--pool-timeout", v["--pool-timeout"])
    recycle = parse_duration_ms("--recycle", v["--recycle"])
    pre_ping = parse_boolean("--pre-ping", v["--pre-ping"])
    indexes = _on_off("--indexes", v["--indexes"])
    ttl = parse_duration_ms("--cache-ttl", v["--cache-ttl"])
    jit = parse_choice("--jit", v["--jit"], JITS)
    execution = parse_choice("--execution", v["--execution"], EXECUTIONS)
    transactions = parse_choice("--transactions", v["--transactions"], TRANSACTIONS)
    tries, backoff = parse_retry("--retry", v["--retry"])
    workers = parse_int("--worker-threads", v["--worker-threads"], 1, 1000)
    rows = parse_int("--seed-rows", v["--seed-rows"], 0, 10_000_000)
    port = parse_int("--port", v["--port"], 0, 65_535)
    if timeout <= 0 or timeout > 3_600_000:
        raise bad_value("--pool-timeout", show_ms(timeout),
                        "more than zero and at most 1h, e.g. 30s (with zero no borrower could ever wait for a busy connection)")
    if pool == "hikari":
        raise bad_value("--pool", v["--pool"], "one of none, static, queue with the reference service "
                                               "(SQLAlchemy's NullPool, StaticPool, QueuePool; HikariCP is Java's)")
    if execution == "virtual":
        raise bad_value("--execution", v["--execution"], "one of event-loop, worker, reactive with the reference "
                                                         "service (Python has no virtual threads)")
    if transactions != "session":
        raise bad_value("--transactions", v["--transactions"], "session with the reference service (a SQLAlchemy "
                                                               "Session per call; autocommit statements are the Java service's)")
    if execution == "reactive" and tries > 1:
        raise SettingsError(f"--retry = '{v['--retry'].strip()}' is not accepted with --execution reactive: seed 004's "
                            "retry sleeps the calling thread between tries, as its decorator does (use it with "
                            "event-loop or worker, or leave --retry off)")
    host = (v["--host"] or "").strip() or "127.0.0.1"
    application = (v["--application-name"] or "").strip() or DEFAULT_APPLICATION
    return ServiceOptions(pool, size, overflow, timeout, recycle, pre_ping, indexes, ttl, jit, execution, transactions,
                          tries, backoff, workers, rows, host, port, configuration, application)


# The parsers of bench-core's Settings, message for message.

_INT = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def parse_int(name: str, value: str, low: int, high: int) -> int:
    text = value.strip()
    if _INT.fullmatch(text):
        parsed = int(text)
        if -2 ** 31 <= parsed < 2 ** 31 and low <= parsed <= high:
            return parsed
    raise bad_value(name, value, f"a whole number from {low} to {high}")


def parse_boolean(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text in ("true", "on", "yes", "1"):
        return True
    if text in ("false", "off", "no", "0"):
        return False
    raise bad_value(name, value, "true or false (also on/off, yes/no)")


def parse_duration_ms(name: str, value: str) -> int:
    """30s, 250ms, 10m, 1h, or a bare number of seconds; negative values are refused."""
    text = value.strip().lower()
    ms = None
    if text.endswith("ms") and _INT.fullmatch(text[:-2].strip()):
        ms = int(text[:-2].strip())
    elif text.endswith("s") and _DECIMAL.fullmatch(text[:-1].strip()):
        ms = _java_round(float(text[:-1].strip()) * 1000)
    elif text.endswith("m") and _INT.fullmatch(text[:-1].strip()):
        ms = int(text[:-1].strip()) * 60_000
    elif text.endswith("h") and _INT.fullmatch(text[:-1].strip()):
        ms = int(text[:-1].strip()) * 3_600_000
    elif _DECIMAL.fullmatch(text):
        ms = _java_round(float(text) * 1000)
    if ms is not None and ms >= 0:
        return ms
    raise bad_value(name, value, "a duration of zero or more, such as 250ms, 30s, 10m, 1h (a bare number means seconds)")


MAX_TRIES = 10


def parse_retry(name: str, value: str):
    """"off" (1 try) or TRIESxBACKOFF, e.g. 3x2s: (tries, backoff in ms); the Java RetryPolicy.parse()'s message."""
    text = value.strip().lower()
    if text == "off":
        return 1, 0
    tries, x, backoff = text.partition("x")
    if x and _INT.fullmatch(tries.strip()) and 2 <= int(tries) <= MAX_TRIES:
        try:
            return int(tries), parse_duration_ms(name, backoff)
        except SettingsError:
            pass
    raise bad_value(name, value, f"off, or TRIESxBACKOFF with 2 to {MAX_TRIES} tries and a backoff such as 250ms or "
                                 "2s, e.g. 3x2s (seed 004: 3 tries, sleeping 2s then 4s)")


def parse_choice(name: str, value: str, choices) -> str:
    wanted = value.strip().replace("_", "-").lower()
    if wanted in choices:
        return wanted
    raise bad_value(name, value, "one of " + ", ".join(choices))


def _on_off(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text in ("on", "off"):
        return text == "on"
    raise bad_value(name, value, "on or off")


def _java_round(x: float) -> int:
    """Java's Math.round: half up."""
    return math.floor(x + 0.5)


def show_ms(ms: int) -> str:
    """30000 -> "30s", 250 -> "250ms", as the Java service shows durations."""
    return f"{ms // 1000}s" if ms % 1000 == 0 else f"{ms}ms"
