import time

from flask import Flask, current_app
import asyncio

app = Flask(__name__)


async def job():
    with app.app_context():  # Flask's contexts only support `with`
        await asyncio.sleep(1)
        return current_app.name


async def in_request():
    async   with app.test_request_context("/"), open("x") as handle:
        return handle
