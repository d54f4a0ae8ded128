"""A Sanic app served on a free port of 127.0.0.1 for the length of a test, stopped cleanly afterwards."""
from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import AsyncIterator


@contextlib.asynccontextmanager
async def op_loopback(app) -> AsyncIterator[str]:
    """Serve `app` on 127.0.0.1 and yield its base URL. Set `Sanic.test_mode` first when a process starts more than
    one app (Sanic 21.12 rewrites some of its own methods when a server starts, except in test mode)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        taken = [t for t in (getattr(v, "_task", None) for v in server.connections) if t]
        for verbinding in list(server.connections):
            verbinding.abort()  # a browser keeps idle keep-alive connections open
        await asyncio.gather(*taken, return_exceptions=True)
        await server.after_stop()
        sock.close()
