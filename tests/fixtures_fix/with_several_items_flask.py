import aiofiles
from flask import Flask

app = Flask(__name__)


async def job():
    # the keyword is right for aiofiles: no fix (the statement has to be split)
    async with app.app_context() as ctx, aiofiles.open("f") as fh:
        await fh.read()
    # every item is a Flask context: the fix applies
    async with (
        app.app_context() as c2,
        app.test_request_context("/") as c3,
    ):
        return ctx, c2, c3
