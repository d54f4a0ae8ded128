"""Health checks for whoever runs the web app (Kubernetes probes, a load balancer, monitoring):

- GET /health/live: the process answers (200). A restart helps only when this fails.
- GET /health/ready: the app can do its work now: the database answers and the assistant (Rasa) is reachable.
  200 when both do, else 503, with per part "ok" or "onbereikbaar" (never an error text, which could name a
  host or a user). Take the instance out of the load balancer while it is 503; do not restart it for that.
"""
from __future__ import annotations

import asyncio

import httpx
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

gezondheid_bp = Blueprint("gezondheid", url_prefix="/health")
TIMEOUT = 2.0  # seconds per check: a probe must answer well within its own timeout


@gezondheid_bp.get("/live")
async def leeft(_: Request) -> HTTPResponse:
    return json({"status": "ok"}, headers={"Cache-Control": "no-store"})


@gezondheid_bp.get("/ready")
async def klaar(request: Request) -> HTTPResponse:
    database, assistent = await asyncio.gather(_database(request), _assistent(request))
    onderdelen = {"database": database, "assistent": assistent}
    goed = all(stand == "ok" for stand in onderdelen.values())
    return json({"status": "ok" if goed else "niet klaar", "onderdelen": onderdelen}, status=200 if goed else 503,
                headers={"Cache-Control": "no-store"})


async def _database(request: Request) -> str:
    opslag = getattr(request.app.ctx, "opslag", None)
    if opslag is None:
        return "onbereikbaar"
    try:
        bereikbaar = await asyncio.wait_for(asyncio.to_thread(opslag.bereikbaar), TIMEOUT)
    except asyncio.TimeoutError:
        bereikbaar = False
    return "ok" if bereikbaar else "onbereikbaar"


async def _assistent(request: Request) -> str:
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            antwoord = await client.get(request.app.ctx.instellingen.rasa_url.rstrip("/") + "/")
    except httpx.HTTPError:
        return "onbereikbaar"
    return "ok" if antwoord.status_code < 500 else "onbereikbaar"
