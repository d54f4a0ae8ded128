"""Fixtures: the fake Graph API, the channel's memory (in this process and in Redis), and the channel served by
Sanic; all on 127.0.0.1 and stopped after each test."""
from __future__ import annotations

import contextlib
import uuid
from typing import Any, AsyncIterator, Awaitable, Callable

import httpx
import pytest
from aiohttp import web

from channels.whatsapp.geheugen import GeheugenInProces, RedisGeheugen
from channels.whatsapp.kanaal import WhatsAppInput
from tests.sanic_server import op_loopback
from whatsapp_hulp import WACHTEN, KanaalServer, NepGraph, instellingen, redis_geheugen, ruim_redis_op, snelle_graph


@pytest.fixture
async def nep_graph() -> AsyncIterator[NepGraph]:
    graph = NepGraph()
    runner = web.AppRunner(graph.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    graph.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    try:
        yield graph
    finally:
        await runner.cleanup()


@pytest.fixture(params=["in_proces", "redis"])
async def geheugen(request) -> AsyncIterator[GeheugenInProces | RedisGeheugen]:
    if request.param == "in_proces":
        yield GeheugenInProces()
        return
    geheugen = await redis_geheugen()
    try:
        yield geheugen
    finally:
        await ruim_redis_op(geheugen)


@pytest.fixture
async def start_kanaal(nep_graph: NepGraph, monkeypatch) -> AsyncIterator[Callable[..., Awaitable[KanaalServer]]]:
    """Starts the channel's blueprint in a Sanic app on a free port, with the given on_new_message."""
    from sanic import Sanic

    monkeypatch.setattr(Sanic, "test_mode", True)  # lets Sanic 21.12 start more than one app in one process
    gestart = []
    servers = contextlib.AsyncExitStack()

    async def start(on_new_message: Callable[[Any], Awaitable[Any]], geheugen=None, herstel_interval: float = 60.0,
                    **anders: Any) -> KanaalServer:
        instelling = instellingen(nep_graph.url, **anders)
        kanaal = WhatsAppInput(instelling, geheugen=geheugen, graph=snelle_graph(instelling),
                               herstel_interval=herstel_interval)
        app = Sanic(f"whatsapp_test_{uuid.uuid4().hex}")
        app.blueprint(kanaal.blueprint(on_new_message), url_prefix="/webhooks/whatsapp")  # as Rasa mounts it
        client = httpx.AsyncClient(base_url=await servers.enter_async_context(op_loopback(app)), timeout=WACHTEN)
        gestart.append((client, kanaal))
        return KanaalServer(str(client.base_url), kanaal, client)

    yield start
    for client, kanaal in gestart:
        await client.aclose()
        await kanaal.graph.sluit()
    await servers.aclose()
