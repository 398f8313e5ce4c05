"""The table both services share: poolbench.todos, prepared at start exactly as the Java service prepares it.

bench-core's HarnessSchema and TodoSchema, step for step: the schema ``poolbench`` is created if missing and
refused if it exists without poolbench's mark; the table is created if missing, emptied (ids from 1 again),
seed 001's four indexes set on or off, and the rows seeded through COPY. Nothing outside the schema is
created, altered or dropped. Every name is schema-qualified, so no search_path is needed or changed.
"""
import io
import logging
import time

import psycopg2

from .database import DatabaseSettings
from .todo_generator import TodoGenerator

LOG = logging.getLogger("reference_service.schema")

SCHEMA = "poolbench"
TABLE = SCHEMA + ".todos"
MARK = "created by the poolbench benchmark harness, which only ever touches this schema; safe to drop"
#: The Java service seeds with the same generator seed, so both tables hold the same rows.
SEED = 42
SEED_CHUNK = 50_000

CREATE_TABLE = (f"CREATE TABLE IF NOT EXISTS {TABLE} ("
                " id bigserial PRIMARY KEY,"
                " title varchar(255) NOT NULL,"
                " description text,"
                " priority smallint NOT NULL DEFAULT 3   CHECK (priority BETWEEN 1 AND 5),"
                " due_date date,"
                " completed boolean NOT NULL DEFAULT false,"
                " created_at timestamptz NOT NULL DEFAULT now())")

#: Seed 001's migration add_todo_indexes, name for name.
INDEXES = (
    f"CREATE INDEX IF NOT EXISTS idx_todos_completed ON {TABLE} (completed)",
    f"CREATE INDEX IF NOT EXISTS idx_todos_priority ON {TABLE} (priority)",
    f"CREATE INDEX IF NOT EXISTS idx_todos_created_at ON {TABLE} (created_at)",
    f"CREATE INDEX IF NOT EXISTS idx_todos_completed_priority ON {TABLE} (completed, priority)",
)
INDEX_NAMES = ("idx_todos_completed", "idx_todos_priority", "idx_todos_created_at", "idx_todos_completed_priority")


class ForeignSchema(Exception):
    """A ``poolbench`` schema that poolbench did not create."""


def prepare(settings: DatabaseSettings, application_name: str, indexes: bool, seed_rows: int) -> None:
    """Creates, empties, indexes and seeds the table through one connection, as the Java service does at start."""
    connection = psycopg2.connect(host=settings.host, port=settings.port, dbname=settings.database,
                                  user=settings.user, password=settings.password,
                                  **settings.psycopg2_connect_args(application_name + "-setup"))
    try:
        _ensure_schema(connection)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(CREATE_TABLE)
            cursor.execute(f"TRUNCATE {TABLE} RESTART IDENTITY")
            cursor.execute(f"COMMENT ON TABLE {TABLE} IS NULL")
            if indexes:
                for ddl in INDEXES:
                    cursor.execute(ddl)
                cursor.execute(f"ANALYZE {TABLE}")
            else:
                for name in INDEX_NAMES:
                    cursor.execute(f"DROP INDEX IF EXISTS {SCHEMA}.{name}")
            if seed_rows > 0:
                _seed(cursor, seed_rows)
    finally:
        connection.close()


def _ensure_schema(connection) -> None:
    """HarnessSchema.ensure: one transaction, serialized by an advisory lock against concurrent starts."""
    with connection:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('poolbench schema'))")
            cursor.execute("SELECT coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace"
                           " WHERE nspname = %s", (SCHEMA,))
            row = cursor.fetchone()
            if row is None:
                cursor.execute(f"CREATE SCHEMA {SCHEMA}")
                cursor.execute(f"COMMENT ON SCHEMA {SCHEMA} IS %s", (MARK,))
            elif row[0] != MARK:
                raise ForeignSchema(
                    f"a schema named '{SCHEMA}' already exists in database '{connection.info.dbname}' and was not "
                    "created by poolbench; poolbench only works in a schema of its own, so it will not touch it. "
                    "Rename or drop that schema, or point poolbench at another database.")


def _seed(cursor, rows: int) -> None:
    """TodoSchema.seed: the generator's rows through COPY, then ANALYZE and the seed mark."""
    started = time.monotonic()
    generator = TodoGenerator(SEED)
    for first in range(1, rows + 1, SEED_CHUNK):
        last = min(rows, first + SEED_CHUNK - 1)
        chunk = io.StringIO("".join(generator.seed_row(n) for n in range(first, last + 1)))
        cursor.copy_expert(f"COPY {TABLE} (title, description, priority, due_date, completed, created_at)"
                           " FROM STDIN WITH (FORMAT csv)", chunk)
        if rows > SEED_CHUNK:
            LOG.info("seeding %s: %d of %d rows", TABLE, last, rows)
    cursor.execute(f"ANALYZE {TABLE}")
    cursor.execute(f"SELECT count(*) FROM {TABLE}")
    total = cursor.fetchone()[0]
    cursor.execute(f"COMMENT ON TABLE {TABLE} IS 'seeded by poolbench: {total} rows'")
    LOG.debug("seeded %d rows in %d ms", rows, (time.monotonic() - started) * 1000)
