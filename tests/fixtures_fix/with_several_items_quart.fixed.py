from quart import Quart

app = Quart(__name__)


@app.route("/")
async def q():
    with app.app_context(), open("f") as fh:
        data = fh.read()
    async with app.app_context(), app.test_request_context("/"):
        return data
