"""The health checks: /health/live while the process answers, /health/ready only while the database and the
assistant are reachable (503 otherwise, naming the part, with no error text)."""
from __future__ import annotations

import httpx

from conftest import start_web, stop_web
from nep_rasa_rest import RASA_TOKEN, NepRasa
from wegwijs.opslag import Opslag


def test_ready_follows_the_assistant_and_live_does_not(tmp_path):
    rasa = NepRasa()
    rasa.start()
    proces, url = start_web({"RASA_URL": rasa.url, "RASA_TOKEN": RASA_TOKEN,
                             "DATABASE_URL": f"sqlite:///{tmp_path / 'wegwijs.db'}"}, tmp_path / "web.log")
    try:
        klaar = httpx.get(url + "/health/ready", timeout=10)
        assert klaar.status_code == 200
        assert klaar.json() == {"status": "ok", "onderdelen": {"database": "ok", "assistent": "ok"}}
        rasa.stop()  # the assistant goes away
        niet = httpx.get(url + "/health/ready", timeout=10)
        assert niet.status_code == 503
        assert niet.json() == {"status": "niet klaar", "onderdelen": {"database": "ok", "assistent": "onbereikbaar"}}
        assert httpx.get(url + "/health/live", timeout=10).status_code == 200
        rasa.start()  # and comes back
        assert httpx.get(url + "/health/ready", timeout=10).status_code == 200
    finally:
        stop_web(proces)
        if rasa.draait:
            rasa.stop()


def test_a_database_that_does_not_answer_is_not_reachable():
    # port 1 on loopback: nothing listens there, the connection is refused at once
    opslag = Opslag("postgresql://wegwijs@127.0.0.1:1/wegwijs?connect_timeout=2")
    try:
        assert opslag.bereikbaar() is False
    finally:
        opslag.engine.dispose()
