"""Runs poolbench's conformance scenarios through SQLAlchemy's own pools.

Started by ConformanceTest with /usr/bin/python3 (Debian's python3-sqlalchemy and python3-psycopg2):

    sqlalchemy_runner.py SCENARIOS.json

The database comes from the environment (PB_DB_HOST, PB_DB_PORT, PB_DB_NAME, PB_DB_USER and libpq's own
PGPASSWORD, so the password is never on a command line). Pool steps (checkout, pid, query, begin, insert, commit,
rollback, return, sleep) run here, through create_engine and engine.connect(), as an application would;
steps about the server (server, terminate, database, rows) are asked of the test over stdout and answered on
stdin, so both runs are observed by the same code. Protocol, one JSON object a line:

    out: {"version": "1.4.46"}                                          first line
    out: {"start": NAME, "application": APP}            in: {"value": "ok"}
    out: {"harness": STEP, "application": APP, "pid": N}  in: {"value": "..."}
    out: {"scenario": NAME, "observations": [{"value": ..., "pid": N, "ms": N, "message": S}, ...]}
"""

import json
import os
import sys
import time

import sqlalchemy
from sqlalchemy import create_engine, exc, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool, QueuePool, StaticPool

POOLS = {"QueuePool": QueuePool, "StaticPool": StaticPool, "NullPool": NullPool}
HARNESS_STEPS = ("server", "terminate", "database", "rows")
INSERT = text("INSERT INTO poolbench.conformance_rows (row) VALUES (:row)")


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def ask(message):
    send(message)
    answer = sys.stdin.readline()
    if not answer:
        raise SystemExit("the test stopped answering")
    return json.loads(answer)["value"]


def engine_for(pool, application):
    url = URL.create("postgresql+psycopg2", username=os.environ["PB_DB_USER"], host=os.environ["PB_DB_HOST"],
                     port=int(os.environ["PB_DB_PORT"]), database=os.environ["PB_DB_NAME"])
    kw = {"poolclass": POOLS[pool["class"]], "connect_args": {"application_name": application}}
    if pool["class"] == "QueuePool":
        kw.update(pool_size=pool["pool_size"], max_overflow=pool["max_overflow"], pool_timeout=pool["timeout"],
                  pool_use_lifo=pool.get("use_lifo", False))
    kw.update(pool_recycle=pool.get("recycle", -1), pool_pre_ping=pool.get("pre_ping", False))
    return create_engine(url, **kw)


def error_class(e, at_checkout):
    """The same few words poolbench's runner gives its own exceptions."""
    if isinstance(e, exc.TimeoutError):
        return "pool-timeout"
    if isinstance(e, exc.DBAPIError) and e.connection_invalidated:
        return "disconnect"
    if isinstance(e, exc.OperationalError) and at_checkout:
        return "connect-failed"
    return "error: " + type(e).__name__


def run(scenario, number):
    application = "pb-conformance-sqlalchemy-%s-%d" % (os.environ.get("PB_RUN", "0"), number)
    ask({"start": scenario["name"], "application": application})
    engine = engine_for(scenario["pool"], application)
    connections, transactions, pids, observations = {}, {}, {}, []
    try:
        for step in scenario["steps"]:
            action = next(key for key in step if key not in ("timed", "message", "row", "deliberate"))
            name = step[action]
            observation = {"value": "ok"}
            started = time.monotonic()
            try:
                if action in HARNESS_STEPS:
                    observation["value"] = ask({"harness": step, "application": application, "pid": pids.get(name)})
                elif action == "checkout":
                    connections[name] = engine.connect()
                elif action == "return":
                    connections.pop(name).close()
                    transactions.pop(name, None)
                elif action == "pid":
                    pids[name] = connections[name].execute(text("SELECT pg_backend_pid()")).scalar()
                    observation["pid"] = pids[name]
                    observation["value"] = "pid"
                elif action == "query":
                    connections[name].execute(text("SELECT 1")).scalar()
                elif action == "begin":
                    transactions[name] = connections[name].begin()
                elif action == "insert":
                    connections[name].execute(INSERT, {"row": step["row"]})
                elif action == "commit":
                    transactions.pop(name).commit()
                elif action == "rollback":
                    transactions.pop(name).rollback()
                elif action == "sleep":
                    time.sleep(name / 1000.0)
                else:
                    raise SystemExit("unknown step %r" % step)
            except exc.SQLAlchemyError as e:
                observation["value"] = error_class(e, action == "checkout")
                if step.get("message"):
                    observation["message"] = str(e.args[0]) if e.args else str(e)
            except KeyError:
                observation["value"] = "no connection"  # its checkout failed earlier in the scenario
            if step.get("timed"):
                observation["ms"] = round((time.monotonic() - started) * 1000)
            observations.append(observation)
    finally:
        for connection in connections.values():
            try:
                connection.close()
            except exc.SQLAlchemyError:
                pass
        engine.dispose()
    send({"scenario": scenario["name"], "observations": observations})


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        scenarios = json.load(f)["scenarios"]
    send({"version": sqlalchemy.__version__})
    for number, scenario in enumerate(scenarios, 1):
        run(scenario, number)


if __name__ == "__main__":
    main()
