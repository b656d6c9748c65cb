from flask import Flask, jsonify, redirect, render_template, url_for

app = Flask(__name__)


@app.route("/")
async def index():
    page = await render_template("index.html")
    size = (await jsonify({"a": 1})).content_length
    if page is None:
        return(await redirect(url_for("index")))
    return (
        await jsonify(page=page, size=size)
    )
