"""FAS200 on Quart awaitables: properties and a walrus binding get their await."""
from quart import Quart, request

app = Quart(__name__)


@app.post("/form")
async def form():
    name = (await request.form)["name"]
    if (data := await request.get_json()) is None:
        return "none"
    return {"name": name, "k": (await request.json).get("k"), "d": data}
