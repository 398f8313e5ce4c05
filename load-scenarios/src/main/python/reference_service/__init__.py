"""The reference stack: the seeds' TODO service as they describe it, FastAPI + SQLAlchemy on one uvicorn worker.

poolbench judges claims made about FastAPI + SQLAlchemy services on a Vert.x + JDBC imitation
(load-scenarios' dev.poolbench.load.service). This package is the original kind of service, written from
the seeds' descriptions (seed 001: the TODO API and its phases; 000, 003, 004: pool settings;
002: jit off), so the two can be measured side by side: same endpoints, JSON, status codes, flags,
listening line and /api/health/pool shape as the Java service.

Run it with the Debian interpreter: /usr/bin/python3 -m reference_service --port 0 --configuration baseline
(PYTHONPATH=load-scenarios/src/main/python), or /usr/bin/python3 .../reference_service/__main__.py.
"""
