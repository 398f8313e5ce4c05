"""Seed 001's todo_repository.py: a Session per call over the engine's pool, SQLAlchemy Core statements.

The synchronous functions the baseline calls inside ``async def`` endpoints (and the thread-pool variant in
plain ``def`` endpoints). With psycopg2 each call is the driver's own round trips: BEGIN (psycopg2 opens a
transaction before the first statement), the statement, then COMMIT for writes, or ROLLBACK when the session
closes after a read. The Java service's repository sends one autocommit statement instead.
"""
from typing import Dict, List, Optional

from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, MetaData, SmallInteger, String, Table, Text,
                        delete, insert, select, text, update)
from sqlalchemy.orm import sessionmaker

from .todo_json import NewTodo, TodoFilter

metadata = MetaData(schema="poolbench")

todos_table = Table(
    "todos", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("title", String(255), nullable=False),
    Column("description", Text),
    Column("priority", SmallInteger, nullable=False),
    Column("due_date", Date),
    Column("completed", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

#: GET /api/health/session: one of the pool's connections as the server sees it.
SESSION_QUERY = text("SELECT pg_backend_pid(), current_setting('application_name'), current_setting('jit')")


def insert_values(todo: NewTodo) -> Dict[str, object]:
    return {"title": todo.title, "description": todo.description, "priority": todo.priority,
            "due_date": todo.due_date, "completed": False}


def list_statement(todo_filter: TodoFilter):
    """Newest first, filtered by completed and priority: the query seed 001's indexes exist for."""
    statement = select(todos_table)
    if todo_filter.completed is not None:
        statement = statement.where(todos_table.c.completed == todo_filter.completed)
    if todo_filter.priority is not None:
        statement = statement.where(todos_table.c.priority == todo_filter.priority)
    return (statement.order_by(todos_table.c.created_at.desc(), todos_table.c.id.desc())
            .limit(todo_filter.limit).offset(todo_filter.offset))


class TodoRepository:
    """Every call opens a Session, borrows one connection, and gives it back when the session closes."""

    def __init__(self, engine):
        self.engine = engine
        self.session = sessionmaker(bind=engine, future=True)

    def create_todo(self, todo: NewTodo):
        with self.session() as session:
            row = session.execute(insert(todos_table).values(**insert_values(todo)).returning(todos_table)).fetchone()
            session.commit()
            return row

    def create_todos_bulk(self, todos: List[NewTodo]):
        """Seed 001's bulk endpoint: one multi-row INSERT ... RETURNING in one transaction."""
        with self.session() as session:
            rows = session.execute(
                insert(todos_table).values([insert_values(t) for t in todos]).returning(todos_table)).fetchall()
            session.commit()
            return rows

    def get_todo(self, todo_id: int) -> Optional[object]:
        with self.session() as session:
            return session.execute(select(todos_table).where(todos_table.c.id == todo_id)).fetchone()

    def list_todos(self, todo_filter: TodoFilter):
        with self.session() as session:
            return session.execute(list_statement(todo_filter)).fetchall()

    def update_todo(self, todo_id: int, changes: Dict[str, object]):
        with self.session() as session:
            row = session.execute(update(todos_table).where(todos_table.c.id == todo_id).values(**changes)
                                  .returning(todos_table)).fetchone()
            session.commit()
            return row

    def delete_todo(self, todo_id: int) -> bool:
        with self.session() as session:
            deleted = session.execute(delete(todos_table).where(todos_table.c.id == todo_id)).rowcount
            session.commit()
            return deleted == 1

    def session_info(self):
        with self.session() as session:
            return session.execute(SESSION_QUERY).fetchone()

    def close(self):
        self.engine.dispose()
