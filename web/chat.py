"""The citizen's chat page at / and its small API, a thin adapter over Rasa's REST channel.

The browser talks only to this server (port 8000); Rasa stays on loopback. The page gets its conversation id from
this server (`POST /api/gesprek`): a `web-` id with an HMAC signature made with the server secret. Both chat
endpoints refuse any other id with 403 and change nothing, so nobody can name another person's conversation (Rasa
keys a conversation by its id alone, and the same Rasa serves WhatsApp). Each message carries an id chosen by
the browser, which keeps unsent messages in localStorage and sends them again after a lost connection: this
server forwards each id to Rasa once and gives a repeated id the same answer, so nothing is sent twice.
New messages beyond a limit per conversation and per address (web/limiet.py) get 429 and wait in the browser; the
look-ups for a worker's messages have a limit of their own, so a script cannot load Rasa through them either.
Messages a buurtteam worker writes from the inbox (bot events while the conversation is paused) are read from
Rasa's tracker, because the REST channel cannot push them.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json as jsonlib
import re
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import yaml
from jinja2 import Environment, FileSystemLoader
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, file, html, json, text

from wegwijs import kanalen
from wegwijs.gesprek.privacy import schone_tekst
from web.limiet import Berichtlimiet
from web.thema import Thema, css, laad_thema

MAP = Path(__file__).resolve().parent
BOT_DOMEIN = MAP.parent / "bot" / "domain"
RASA_SESSIEDUUR = 60   # minutes: Rasa's own default when the domain sets no session_expiration_time
MAX_TEKST = 2000       # characters in one message
# bytes of one chat API request: a message of MAX_TEKST characters fits even with each character written as a JSON
# escape (up to 12 bytes: \ud83d\ude00), with room for the ids
MAX_VERZOEK = 32 * 1024
ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
EIGEN_ID = re.compile(r"^[0-9a-f]{32}$")   # the random part of a conversation id this server made
RASA_TIMEOUT = httpx.Timeout(120.0, connect=3.0)  # the check can take a while on a small server
DRUK = "Het is even druk. Wacht een paar seconden. Daarna wordt uw bericht vanzelf verstuurd."
ONBEKEND_GESPREK = "Dit gesprek is niet bekend. Er is niets verstuurd en niets veranderd. Begin een nieuw gesprek."
TE_GROOT = "Dit verzoek is te groot. Er is niets verstuurd en niets veranderd."

sjablonen = Environment(loader=FileSystemLoader(MAP / "templates"), autoescape=True)
chat_bp = Blueprint("chat")
chat_bp.static("/static", str(MAP / "static"), name="chat_static")


class DoorgeefFout(Exception):
    """Rasa did not answer; `opnieuw` tells whether the same message may be sent again without a double."""

    def __init__(self, melding: str, opnieuw: bool):
        super().__init__(melding)
        self.opnieuw = opnieuw


class Doorgever:
    """Forwards each (sender, message id) to Rasa's REST channel at most once and remembers the outcome a while,
    so a browser that retries after a lost answer, or a second tab, gets the first answer instead of a double."""

    def __init__(self, client: httpx.AsyncClient, rasa_url: str, bewaar_seconden: float = 900,
                 maximaal: int = 10_000):
        self.client = client
        self.webhook = rasa_url.rstrip("/") + "/webhooks/rest/webhook"
        self.bewaar_seconden = bewaar_seconden
        self.maximaal = maximaal
        self._taken: OrderedDict[tuple[str, str], tuple[float, asyncio.Task]] = OrderedDict()

    def bekend(self, afzender: str, bericht_id: str) -> bool:
        """Whether this message is on its way or answered: sending it again costs Rasa nothing."""
        return (afzender, bericht_id) in self._taken

    async def stuur(self, afzender: str, bericht_id: str, tekst: str) -> list[dict]:
        self._opruimen()
        sleutel = (afzender, bericht_id)
        if sleutel not in self._taken:
            taak = asyncio.ensure_future(self._naar_rasa(afzender, tekst))
            taak.add_done_callback(lambda t: t.cancelled() or t.exception())  # outcome is read by whoever waits
            self._taken[sleutel] = (time.monotonic(), taak)
        taak = self._taken[sleutel][1]
        try:
            # shielded: a browser that goes away does not cancel a message Rasa is already handling
            return await asyncio.shield(taak)
        except DoorgeefFout as fout:
            if fout.opnieuw and self._taken.get(sleutel, (0, None))[1] is taak:
                del self._taken[sleutel]  # nothing reached Rasa: the same id may come again
            raise

    async def _naar_rasa(self, afzender: str, tekst: str) -> list[dict]:
        try:
            antwoord = await self.client.post(self.webhook, json={"sender": afzender, "message": tekst})
        except (httpx.ConnectError, httpx.ConnectTimeout):
            raise DoorgeefFout("De assistent is nu niet bereikbaar.", opnieuw=True) from None
        except httpx.HTTPError:
            raise DoorgeefFout("De assistent gaf geen antwoord. Uw bericht is misschien wel aangekomen.",
                               opnieuw=False) from None
        if antwoord.status_code >= 400:
            raise DoorgeefFout("Er ging iets mis bij de assistent. Uw bericht is misschien wel aangekomen.",
                               opnieuw=False)
        return antwoorden_uit_rasa(antwoord.json())

    def _opruimen(self) -> None:
        grens = time.monotonic() - self.bewaar_seconden
        for sleutel, (tijd, taak) in list(self._taken.items()):
            te_veel = len(self._taken) > self.maximaal
            if taak.done() and (tijd < grens or te_veel):
                del self._taken[sleutel]
            elif not te_veel:
                break


def antwoorden_uit_rasa(rasa: Any) -> list[dict]:
    """Rasa's REST replies as the page renders them: text and buttons; anything else is left out."""
    berichten = []
    for item in rasa if isinstance(rasa, list) else []:
        if not isinstance(item, dict):
            continue
        tekst = item.get("text") if isinstance(item.get("text"), str) else ""
        knoppen = [{"titel": k["title"], "payload": k["payload"]} for k in item.get("buttons") or []
                   if isinstance(k, dict) and isinstance(k.get("title"), str) and isinstance(k.get("payload"), str)]
        if tekst or knoppen:
            berichten.append({"tekst": tekst, "knoppen": knoppen})
    return berichten


def berichten_van_medewerker(tracker: dict, na: float) -> tuple[list[dict], bool]:
    """What a worker wrote (bot events while the conversation is paused) after time `na`, and whether the
    conversation is paused now. A reply the inbox appended more than once (the same `metadata.antwoord_id`, after a
    retry) is shown once: the first copy counts, also when it came before `na`."""
    berichten, gepauzeerd, gezien = [], False, set()
    for event in tracker.get("events") or []:
        soort = event.get("event")
        if soort in ("pause", "resume"):
            gepauzeerd = soort == "pause"
        elif soort == "bot" and gepauzeerd and isinstance(event.get("text"), str):
            metadata = event.get("metadata") if isinstance(event.get("metadata"), dict) else {}
            antwoord_id = metadata.get("antwoord_id")
            if isinstance(antwoord_id, str):
                if antwoord_id in gezien:
                    continue
                gezien.add(antwoord_id)
            tijd = float(event.get("timestamp") or 0)
            if tijd > na:
                berichten.append({"tekst": event["text"], "tijd": tijd})
    return berichten, bool(tracker.get("paused", gepauzeerd))


def sessieduur_minuten(domein: Path) -> int:
    """After this many idle minutes the assistant starts a new conversation; the page then forgets the old one."""
    for pad in sorted(domein.glob("*.yml")):
        config = (yaml.safe_load(pad.read_text(encoding="utf-8")) or {}).get("session_config") or {}
        if "session_expiration_time" in config:
            return int(config["session_expiration_time"])
    return RASA_SESSIEDUUR


def handtekening(geheim: bytes, afzender: str) -> str:
    """The signature of a conversation id: HMAC-SHA256 with the server secret, with a label of its own because the
    same secret signs the inbox's login forms."""
    return hmac.new(geheim, b"wegwijs-webchat-gesprek:" + afzender.encode(), hashlib.sha256).hexdigest()


def nieuw_gesprek(geheim: bytes) -> dict:
    """A new conversation id for the web chat, and its signature."""
    afzender = kanalen.gesprek_id("rest", secrets.token_hex(16))
    return {"afzender": afzender, "handtekening": handtekening(geheim, afzender)}


def echt_gesprek(geheim: bytes, afzender: Any, ondertekend: Any) -> bool:
    """Whether this server made the conversation id: a web id of the right shape with its own signature."""
    if not isinstance(afzender, str) or not isinstance(ondertekend, str):
        return False
    eigen = kanalen.eigen_id("rest", afzender)
    if eigen is None or not EIGEN_ID.fullmatch(eigen):
        return False
    # as bytes: compare_digest refuses a str with characters beyond ASCII, and a stranger may send any
    return hmac.compare_digest(handtekening(geheim, afzender).encode(), ondertekend.encode())


@dataclass
class WebChat:
    thema: Thema
    sessieduur: int
    doorgever: Doorgever
    limiet: Berichtlimiet
    opvraaglimiet: Berichtlimiet   # the look-ups for a worker's messages (the page asks every 5 or 30 seconds)
    client: httpx.AsyncClient
    rasa_url: str
    rasa_token: str | None
    geheim: bytes


@chat_bp.listener("before_server_start")
async def _start(app, _loop) -> None:
    instellingen = app.ctx.instellingen
    client = httpx.AsyncClient(timeout=RASA_TIMEOUT)
    app.ctx.webchat = WebChat(laad_thema(instellingen.gemeente), sessieduur_minuten(BOT_DOMEIN),
                              Doorgever(client, instellingen.rasa_url),
                              Berichtlimiet(instellingen.limiet_gesprek, instellingen.limiet_adres),
                              Berichtlimiet(instellingen.limiet_gesprek, instellingen.limiet_adres),
                              client, instellingen.rasa_url.rstrip("/"), instellingen.rasa_token,
                              instellingen.geheim)


@chat_bp.listener("after_server_stop")
async def _stop(app, _loop) -> None:
    await app.ctx.webchat.client.aclose()


@chat_bp.middleware("response")
async def _beveiliging(request: Request, response: HTTPResponse) -> None:
    """Only this server's own files run on the page; only the municipality's own site may embed it."""
    insluiten = " ".join(("'self'",) + request.app.ctx.webchat.thema.insluiten_op)
    response.headers.setdefault(
        "Content-Security-Policy",
        f"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
        f"frame-ancestors {insluiten}")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")


def _chat(request: Request) -> WebChat:
    return request.app.ctx.webchat


@chat_bp.get("/")
async def pagina(request: Request) -> HTTPResponse:
    chat = _chat(request)
    return html(sjablonen.get_template("chat.html").render(thema=chat.thema, sessieduur=chat.sessieduur,
                                                           max_tekst=MAX_TEKST))


@chat_bp.get("/privacy")
async def privacy(request: Request) -> HTTPResponse:
    chat = _chat(request)
    return html(sjablonen.get_template("privacy.html").render(thema=chat.thema, sessieduur=chat.sessieduur))


@chat_bp.get("/thema.css")
async def thema_css(request: Request) -> HTTPResponse:
    return text(css(_chat(request).thema), content_type="text/css; charset=utf-8")


@chat_bp.get("/thema/logo")
async def logo(request: Request) -> HTTPResponse:
    thema = _chat(request).thema
    if thema.logo is None:
        return text("Deze gemeente heeft geen logo ingesteld.", status=404)
    return await file(thema.logo, mime_type=thema.logo_soort)


class OngeldigVerzoek(Exception):
    """A request the page would never send; the message says what is wrong, in plain Dutch."""

    def __init__(self, melding: str, status: int = 400, gesprek_onbekend: bool = False):
        super().__init__(melding)
        self.status = status
        self.gesprek_onbekend = gesprek_onbekend


async def _lees_json(request: Request) -> Any:
    """The request's JSON, read by this server itself (the routes stream) so that a body over MAX_VERZOEK is refused
    with 413 before it is read or parsed; Sanic would otherwise take in up to the app-wide limit first."""
    lengte = request.headers.get("content-length")
    if lengte is not None and (not lengte.isdigit() or int(lengte) > MAX_VERZOEK):
        raise OngeldigVerzoek(TE_GROOT, status=413)
    inhoud = bytearray()
    while (stuk := await request.stream.read()) is not None:
        inhoud += stuk
        if len(inhoud) > MAX_VERZOEK:
            raise OngeldigVerzoek(TE_GROOT, status=413)
    try:
        return jsonlib.loads(inhoud)
    except ValueError:
        return None


async def _gegevens(request: Request) -> dict:
    gegevens = await _lees_json(request)
    if not isinstance(gegevens, dict):
        raise OngeldigVerzoek("Het verzoek is niet goed leesbaar. Laad de pagina opnieuw.")
    if not echt_gesprek(_chat(request).geheim, gegevens.get("afzender"), gegevens.get("handtekening")):
        raise OngeldigVerzoek(ONBEKEND_GESPREK, status=403, gesprek_onbekend=True)
    return gegevens


def _fout(melding: str, status: int, opnieuw: bool) -> HTTPResponse:
    return json({"fout": melding, "opnieuw": opnieuw}, status=status)


def _geweigerd(fout: OngeldigVerzoek) -> HTTPResponse:
    antwoord = {"fout": str(fout), "opnieuw": False}
    if fout.gesprek_onbekend:
        antwoord["nieuw_gesprek"] = True   # the page starts a new conversation
    return json(antwoord, status=fout.status)


@chat_bp.post("/api/gesprek")
async def gesprek(request: Request) -> HTTPResponse:
    """{} -> {afzender, handtekening}: a new conversation. It costs nothing until a message is sent with it."""
    return json(nieuw_gesprek(_chat(request).geheim))


@chat_bp.post("/api/bericht", stream=True)
async def bericht(request: Request) -> HTTPResponse:
    """{afzender, handtekening, id, tekst} -> {berichten: [{tekst, knoppen: [{titel, payload}]}]}"""
    try:
        gegevens = await _gegevens(request)
        if not isinstance(gegevens.get("id"), str) or not ID.fullmatch(gegevens["id"]):
            raise OngeldigVerzoek("Het bericht is niet herkend. Laad de pagina opnieuw.")
        ruw = gegevens.get("tekst") if isinstance(gegevens.get("tekst"), str) else ""
        # NUL and halves of characters: no store can hold them (PostgreSQL refuses them), and nobody types them
        tekst = schone_tekst(ruw).strip()
        if not tekst:
            raise OngeldigVerzoek("Uw bericht is leeg. Typ eerst iets." if not ruw.strip() else
                                  "Uw bericht bevat geen tekens die Wegwijs kan lezen. Er is niets verstuurd. "
                                  "Typ uw bericht opnieuw.")
        if len(tekst) > MAX_TEKST:
            raise OngeldigVerzoek(f"Uw bericht is te lang. Gebruik niet meer dan {MAX_TEKST} tekens.")
    except OngeldigVerzoek as fout:
        return _geweigerd(fout)
    chat, afzender, bericht_id = _chat(request), gegevens["afzender"], gegevens["id"]
    # only new messages count: a queue sent again after a reload, or from a second tab, is never refused
    if not chat.doorgever.bekend(afzender, bericht_id):
        te_druk = _boven_limiet(chat.limiet, afzender, request)
        if te_druk:
            return te_druk
    try:
        berichten = await chat.doorgever.stuur(afzender, bericht_id, tekst)
    except DoorgeefFout as fout:
        return _fout(str(fout), 503 if fout.opnieuw else 502, fout.opnieuw)
    return json({"berichten": berichten})


def _boven_limiet(limiet: Berichtlimiet, afzender: str, request: Request) -> HTTPResponse | None:
    """429 with Retry-After when this conversation or address is over the limit; None when the request may go on.
    Behind a reverse proxy Sanic takes the address from its header (SANIC_PROXIES_COUNT, docs/webchat.md)."""
    wacht = limiet.probeer(afzender, request.remote_addr or request.ip, time.monotonic())
    if not wacht:
        return None
    antwoord = _fout(DRUK, 429, opnieuw=True)
    antwoord.headers["Retry-After"] = str(wacht)
    return antwoord


@chat_bp.post("/api/medewerker", stream=True)
async def medewerker(request: Request) -> HTTPResponse:
    """{afzender, handtekening, na} -> {beschikbaar, gepauzeerd, berichten: [{tekst, tijd}]}: what a worker wrote
    after `na`. Without RASA_TOKEN Rasa's HTTP API is off and workers cannot write over the web chat."""
    try:
        gegevens = await _gegevens(request)
        na = gegevens.get("na", 0)
        if not isinstance(na, (int, float)) or isinstance(na, bool):
            raise OngeldigVerzoek("Het verzoek is niet goed leesbaar. Laad de pagina opnieuw.")
    except OngeldigVerzoek as fout:
        return _geweigerd(fout)
    chat = _chat(request)
    if not chat.rasa_token:
        return json({"beschikbaar": False, "gepauzeerd": False, "berichten": []})
    te_druk = _boven_limiet(chat.opvraaglimiet, gegevens["afzender"], request)
    if te_druk:
        return te_druk
    url = f"{chat.rasa_url}/conversations/{quote(gegevens['afzender'], safe='')}/tracker"
    try:
        antwoord = await chat.client.get(url, params={"include_events": "AFTER_RESTART", "token": chat.rasa_token},
                                         timeout=httpx.Timeout(10.0, connect=3.0))
    except httpx.HTTPError:
        return _fout("De assistent is nu niet bereikbaar.", 503, opnieuw=True)
    if antwoord.status_code >= 400:
        return _fout("De assistent gaf een fout.", 502, opnieuw=True)
    berichten, gepauzeerd = berichten_van_medewerker(antwoord.json(), float(na))
    return json({"beschikbaar": True, "gepauzeerd": gepauzeerd, "berichten": berichten})
