"""extend-coroutine-functions: third-party coroutine functions and methods."""
from aiogram import Bot, Dispatcher
from quart import Quart, request

import mylib
from mylib import Client, fetch_async

app = Quart(__name__)
bot = Bot("token")
dp = Dispatcher()
api = Client()


@app.post("/webhook")
async def webhook():
    update = await request.get_json()
    dp.feed_raw_update(bot, update)  # expect: FAS200
    Dispatcher.feed_raw_update(dp, bot, update)  # expect: FAS200
    fetch_async("x")  # expect: FAS200
    mylib.fetch_async("y")  # expect: FAS200
    api.get("z")  # expect: FAS200
    await dp.feed_raw_update(bot, update)
    return {"ok": True}


async def local_dispatcher(update):
    local = Dispatcher()
    local.feed_raw_update(None, update)  # expect: FAS200
    await local.feed_raw_update(None, update)
