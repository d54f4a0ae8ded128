"""Test helpers for the WhatsApp channel: a fake Graph API, settings, a Redis memory of its own, and the channel
served by Sanic. Everything listens on 127.0.0.1; the fixtures in conftest.py start and stop it."""
from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from aiohttp import web

from channels.whatsapp.geheugen import RedisGeheugen
from channels.whatsapp.graph import GraphClient
from channels.whatsapp.instellingen import WhatsAppInstellingen
from channels.whatsapp.kanaal import WhatsAppInput
from whatsapp_voorbeelden import APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, body_en_handtekening

REDIS_URL = "redis://127.0.0.1:6379/0"
TOKEN = "test-access-token"
SJABLOON = "wegwijs_opvolging"
WACHTEN = 5.0  # seconds: the most any test waits for something to happen


@dataclass
class NepGraph:
    """Records every request; answers with the scripted statuses first, then 200 with a message id."""

    url: str = ""
    verzoeken: list[dict[str, Any]] = field(default_factory=list)
    statussen: list[int] = field(default_factory=list)
    nieuw_verzoek: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def berichten(self) -> list[dict[str, Any]]:
        return [verzoek["json"] for verzoek in self.verzoeken]

    async def wacht_op(self, aantal: int) -> list[dict[str, Any]]:
        async def genoeg() -> None:
            while len(self.verzoeken) < aantal:
                self.nieuw_verzoek.clear()
                await self.nieuw_verzoek.wait()
        await asyncio.wait_for(genoeg(), WACHTEN)
        return self.berichten

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post(f"/v25.0/{PHONE_NUMBER_ID}/messages", self._berichten)
        return app

    async def _berichten(self, request: web.Request) -> web.Response:
        inhoud = await request.json()
        self.verzoeken.append({"pad": request.path, "authorization": request.headers.get("Authorization"),
                               "json": inhoud})
        self.nieuw_verzoek.set()
        if self.statussen:
            status = self.statussen.pop(0)
            fout = {"error": {"message": "(#130429) Rate limit hit", "type": "OAuthException",
                              "code": 130429 if status == 429 else 131000, "fbtrace_id": "AbCdEf"}}
            return web.json_response(fout, status=status)
        return web.json_response({"messaging_product": "whatsapp",
                                  "contacts": [{"input": inhoud.get("to"), "wa_id": inhoud.get("to")}],
                                  "messages": [{"id": f"wamid.nep.{len(self.verzoeken)}"}]})


def instellingen(graph_url: str, **anders: Any) -> WhatsAppInstellingen:
    return WhatsAppInstellingen(**{"phone_number_id": PHONE_NUMBER_ID, "access_token": TOKEN,
                                   "app_secret": APP_SECRET, "verify_token": VERIFY_TOKEN,
                                   "graph_url": graph_url, "template_name": SJABLOON, **anders})


def snelle_graph(instelling: WhatsAppInstellingen) -> GraphClient:
    return GraphClient(instelling, pogingen=3, eerste_pauze=0.01)


async def redis_geheugen(voorvoegsel: str | None = None, **anders: Any) -> RedisGeheugen:
    """A Redis memory under a prefix of its own (the server is shared), or under `voorvoegsel` to share one with
    another memory, as two processes do; skips visibly when no Redis runs."""
    geheugen = RedisGeheugen(REDIS_URL, voorvoegsel=voorvoegsel or f"test:wegwijs:{uuid.uuid4().hex}", **anders)
    try:
        await geheugen._redis.ping()
    except Exception as fout:
        await geheugen.sluit()
        pytest.skip(f"Redis draait niet op 127.0.0.1:6379 ({type(fout).__name__})")
    return geheugen


async def ruim_redis_op(geheugen: RedisGeheugen) -> None:
    sleutels = [sleutel async for sleutel in geheugen._redis.scan_iter(match=f"{geheugen._voorvoegsel}:*")]
    if sleutels:
        await geheugen._redis.delete(*sleutels)
    await geheugen.sluit()


@dataclass
class KanaalServer:
    url: str
    kanaal: WhatsAppInput
    client: httpx.AsyncClient

    async def post(self, document: dict[str, Any], handtekening: str | None = "goed",
                   body: bytes | None = None) -> httpx.Response:
        """Posts a notification as Meta does: signed, or with the given (wrong) signature, or unsigned (None)."""
        inhoud, goede = body_en_handtekening(document)
        headers = {"Content-Type": "application/json"}
        if handtekening is not None:
            headers["X-Hub-Signature-256"] = goede if handtekening == "goed" else handtekening
        return await self.client.post("/webhooks/whatsapp/webhook", content=body or inhoud, headers=headers)

    async def klaar(self) -> None:
        """Waits until every message taken on has been handled."""
        taken = list(self.kanaal._laatste_taak.values())
        if taken:
            await asyncio.wait_for(asyncio.gather(*taken), WACHTEN)
