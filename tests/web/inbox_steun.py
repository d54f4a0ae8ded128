"""Helpers for the inbox tests: the inbox on a real server on 127.0.0.1, a fake Rasa HTTP API, workers and handoffs
in a fresh SQLite database."""
from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import re
import shutil
import socket
import threading
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
from sanic import Sanic

from wegwijs.kennis import laad_kennisbank
from tests.sanic_server import op_loopback
from wegwijs.opslag import Opslag
from wegwijs.overdracht import (Gesprekgegevens, geef_toestemming, herken_signalen, maak_contactvoorkeur,
                                maak_pakket, onderdelen, team_bij_id)
from web.inbox import inbox_bp
from web.instellingen import Instellingen

WACHTWOORD = "een-lang-wachtwoord-voor-tests"
RASA_TOKEN = "test-token-uit-de-omgeving"
_namen = itertools.count()


@dataclass
class RasaVerzoek:
    methode: str
    pad: str
    query: dict
    body: object


@dataclass
class NepRasa:
    """Rasa's HTTP API as far as the inbox uses it: it records every request and answers like Rasa 3.6."""
    server: ThreadingHTTPServer
    verzoeken: list[RasaVerzoek] = field(default_factory=list)
    tracker_events: list[dict] = field(default_factory=list)
    kanaal: str = "rest"     # the channel the person used last
    storing: bool = False    # answer every request with 500, as a Rasa that is in trouble
    # a slow channel (Graph API): while this is an Event that is not set, a bot event waits for it. As Rasa does,
    # the event is in the tracker only after the channel has sent it; `bot_verwerkt` is set then
    houd_bot_vast: threading.Event | None = None
    bot_verwerkt: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def events(self) -> list[dict]:
        """The events appended to conversations, in order, with the query they came with."""
        return [{**e, "_query": v.query, "_pad": v.pad} for v in self.verzoeken
                if v.methode == "POST" for e in v.body]


def start_nep_rasa() -> NepRasa:
    nep: NepRasa

    class Handler(BaseHTTPRequestHandler):
        def _antwoord(self, body: dict, status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the inbox stopped waiting (its timeout), as it does with a slow Rasa

        def _noteer(self, body) -> RasaVerzoek:
            deel = urlsplit(self.path)
            verzoek = RasaVerzoek(self.command, deel.path, {k: v[0] for k, v in parse_qs(deel.query).items()}, body)
            nep.verzoeken.append(verzoek)
            return verzoek

        def _weigering(self, verzoek: RasaVerzoek) -> tuple[dict, int] | None:
            if verzoek.query.get("token") != RASA_TOKEN:
                return {"error": "NotAuthenticated"}, 401
            if nep.storing:
                return {"error": "ConversationError"}, 500
            return None

        def do_GET(self):
            verzoek = self._noteer(None)
            if weiger := self._weigering(verzoek):
                return self._antwoord(*weiger)
            gepauzeerd = False
            for event in nep.tracker_events:
                gepauzeerd = {"pause": True, "resume": False}.get(event["event"], gepauzeerd)
            self._antwoord({"sender_id": verzoek.pad.split("/")[2], "paused": gepauzeerd,
                            "latest_input_channel": nep.kanaal, "events": nep.tracker_events})

        def do_POST(self):
            lengte = int(self.headers.get("Content-Length") or 0)
            verzoek = self._noteer(json.loads(self.rfile.read(lengte) or b"null"))
            if weiger := self._weigering(verzoek):
                return self._antwoord(*weiger)
            bot = any(e.get("event") == "bot" for e in verzoek.body)
            if bot and nep.houd_bot_vast is not None:
                nep.houd_bot_vast.wait(30)
            nep.tracker_events.extend(verzoek.body)
            if bot:
                nep.bot_verwerkt.set()
            self._antwoord({"sender_id": verzoek.pad.split("/")[2], "events": nep.tracker_events})

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    nep = NepRasa(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return nep


def vrije_poort_zonder_server() -> int:
    """A port on 127.0.0.1 where nothing listens: Rasa is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@asynccontextmanager
async def inbox_server(opslag: Opslag, rasa_url: str, rasa_token: str | None = RASA_TOKEN,
                       veilige_cookies: bool = False, achter_proxy: bool = False, **ctx):
    """The inbox blueprint on its own Sanic app, listening on a free port of 127.0.0.1; stopped afterwards.
    `ctx` presets attributes of app.ctx (as the login limit, or the Rasa client). `achter_proxy`: as behind one
    reverse proxy, the client's address comes from X-Forwarded-For (so a test can speak from many addresses)."""
    # Sanic rewrites some of its own methods when a server starts; in test mode it keeps the originals, so that
    # more than one app can start in one process
    Sanic.test_mode = True
    app = Sanic(f"inbox_test_{next(_namen)}")
    app.ctx.instellingen = Instellingen(database_url=opslag.url, rasa_url=rasa_url, rasa_token=rasa_token,
                                           veilige_cookies=veilige_cookies)
    app.ctx.opslag = opslag
    if achter_proxy:
        app.config.PROXIES_COUNT = 1
    for naam, waarde in ctx.items():
        setattr(app.ctx, naam, waarde)
    app.blueprint(inbox_bp)
    async with op_loopback(app) as url:
        yield url


# the workers of every test: e-mail <first name>@buurtteam.test, password WACHTWOORD
MEDEWERKERS = {
    "fatima": ("Fatima Yilmaz", "amsterdam_centrum", "medewerker"),
    "sanne": ("Sanne de Vries", "amsterdam_centrum", "medewerker"),
    "jan": ("Jan Bakker", "amsterdam_noord", "medewerker"),
    "carla": ("Carla Pinas", "amsterdam_centrum", "coordinator"),
    "rob": ("Rob Jansen", "rotterdam_centrum", "coordinator"),
}


@contextmanager
def inbox_server_in_draad(opslag: Opslag, rasa_url: str, **opties):
    """The same server in a thread with its own event loop, for tests that drive it synchronously (Playwright's
    sync API blocks the test's own loop)."""
    gestart = threading.Event()
    uitkomst: dict = {}

    def draai() -> None:
        loop = asyncio.new_event_loop()

        async def dienst() -> None:
            stoppen = asyncio.Event()
            uitkomst["stop"] = lambda: loop.call_soon_threadsafe(stoppen.set)
            async with inbox_server(opslag, rasa_url, **opties) as url:
                uitkomst["url"] = url
                gestart.set()
                await stoppen.wait()

        try:
            loop.run_until_complete(dienst())
        except Exception as fout:  # shown to the test instead of a silent hang
            uitkomst["fout"] = fout
            gestart.set()
        finally:
            loop.close()

    draad = threading.Thread(target=draai, daemon=True)
    draad.start()
    if not gestart.wait(60) or "fout" in uitkomst:
        raise RuntimeError(f"de inbox startte niet: {uitkomst.get('fout', 'geen antwoord binnen 60 s')}")
    try:
        yield uitkomst["url"]
    finally:
        uitkomst["stop"]()
        draad.join(30)


def maak_sjabloon(map: Path) -> Path:
    """A migrated database with the knowledge teams and the workers, made once and copied for each test
    (migrations and password hashing are the slow part)."""
    pad = map / "sjabloon.db"
    opslag = Opslag(f"sqlite:///{pad}")
    opslag.upgrade()
    opslag.synchroniseer_teams(laad_kennisbank())
    for naam, team_id, rol in MEDEWERKERS.values():
        opslag.voeg_medewerker_toe(naam, f"{naam.split()[0].lower()}@buurtteam.test", team_id, rol, WACHTWOORD)
    opslag.engine.dispose()
    return pad


def opslag_uit_sjabloon(sjabloon: Path, map: Path) -> tuple[Opslag, dict]:
    """A fresh database for one test, and its workers by first name."""
    pad = map / "inbox.db"
    shutil.copyfile(sjabloon, pad)
    opslag = Opslag(f"sqlite:///{pad}")
    return opslag, {wie: opslag.medewerker_bij_email(f"{wie}@buurtteam.test") for wie in MEDEWERKERS}


def aanvraag(opslag: Opslag, team_id: str, vraag: str, gesprek_id: str, kanaal: str = "rest",
             zorgen: tuple[str, ...] = (), wachtdagen: int = 0):
    """A handoff as the assistant makes it: consent to every item shown, then the packet."""
    team = team_bij_id(laad_kennisbank(), team_id)
    nu = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=wachtdagen)
    gegevens = Gesprekgegevens(vraag=vraag, zorgen=zorgen, signalen=herken_signalen([vraag, *zorgen]))
    contact = maak_contactvoorkeur("bellen", "06-12345678", "na 15.00 uur")
    getoond = onderdelen(gegevens, contact)
    toestemming = geef_toestemming([o.sleutel for o in getoond], team, getoond, nu=nu)
    return opslag.maak_overdracht(kanaal, gesprek_id, team, maak_pakket(gegevens, contact, toestemming, team),
                                  toestemming, nu=nu)


def csrf_uit(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


async def log_in(client: httpx.AsyncClient, email: str, wachtwoord: str = WACHTWOORD,
                 adres: str | None = None) -> httpx.Response:
    """Log in through the form; `adres`: the client's address as a reverse proxy reports it (achter_proxy)."""
    koppen = {"X-Forwarded-For": adres} if adres else {}
    formulier = await client.get("/inbox/login", headers=koppen)
    return await client.post("/inbox/login", headers=koppen, data={"csrf": csrf_uit(formulier.text), "email": email,
                                                                   "wachtwoord": wachtwoord})
