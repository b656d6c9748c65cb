"""A small notification service on Quart.

Quart serves every request of a worker from one long-lived event loop. A blocking call in
any coroutine therefore stalls every connection of that worker, websockets included, for
as long as it lasts; a plain ``def`` view is different, Quart runs it in a thread.

Each line marked ``# expect: FASnnn`` is a mistake flask-async-lint reports; the code
after it does the same job the way that keeps the event loop free. Run
``flask-async-lint examples/quart_app`` to see the findings.
"""
import asyncio
import queue
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import aiofiles
import httpx
import requests
from quart import Quart, request, websocket

app = Quart(__name__)

DATABASE = Path(__file__).with_name("subscribers.db")
UPLOADS = Path(__file__).with_name("uploads")
WEATHER_API = "https://weather.example/api"

subscriber_lock = threading.Lock()
async_subscriber_lock = asyncio.Lock()  # one event loop per process: safe to share in Quart
subscribers: set[str] = set()
outbox: queue.Queue[str] = queue.Queue(maxsize=1000)  # drained by a mailer thread


def count_subscribers():
    with sqlite3.connect(DATABASE) as conn:
        return conn.execute("SELECT count(*) FROM subscribers").fetchone()[0]


# --- Startup and shutdown ---------------------------------------------------------------

@app.before_serving
async def open_clients():
    # One client for the whole app: Quart's event loop lives as long as the process.
    app.weather_client = httpx.AsyncClient(base_url=WEATHER_API, timeout=5)


@app.after_serving
async def close_clients():
    await app.weather_client.aclose()


# --- Calling other HTTP services ------------------------------------------------------

@app.route("/blocking/forecast/<city>")
async def forecast_blocking(city):
    reply = requests.get(f"{WEATHER_API}/forecast/{city}", timeout=5)  # expect: FAS101
    return reply.json()


@app.route("/forecast/<city>")
async def forecast(city):
    reply = await app.weather_client.get(f"/forecast/{city}")
    return reply.json()


# --- Databases, files and processes ---------------------------------------------------------

@app.route("/blocking/stats")
async def stats_blocking():
    conn = sqlite3.connect(DATABASE)  # expect: FAS102
    try:
        total = conn.execute("SELECT count(*) FROM subscribers").fetchone()[0]
    finally:
        conn.close()
    return {"subscribers": total}


@app.route("/stats")
async def stats():
    return {"subscribers": await asyncio.to_thread(count_subscribers)}


@app.post("/blocking/avatar/<name>")
async def avatar_blocking(name):
    data = await request.get_data()
    with open(UPLOADS / f"{name}.png", "wb") as fh:  # expect: FAS103
        fh.write(data)
    subprocess.run(["optipng", str(UPLOADS / f"{name}.png")], check=True)  # expect: FAS104
    return {"saved": name}


@app.post("/avatar/<name>")
async def avatar(name):
    data = await request.get_data()
    async with aiofiles.open(UPLOADS / f"{name}.png", "wb") as fh:
        await fh.write(data)
    optimiser = await asyncio.create_subprocess_exec("optipng", str(UPLOADS / f"{name}.png"))
    await optimiser.wait()
    return {"saved": name}


# --- Waiting: locks, queues, pauses -------------------------------------------------------

@app.post("/blocking/subscribe/<email>")
async def subscribe_blocking(email):
    with subscriber_lock:  # expect: FAS105
        subscribers.add(email)
    outbox.put(f"welcome {email}")  # expect: FAS105
    return {"subscribers": len(subscribers)}


@app.post("/subscribe/<email>")
async def subscribe(email):
    async with async_subscriber_lock:
        subscribers.add(email)
    try:
        outbox.put_nowait(f"welcome {email}")
    except queue.Full:
        return {"error": "try again later"}, 503
    return {"subscribers": len(subscribers)}


@app.websocket("/blocking/ticker")
async def ticker_blocking():
    while True:
        await websocket.send(f"{len(subscribers)} subscribers")
        time.sleep(1)  # expect: FAS100


@app.websocket("/ticker")
async def ticker():
    while True:
        await websocket.send(f"{len(subscribers)} subscribers")
        await asyncio.sleep(1)


# --- Sync views are not event-loop code ----------------------------------------------------

@app.route("/health")
def health():
    # Quart runs a plain ``def`` view in a thread, so blocking here stalls no one else.
    time.sleep(0.1)
    return {"subscribers": count_subscribers()}
