"""FAS102: a synchronous database or cache driver on the event loop.

``sqlite3``, ``psycopg2``, sync ``psycopg``, ``pymysql``, ``MySQLdb``,
``mysql.connector``, ``pymongo``, sync ``redis``, SQLAlchemy's sync engine and sessions,
Flask-SQLAlchemy's ``db.session`` and ``Model.query``: every query waits for the server
with the loop held. Use the async driver (``aiosqlite``, ``asyncpg``,
``psycopg.AsyncConnection``, ``redis.asyncio``, ``motor``, SQLAlchemy's ``AsyncSession``) or
``asyncio.to_thread``.
"""
from .base import BlockingCallRule


class SyncDatabase(BlockingCallRule):
    CODE = "FAS102"
    NAME = "blocking-database-call"
    SUMMARY = "synchronous database or cache driver in event-loop code"
