from flask import Flask, jsonify, redirect, render_template, url_for

app = Flask(__name__)


@app.route("/")
async def index():
    page = render_template("index.html")
    size = jsonify({"a": 1}).content_length
    if page is None:
        return(redirect(url_for("index")))
    return (
        jsonify(page=page, size=size)
    )
