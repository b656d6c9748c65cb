from asyncio import get_event_loop
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    return loop
