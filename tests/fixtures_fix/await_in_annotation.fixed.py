from __future__ import annotations


async def fetch():
    return 1


async def view():
    def inner(x: fetch()):
        return x
    y: {"a": fetch()} = 1
    z = {"a": await fetch()}
    return inner, y, z
