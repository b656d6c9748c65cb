import time

from quart import Quart
import asyncio

app = Quart(__name__)


async def job():
    async with app.app_context():  # Quart's contexts only support `async with`
        await asyncio.sleep(1)
        return app.name


def sync_job():
    with app.app_context():  # no await possible in a plain def: reported, not fixed
        return app.name
