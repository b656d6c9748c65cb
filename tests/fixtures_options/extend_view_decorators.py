"""extend-view-decorators: user decorator names mark views (bare, called, dotted)."""
import asyncio

from flask import Flask

from .registry import api_view, register, rpc

app = Flask(__name__)


async def job():
    await asyncio.sleep(0)


@api_view
def bare():
    return asyncio.run(job())  # expect: FAS502


@api_view("users")
def called():
    return asyncio.run(job())  # expect: FAS502


@rpc.expose("ping")
def dotted():
    return asyncio.run(job())  # expect: FAS502


@register
async def bare_async():
    asyncio.create_task(job())  # expect: FAS301
    return "ok"


@rpc.expose
async def dotted_bare_async():
    asyncio.create_task(job())  # expect: FAS301
    return "ok"


@other.expose("x")
def other_receiver():
    return asyncio.run(job())


async def background():
    asyncio.create_task(job())  # expect: FAS300
