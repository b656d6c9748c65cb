"""Async clients bound to the event loop they were first used on (FAS504).

Made once and reused across Flask's per-request event loops, they fail: a pooled
connection or a future belongs to a loop that Flask has closed.
"""
from __future__ import annotations

LOOP_BOUND_CLIENTS: dict[str, str] = {
    "httpx.AsyncClient": "httpx.AsyncClient",
    "aiohttp.ClientSession": "aiohttp.ClientSession",
    "aiohttp.TCPConnector": "aiohttp.TCPConnector",
    "aiohttp.client.ClientSession": "aiohttp.ClientSession",
    "redis.asyncio.Redis": "redis.asyncio.Redis",
    "redis.asyncio.StrictRedis": "redis.asyncio.Redis",
    "redis.asyncio.from_url": "redis.asyncio.Redis",
    "redis.asyncio.Redis.from_url": "redis.asyncio.Redis",
    "redis.asyncio.client.Redis": "redis.asyncio.Redis",
    "redis.asyncio.ConnectionPool": "redis.asyncio.ConnectionPool",
    "redis.asyncio.ConnectionPool.from_url": "redis.asyncio.ConnectionPool",
    "motor.motor_asyncio.AsyncIOMotorClient": "Motor client",
    "pymongo.AsyncMongoClient": "pymongo.AsyncMongoClient",
    "sqlalchemy.ext.asyncio.create_async_engine": "asyncpg engine",
}
# Only with a literal URL naming this driver, and without ``poolclass=NullPool``.
ENGINE_FACTORIES = frozenset({"sqlalchemy.ext.asyncio.create_async_engine"})
ENGINE_DRIVER_MARK = "+asyncpg"
# Session makers bound to such an engine share its pool.
SESSION_MAKERS = frozenset({
    "sqlalchemy.ext.asyncio.async_sessionmaker", "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.ext.asyncio.AsyncSession",
})
