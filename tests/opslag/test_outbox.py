"""The outbox against a local webhook target (127.0.0.1) that is down, fails, then recovers: every notification
arrives, none twice. Bounded: a handful of notifications, a few rounds, timeouts on everything."""
from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import select

from wegwijs.opslag import modellen as m
from wegwijs.opslag import outbox
from wegwijs.opslag.outbox import LEASE, bezorg, wachttijd

from .conftest import NU, maak_overdracht

AANTAL = 4


class Doel:
    """A webhook receiver that answers 503 to the first `fouten` requests, then 200; it dedupes on the key."""

    def __init__(self, fouten: int, bij_verzoek=None):
        self.fouten = fouten
        self.bij_verzoek = bij_verzoek  # called with each request's key before it is answered
        self.verzoeken: list[tuple[str, dict]] = []
        self.ontvangen: dict[str, dict] = {}
        self.slot = threading.Lock()

    def handler(self):
        doel = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                lengte = int(self.headers.get("Content-Length", 0))
                inhoud = json.loads(self.rfile.read(lengte))
                sleutel = self.headers.get("Idempotency-Key")
                with doel.slot:
                    doel.verzoeken.append((sleutel, inhoud))
                    fout = doel.fouten > 0
                    doel.fouten -= fout
                    if not fout:
                        doel.ontvangen.setdefault(sleutel, inhoud)
                if doel.bij_verzoek:
                    doel.bij_verzoek(sleutel)
                self.send_response(503 if fout else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


@contextmanager
def server(doel: Doel, poort: int = 0):
    httpd = ThreadingHTTPServer(("127.0.0.1", poort), doel.handler())
    draad = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    draad.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/melding"
    finally:
        httpd.shutdown()
        httpd.server_close()
        draad.join(timeout=5)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rijen(opslag):
    with opslag._transactie() as s:
        return [(r.sleutel, r.status, r.pogingen) for r in s.scalars(select(m.Melding).order_by(m.Melding.id))]


def test_wachttijd_groeit_tot_een_uur():
    assert [wachttijd(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert wachttijd(20) == dt.timedelta(hours=1)


def test_doel_plat_dan_haperend_dan_weer_goed(opslag, teams):
    ids = [maak_overdracht(opslag, teams["a"], gesprek=f"g{i}").id for i in range(AANTAL)]
    poort = vrije_poort()
    omgeving = {"TEAM_A_WEBHOOK": f"http://127.0.0.1:{poort}/melding", "WEGWIJS_INBOX_URL": "https://inbox.test/inbox"}

    plat = bezorg(opslag, NU, omgeving=omgeving)  # nothing listens: refused
    assert (plat.verstuurd, plat.mislukt, plat.wachtend) == (0, AANTAL, AANTAL)
    assert all(status == "wachtend" and pogingen == 1 for _, status, pogingen in _rijen(opslag))
    assert bezorg(opslag, NU + dt.timedelta(seconds=10), omgeving=omgeving).mislukt == 0  # backoff: not yet due

    doel = Doel(fouten=2)
    with server(doel, poort):
        nu = NU
        for _ in range(6):
            nu += dt.timedelta(hours=1)
            if bezorg(opslag, nu, omgeving=omgeving).wachtend == 0:
                break
        opnieuw = bezorg(opslag, nu + dt.timedelta(hours=1), omgeving=omgeving)

    assert (opnieuw.verstuurd, opnieuw.wachtend) == (0, 0)
    sleutels = [sleutel for sleutel, _, _ in _rijen(opslag)]
    assert sorted(doel.ontvangen) == sorted(sleutels)  # everything arrived
    gelukt = [k for k, _ in doel.verzoeken[2:]]
    assert len(gelukt) == len(set(gelukt)) == AANTAL  # each accepted exactly once
    assert {k for k, _ in doel.verzoeken[:2]} <= set(sleutels)  # a retry carries the same key
    assert sorted(i["overdracht_id"] for i in doel.ontvangen.values()) == sorted(ids)
    inhoud = next(iter(doel.ontvangen.values()))
    assert inhoud["link"] == f"https://inbox.test/inbox/{inhoud['overdracht_id']}" and "vraag" not in inhoud


def test_niet_ingesteld_wacht_tot_het_wel_is(opslag, teams):
    maak_overdracht(opslag, teams["a"])
    uitslag = bezorg(opslag, NU, omgeving={})
    assert (uitslag.mislukt, uitslag.wachtend) == (1, 1)
    with opslag._transactie() as s:
        assert "TEAM_A_WEBHOOK" in s.scalar(select(m.Melding.laatste_fout))
    doel = Doel(fouten=0)
    with server(doel) as url:
        assert bezorg(opslag, NU + dt.timedelta(minutes=1), omgeving={"TEAM_A_WEBHOOK": url}).verstuurd == 1
    assert len(doel.verzoeken) == 1


def test_afgebroken_bezorger_wordt_overgenomen_met_dezelfde_sleutel(opslag, teams):
    maak_overdracht(opslag, teams["a"])
    with opslag._transactie() as s:  # a deliverer claimed the row and stopped before marking it
        rij = s.scalar(select(m.Melding))
        rij.status, rij.bezig_tot, sleutel = "bezig", NU + dt.timedelta(minutes=5), rij.sleutel
    doel = Doel(fouten=0)
    with server(doel) as url:
        omgeving = {"TEAM_A_WEBHOOK": url}
        assert bezorg(opslag, NU + dt.timedelta(minutes=1), omgeving=omgeving).verstuurd == 0  # lease still runs
        assert bezorg(opslag, NU + dt.timedelta(minutes=6), omgeving=omgeving).verstuurd == 1
    assert [k for k, _ in doel.verzoeken] == [sleutel]


def test_twee_bezorgers_tegelijk_versturen_niets_dubbel(opslag, teams):
    for i in range(AANTAL):
        maak_overdracht(opslag, teams["a"], gesprek=f"g{i}")
    doel = Doel(fouten=0)
    with server(doel) as url:
        omgeving, start, fouten = {"TEAM_A_WEBHOOK": url}, threading.Barrier(2), []

        def bezorger():
            start.wait(timeout=10)
            try:
                bezorg(opslag, NU, omgeving=omgeving)
            except Exception as fout:  # reported below; a failure must not hide a double send
                fouten.append(fout)

        draden = [threading.Thread(target=bezorger) for _ in range(2)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join(timeout=60)
    assert not fouten
    sleutels = [k for k, _ in doel.verzoeken]
    assert len(sleutels) == len(set(sleutels)) == AANTAL


def test_lange_ronde_rijen_laat_in_de_ronde_houden_hun_lease(opslag, teams, monkeypatch):
    """Each send of deliverer A takes 2 minutes (a slow receiver), so A reaches its fourth row 6 minutes after the
    round began, past a lease counted from the start. Deliverer B starts while A sends that row."""
    for i in range(AANTAL):
        maak_overdracht(opslag, teams["a"], gesprek=f"g{i}")
    per_verzoek = dt.timedelta(minutes=2)
    assert per_verzoek * (AANTAL - 1) > LEASE
    tweede: list = []

    def bij_verzoek(_sleutel):
        if len(doel.verzoeken) == AANTAL and not tweede:  # A sends its last row: now B runs a round
            tweede.append(bezorg(opslag, NU + per_verzoek * AANTAL, omgeving=omgeving))

    doel = Doel(fouten=0, bij_verzoek=bij_verzoek)
    # A's clock: the round has taken 2 minutes for every request the receiver has seen
    monkeypatch.setattr(outbox, "monotonic", lambda: len(doel.verzoeken) * per_verzoek.total_seconds(),
                        raising=False)
    with server(doel) as url:
        omgeving = {"TEAM_A_WEBHOOK": url}
        eerste = bezorg(opslag, NU, omgeving=omgeving)
    sleutels = [k for k, _ in doel.verzoeken]
    assert len(sleutels) - len(set(sleutels)) == 0  # duplicates sent
    assert (eerste.verstuurd, tweede[0].verstuurd) == (AANTAL, 0)
    assert all(status == "verstuurd" for _, status, _ in _rijen(opslag))
