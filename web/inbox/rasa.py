"""Talking to the citizen through Rasa's HTTP API (enabled only with a token; Rasa listens on loopback).

A worker's message is appended to the conversation as a bot utterance with `execute_side_effects`, so Rasa sends
it over the channel the person last used (`output_channel=latest`). The event carries the reply's idempotency key
as `metadata: {"antwoord_id": ...}`: a channel delivers each key at most once, and the inbox finds out from the
tracker whether a reply whose answer never came is there. While a worker talks, the bot is paused for that
conversation (a `pause` event); handing back appends `resume`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

import httpx

TIMEOUT = httpx.Timeout(5.0, connect=2.0)


class RasaFout(Exception):
    """Rasa could not be reached or refused the request; the message is meant for the worker. `onzeker`: the
    request may have had its effect all the same (no answer in time, the connection broke, an error after the
    work), so only the tracker can tell."""

    def __init__(self, tekst: str, onzeker: bool = False):
        super().__init__(tekst)
        self.onzeker = onzeker


@dataclass(frozen=True)
class BurgerBericht:
    tekst: str
    tijd: dt.datetime


@dataclass(frozen=True)
class Gespreksstand:
    gepauzeerd: bool
    kanaal: str | None
    laatste_bericht_burger: dt.datetime | None
    berichten_sinds_pauze: tuple[BurgerBericht, ...]
    antwoorden: frozenset[str] = frozenset()  # the keys (antwoord_id) of the worker replies in the tracker


class RasaClient:
    def __init__(self, basis_url: str, token: str | None, timeout: httpx.Timeout = TIMEOUT):
        self.basis_url = basis_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    @property
    def ingeschakeld(self) -> bool:
        return bool(self.token)

    async def pauzeer(self, gesprek_id: str) -> None:
        await self._events(gesprek_id, [{"event": "pause"}])

    async def hervat(self, gesprek_id: str) -> None:
        await self._events(gesprek_id, [{"event": "resume"}])

    async def wis(self, gesprek_id: str) -> None:
        """Forget the conversation: after a `restart` event the tracker store drops everything before it."""
        await self._events(gesprek_id, [{"event": "restart"}])

    async def stuur(self, gesprek_id: str, tekst: str, antwoord_id: str) -> None:
        """Send `tekst` to the person as a bot utterance over the channel they used last, under its key."""
        await self._events(gesprek_id, [{"event": "bot", "text": tekst, "metadata": {"antwoord_id": antwoord_id}}],
                           {"execute_side_effects": "true", "output_channel": "latest"})

    async def stand(self, gesprek_id: str) -> Gespreksstand:
        # all events: a reply stays findable by its key after the conversation was restarted
        antwoord = await self._verzoek("GET", gesprek_id, "/tracker", params={"include_events": "ALL"})
        return gespreksstand(antwoord.json())

    async def _events(self, gesprek_id: str, events: list[dict], extra: dict | None = None) -> None:
        await self._verzoek("POST", gesprek_id, "/tracker/events", json=events, params=extra or {})

    async def _verzoek(self, methode: str, gesprek_id: str, pad: str, params: dict, json=None) -> httpx.Response:
        if not self.ingeschakeld:
            raise RasaFout("Berichten sturen staat uit: de assistent heeft geen RASA_TOKEN gekregen.")
        url = f"{self.basis_url}/conversations/{quote(gesprek_id, safe='')}{pad}"
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                antwoord = await client.request(methode, url, params={**params, "token": self.token}, json=json)
        except (httpx.ConnectError, httpx.ConnectTimeout):
            raise RasaFout("De assistent is niet bereikbaar.") from None
        except httpx.TimeoutException:
            raise RasaFout("De assistent reageerde niet op tijd.", onzeker=True) from None
        except httpx.HTTPError:
            raise RasaFout("De verbinding met de assistent viel weg.", onzeker=True) from None
        if antwoord.status_code in (401, 403):
            raise RasaFout("De assistent weigerde het verzoek: het token klopt niet.")
        if antwoord.status_code >= 400:
            # Rasa answers 500 also when saving failed after the channel sent the message
            raise RasaFout(f"De assistent gaf een fout (HTTP {antwoord.status_code}).",
                           onzeker=antwoord.status_code >= 500)
        return antwoord


def gespreksstand(tracker: dict) -> Gespreksstand:
    """What the inbox needs from a Rasa tracker: paused or not, the channel, and what the person wrote since the
    worker took over (Rasa keeps logging the person's messages while paused, it just does not answer them)."""
    berichten: list[BurgerBericht] = []
    laatste: dt.datetime | None = None
    antwoorden: set[str] = set()
    for event in tracker.get("events") or []:
        soort = event.get("event")
        if soort == "bot" and isinstance(event.get("metadata"), dict) and event["metadata"].get("antwoord_id"):
            antwoorden.add(str(event["metadata"]["antwoord_id"]))
        elif soort == "pause":
            berichten = []
        elif soort == "user":
            laatste = dt.datetime.fromtimestamp(event.get("timestamp", 0), dt.timezone.utc)
            berichten.append(BurgerBericht(event.get("text") or "", laatste))
    gepauzeerd = bool(tracker.get("paused"))
    kanaal = (tracker.get("latest_input_channel") or None)
    return Gespreksstand(gepauzeerd, kanaal, laatste, tuple(berichten) if gepauzeerd else (), frozenset(antwoorden))
