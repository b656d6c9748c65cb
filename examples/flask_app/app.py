"""A small order service on Flask 3 with async views (needs ``pip install "flask[async]"``).

Flask runs every ``async def`` view on a new event loop of its own, in a helper thread,
while the worker thread waits for it. A blocking call in such a view does not freeze the
whole server, as it would in Quart, but it does stall everything the view runs
concurrently (an ``asyncio.gather`` turns sequential) and keeps the worker busy.

Each line marked ``# expect: FASnnn`` is a mistake flask-async-lint reports; the view
after it does the same job the way that keeps the event loop free. Run
``flask-async-lint examples/flask_app`` to see the findings.
"""
import asyncio
import smtplib
import sqlite3
import subprocess
import threading
import time
from email.message import EmailMessage
from pathlib import Path

import httpx
import requests
from flask import Flask, abort

app = Flask(__name__)

DATABASE = Path(__file__).with_name("orders.db")
RECEIPTS = Path(__file__).with_name("receipts")
CARRIER_API = "https://carrier.example/api/v1"

# Made once at import time. Making it is harmless; calling it from an async view is not.
carrier_session = requests.Session()
# Shared between requests, which Flask serves from different threads.
order_counter_lock = threading.Lock()
orders_placed = 0


def load_order(order_id):
    """Plain blocking code, meant to run in a thread (see ``order``)."""
    with sqlite3.connect(DATABASE) as conn:
        return conn.execute("SELECT id, status FROM orders WHERE id = ?", (order_id,)).fetchone()


def read_receipt(order_id):
    with open(RECEIPTS / f"{order_id}.txt", encoding="utf-8") as fh:
        return fh.read()


# --- Reading from the database -------------------------------------------------------

@app.get("/blocking/orders/<int:order_id>")
async def order_blocking(order_id):
    with sqlite3.connect(DATABASE) as conn:  # expect: FAS102
        row = conn.execute("SELECT id, status FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        abort(404)
    return {"id": row[0], "status": row[1]}


@app.get("/orders/<int:order_id>")
async def order(order_id):
    row = await asyncio.to_thread(load_order, order_id)
    if row is None:
        abort(404)
    return {"id": row[0], "status": row[1]}


# --- Calling other HTTP services -----------------------------------------------------

@app.get("/blocking/orders/<int:order_id>/tracking")
async def tracking_blocking(order_id):
    # Two lookups that could overlap run one after the other, and the loop waits for both.
    events = carrier_session.get(f"{CARRIER_API}/events/{order_id}", timeout=5)  # expect: FAS101
    eta = requests.get(f"{CARRIER_API}/eta/{order_id}", timeout=5)  # expect: FAS101
    return {"events": events.json(), "eta": eta.json()}


@app.get("/orders/<int:order_id>/tracking")
async def tracking(order_id):
    # Made per request: Flask closes this request's event loop when the view returns.
    async with httpx.AsyncClient(base_url=CARRIER_API, timeout=5) as client:
        events, eta = await asyncio.gather(
            client.get(f"/events/{order_id}"), client.get(f"/eta/{order_id}")
        )
    return {"events": events.json(), "eta": eta.json()}


@app.post("/blocking/orders/<int:order_id>/notify")
async def notify_blocking(order_id):
    # ``await`` does not make requests asynchronous: the call blocks, then the await
    # raises TypeError on the Response it returned.
    reply = await requests.post(f"{CARRIER_API}/notify/{order_id}", timeout=5)  # expect: FAS202
    return {"sent": reply.ok}


# --- Files and processes ---------------------------------------------------------------

@app.get("/blocking/orders/<int:order_id>/receipt")
async def receipt_blocking(order_id):
    with open(RECEIPTS / f"{order_id}.txt", encoding="utf-8") as fh:  # expect: FAS103
        text = fh.read()
    # The helper's open() is reported here, at the call in the coroutine.
    copy = read_receipt(order_id)  # expect: FAS103
    return {"receipt": text, "matches": text == copy}


@app.get("/orders/<int:order_id>/receipt")
async def receipt(order_id):
    text = await asyncio.to_thread(read_receipt, order_id)
    return {"receipt": text}


@app.post("/blocking/orders/<int:order_id>/label")
async def label_blocking(order_id):
    subprocess.run(["lp", str(RECEIPTS / f"{order_id}.txt")], check=True)  # expect: FAS104
    return {"printed": True}


@app.post("/orders/<int:order_id>/label")
async def label(order_id):
    printer = await asyncio.create_subprocess_exec("lp", str(RECEIPTS / f"{order_id}.txt"))
    return {"printed": await printer.wait() == 0}


# --- Waiting: pauses, mail, locks -------------------------------------------------------

@app.post("/blocking/checkout")
async def checkout_blocking():
    global orders_placed
    time.sleep(0.2)  # expect: FAS100
    with order_counter_lock:  # expect: FAS105
        orders_placed += 1
    message = EmailMessage()
    message["To"], message["Subject"] = "shop@example.com", "New order"
    with smtplib.SMTP("localhost") as smtp:  # expect: FAS105
        smtp.send_message(message)
    return {"orders": orders_placed}


@app.post("/checkout")
async def checkout():
    await asyncio.sleep(0.2)
    # Counting and mailing are blocking work: a thread does them, not the event loop.
    count = await asyncio.to_thread(record_order)
    return {"orders": count}


def record_order():
    global orders_placed
    with order_counter_lock:
        orders_placed += 1
        count = orders_placed
    message = EmailMessage()
    message["To"], message["Subject"] = "shop@example.com", "New order"
    with smtplib.SMTP("localhost") as smtp:
        smtp.send_message(message)
    return count


# --- Sync views are not event-loop code ------------------------------------------------

@app.get("/carrier-status")
def carrier_status():
    # A plain ``def`` view runs in the worker thread: blocking here is what Flask expects.
    time.sleep(0.1)
    return {"up": carrier_session.get(f"{CARRIER_API}/health", timeout=5).ok}
