from quart import Quart, render_template, request

app = Quart(__name__)


async def fetch_data():
    return {"value": 1}


async def log_event(name):
    return name


@app.route("/data")
async def data():
    log_event("data")  # discarded coroutine
    result = fetch_data()  # bound, then used as a value
    payload = request.get_json()["key"]
    page = render_template("index.html")
    return {"result": result, "payload": payload, "page": page, "value": fetch_data().get("value")}


def sync_helper():
    log_event("sync")  # FAS200 in a plain def: reported, never fixed
