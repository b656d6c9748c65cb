from asyncio import get_event_loop


async def main():
    loop = get_event_loop()
    return loop
