"""Sending to the WhatsApp Cloud API (Meta's Graph API) with httpx. A busy (429) or failing (5xx) API, or a lost
connection, is tried again after a growing pause; other errors are final. Logs name the kind of message, the
status and Meta's error code, never the text or the phone number."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from channels.whatsapp.instellingen import WhatsAppInstellingen

logger = logging.getLogger(__name__)

OPNIEUW_BIJ = frozenset({429, 500, 502, 503, 504})


class VerzendFout(Exception):
    """A message could not be delivered to the Graph API."""


class GraphClient:
    def __init__(self, instellingen: WhatsAppInstellingen, pogingen: int = 5, eerste_pauze: float = 1.0,
                 langste_pauze: float = 30.0, timeout: float = 10.0) -> None:
        self._instellingen = instellingen
        self._pogingen = pogingen
        self._eerste_pauze = eerste_pauze
        self._langste_pauze = langste_pauze
        self._timeout = timeout
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        # made on first use, inside the event loop that serves the channel
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=self._timeout, headers={"Authorization": f"Bearer {self._instellingen.access_token}"})
        return self._client

    async def verstuur(self, ontvanger: str, bericht: dict[str, Any]) -> str | None:
        """Sends one message (a Graph API message without recipient); returns Meta's message id."""
        inhoud = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": ontvanger, **bericht}
        soort = bericht.get("type", "?")
        poging = 0
        while True:
            poging += 1
            laatste = poging >= self._pogingen
            try:
                antwoord = await self.client.post(self._instellingen.berichten_url, json=inhoud)
            except httpx.TransportError as fout:
                logger.warning("WhatsApp: %s-bericht niet verstuurd, poging %d: %s", soort, poging, type(fout).__name__)
                if laatste:
                    raise VerzendFout(f"geen verbinding met de Graph API ({type(fout).__name__})") from None
                await asyncio.sleep(self._pauze(poging, None))
                continue
            if antwoord.is_success:
                return _bericht_id(antwoord)
            code = _foutcode(antwoord)
            logger.warning("WhatsApp: %s-bericht geweigerd, poging %d: status %d, foutcode %s",
                           soort, poging, antwoord.status_code, code)
            if antwoord.status_code not in OPNIEUW_BIJ or laatste:
                raise VerzendFout(f"de Graph API antwoordde {antwoord.status_code} (foutcode {code})")
            await asyncio.sleep(self._pauze(poging, antwoord.headers.get("Retry-After")))

    def _pauze(self, poging: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self._langste_pauze)
        return min(self._eerste_pauze * 2 ** (poging - 1), self._langste_pauze)

    async def sluit(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _foutcode(antwoord: httpx.Response) -> str:
    """Meta's error code and subcode (e.g. 131047: outside the 24-hour window); its message text is not logged,
    as it may quote what was sent."""
    try:
        fout = antwoord.json().get("error") or {}
    except ValueError:
        return "-"
    return "/".join(str(fout[deel]) for deel in ("code", "error_subcode") if deel in fout) or "-"


def _bericht_id(antwoord: httpx.Response) -> str | None:
    try:
        return ((antwoord.json().get("messages") or [{}])[0]).get("id")
    except (ValueError, AttributeError):
        return None
