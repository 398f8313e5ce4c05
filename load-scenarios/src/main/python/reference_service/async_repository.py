"""Seed 001's phase 2 todo_repository.py: the same functions as ``async def`` over create_async_engine + asyncpg.

The seed writes ``async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)``; SQLAlchemy 1.4
spells that ``sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)``.
"""
from typing import Dict, List

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import sessionmaker

from .repository import SESSION_QUERY, insert_values, list_statement, todos_table
from .todo_json import NewTodo, TodoFilter


class AsyncTodoRepository:
    """Every call opens an AsyncSession, awaits one connection, and gives it back when the session closes."""

    def __init__(self, engine):
        self.engine = engine
        self.session = sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)

    async def create_todo(self, todo: NewTodo):
        async with self.session() as session:
            result = await session.execute(insert(todos_table).values(**insert_values(todo)).returning(todos_table))
            row = result.fetchone()
            await session.commit()
            return row

    async def create_todos_bulk(self, todos: List[NewTodo]):
        async with self.session() as session:
            result = await session.execute(
                insert(todos_table).values([insert_values(t) for t in todos]).returning(todos_table))
            rows = result.fetchall()
            await session.commit()
            return rows

    async def get_todo(self, todo_id: int):
        async with self.session() as session:
            return (await session.execute(select(todos_table).where(todos_table.c.id == todo_id))).fetchone()

    async def list_todos(self, todo_filter: TodoFilter):
        async with self.session() as session:
            return (await session.execute(list_statement(todo_filter))).fetchall()

    async def update_todo(self, todo_id: int, changes: Dict[str, object]):
        async with self.session() as session:
            result = await session.execute(update(todos_table).where(todos_table.c.id == todo_id).values(**changes)
                                           .returning(todos_table))
            row = result.fetchone()
            await session.commit()
            return row

    async def delete_todo(self, todo_id: int) -> bool:
        async with self.session() as session:
            result = await session.execute(delete(todos_table).where(todos_table.c.id == todo_id))
            await session.commit()
            return result.rowcount == 1

    async def session_info(self):
        async with self.session() as session:
            return (await session.execute(SESSION_QUERY)).fetchone()

    async def close(self):
        await self.engine.dispose()
