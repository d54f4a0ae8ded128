"""The web chat's channel in Rasa (channels/web/kanaal.py), mounted as Rasa mounts it from bot/credentials.yml, in
a Sanic app on 127.0.0.1. In place of the assistant: what Rasa does with a message first (the tracker store's
get_or_create_tracker and save, on Rasa's own in-memory store), then an answer "U zei: ...". So a refused call that
created a tracker would show."""
from __future__ import annotations

import json
import uuid
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import yaml
from rasa.core.channels.channel import register
from rasa.core.run import create_http_input_channels
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered

from channels.web.kanaal import WebInput
from tests.sanic_server import op_loopback
from wegwijs import kanalen
from wegwijs.gesprek.privacy import alleen_weggelaten, melding_weggelaten, schoon_bericht

BOT = Path(__file__).resolve().parents[2] / "bot"
BSN = "111222333"                 # passes the 11-proef
IBAN = "NL91ABNA0417164300"       # passes mod-97


class NepAssistent:
    def __init__(self) -> None:
        self.trackers = InMemoryTrackerStore(Domain.empty())
        self.ontvangen: list = []

    async def __call__(self, bericht) -> None:
        self.ontvangen.append(bericht)
        tracker = await self.trackers.get_or_create_tracker(bericht.sender_id)
        tracker.update(UserUttered(bericht.text, input_channel=bericht.input_channel))
        await self.trackers.save(tracker)
        await bericht.output_channel.send_text_message(bericht.sender_id, f"U zei: {bericht.text}")

    async def gesprekken(self) -> list[str]:
        return list(await self.trackers.keys())


@pytest.fixture
async def rasa(monkeypatch):
    """(base URL, NepAssistent): the channel from bot/credentials.yml, mounted at /webhooks/ as Rasa does."""
    from sanic import Sanic

    monkeypatch.setattr(Sanic, "test_mode", True)  # lets Sanic 21.12 start more than one app in one process
    kanalen_uit_bestand = create_http_input_channels(None, str(BOT / "credentials.yml"))
    web = [k for k in kanalen_uit_bestand if k.name() == "rest"]
    assert len(web) == 1 and isinstance(web[0], WebInput)
    assistent = NepAssistent()
    app = Sanic(f"web_kanaal_{uuid.uuid4().hex}")
    app.ctx.agent = SimpleNamespace(handle_message=assistent)  # what register() hands each message to
    register(web, app, route="/webhooks/")
    async with op_loopback(app) as url:
        yield f"{url}/webhooks/rest/webhook", assistent


def web_id() -> str:
    return kanalen.gesprek_id("rest", uuid.uuid4().hex)


def test_both_credentials_files_use_this_channel_for_rest():
    for naam in ("credentials.yml", "credentials.productie.yml"):
        kanalen_ = yaml.safe_load((BOT / naam).read_text(encoding="utf-8"))
        assert "rest" not in kanalen_ and "channels.web.WebInput" in kanalen_, naam
    assert WebInput.name() == "rest"  # so /webhooks/rest/webhook and latest_input_channel stay as they were


async def test_a_web_message_reaches_rasa_as_rest(rasa):
    url, assistent = rasa
    afzender = web_id()
    async with httpx.AsyncClient() as client:
        antwoord = await client.post(url, json={"sender": afzender, "message": "hoi",
                                                "input_channel": "whatsapp", "metadata": {"antwoord_id": "x"}})
    assert antwoord.status_code == 200
    assert antwoord.json() == [{"recipient_id": afzender, "text": "U zei: hoi"}]
    tracker = await assistent.trackers.retrieve(afzender)
    assert tracker.get_latest_input_channel() == "rest"   # the caller cannot choose another channel
    assert assistent.ontvangen[0].metadata is None       # nor metadata


def pogingen() -> list:
    """Everything that is not a web conversation id, as the sender."""
    return ["31612345678", "+31612345678", "0612345678", "wa-31612345678", "wa-", "web-", "WEB-" + uuid.uuid4().hex,
            " web-" + uuid.uuid4().hex, "e2e-abc", "chat-12345678", "", 31612345678, None, True, ["web-abc"],
            {"id": "web-abc"}]


async def test_every_other_sender_is_refused_without_a_tracker(rasa):
    url, assistent = rasa
    geprobeerd = geweigerd = 0
    async with httpx.AsyncClient() as client:
        for afzender in pogingen():
            geprobeerd += 1
            antwoord = await client.post(url, json={"sender": afzender, "message": "Ik ben verhuisd"})
            assert antwoord.status_code == 400, afzender
            assert "alleen gesprekken van de webchat" in antwoord.json()["fout"]
            geweigerd += 1
        for kapot in (b"{kapot", b"[1, 2]", b'"web-abc"', json_zonder_afzender()):
            geprobeerd += 1
            antwoord = await client.post(url, content=kapot, headers={"content-type": "application/json"})
            assert antwoord.status_code == 400
            geweigerd += 1
    assert assistent.ontvangen == [] and await assistent.gesprekken() == []
    print(f"\nkaping via Rasa's web-kanaal: {geweigerd} van {geprobeerd} pogingen geweigerd")


def json_zonder_afzender() -> bytes:
    return b'{"message": "hoi"}'


@pytest.mark.parametrize("bericht", [None, 12, "", "   ", "\x00\ud800"])
async def test_a_message_that_is_no_text_is_refused_without_a_tracker(rasa, bericht):
    url, assistent = rasa
    async with httpx.AsyncClient() as client:
        gegevens = {"sender": web_id(), "message": bericht}
        antwoord = await client.post(url, content=json.dumps(gegevens),
                                     headers={"content-type": "application/json"})
    assert antwoord.status_code == 400
    assert await assistent.gesprekken() == []


async def test_a_bsn_and_iban_never_reach_rasa_and_the_person_is_told_first(rasa):
    url, assistent = rasa
    afzender = web_id()
    tekst = f"ik heb schulden, mijn BSN {BSN} en IBAN {IBAN}"
    async with httpx.AsyncClient() as client:
        antwoord = await client.post(url, json={"sender": afzender, "message": tekst})
    geschoond = schoon_bericht(tekst).tekst
    assert BSN not in geschoond and "NL91" not in geschoond
    assert antwoord.json() == [{"recipient_id": afzender, "text": melding_weggelaten(frozenset({"bsn", "iban"}))},
                               {"recipient_id": afzender, "text": f"U zei: {geschoond}"}]
    tracker = await assistent.trackers.retrieve(afzender)
    bewaard = str([e.as_dict() for e in tracker.events])
    assert BSN not in bewaard and "0417164300" not in bewaard


@pytest.mark.parametrize("tekst", [BSN, f"  {BSN}. ", IBAN, f"{BSN} {IBAN}", f"mijn bsn is {BSN}",
                                  f"Mijn IBAN: {IBAN}"])
async def test_nothing_but_the_number_gets_only_the_notice(rasa, tekst):
    url, assistent = rasa
    afzender = web_id()
    async with httpx.AsyncClient() as client:
        antwoord = await client.post(url, json={"sender": afzender, "message": tekst})
    assert antwoord.status_code == 200
    assert [a["text"] for a in antwoord.json()] == [melding_weggelaten(schoon_bericht(tekst).weggelaten, alleen=True)]
    assert await assistent.gesprekken() == []


def test_only_taken_out_means_nothing_else_was_said():
    assert alleen_weggelaten(schoon_bericht(f"{BSN}!"))
    assert alleen_weggelaten(schoon_bericht(f"mijn bsn is {BSN}"))
    assert not alleen_weggelaten(schoon_bericht(f"mijn bsn is {BSN}, kan ik huurtoeslag krijgen?"))
    assert not alleen_weggelaten(schoon_bericht("hoi"))
    assert not alleen_weggelaten(schoon_bericht(""))
