"""The chat page's HTTP side: the page and theme, the forwarding to Rasa's REST channel (each message id once),
plain-Dutch refusals of bad input, and a worker's messages read from Rasa's tracker."""
from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from web.chat import Doorgever, DoorgeefFout, antwoorden_uit_rasa, berichten_van_medewerker, sessieduur_minuten, BOT_DOMEIN
from nep_rasa_rest import AANBOD, JA_NEE, NepRasa


def nieuwe_id() -> str:
    return uuid.uuid4().hex


# ---- pure parts -------------------------------------------------------------------------------------------

def test_rasa_replies_become_text_and_buttons_and_nothing_else():
    rasa = [{"recipient_id": "x", "text": "Kies maar.", "buttons": [{"title": "Ja", "payload": "/affirm"},
                                                                   {"title": 3, "payload": "/deny"}]},
            {"recipient_id": "x", "custom": {"iets": 1}}, {"recipient_id": "x", "image": "https://x/y.png"}, "rommel"]
    assert antwoorden_uit_rasa(rasa) == [{"tekst": "Kies maar.", "knoppen": [{"titel": "Ja", "payload": "/affirm"}]}]
    assert antwoorden_uit_rasa({"message": "fout"}) == []


def test_worker_messages_are_bot_events_while_paused():
    tracker = {"paused": True, "events": [
        {"event": "bot", "text": "Waar kan ik u mee helpen?", "timestamp": 10.0},
        {"event": "pause", "timestamp": 11.0},
        {"event": "user", "text": "hallo?", "timestamp": 12.0},
        {"event": "bot", "text": "Dag, ik ben Anna van het buurtteam.", "timestamp": 13.0},
        {"event": "resume", "timestamp": 14.0},
        {"event": "bot", "text": "Waar kan ik u nog mee helpen?", "timestamp": 15.0},
        {"event": "pause", "timestamp": 16.0},
        {"event": "bot", "text": "Ik bel u morgen.", "timestamp": 17.0},
    ]}
    assert berichten_van_medewerker(tracker, 0) == ([{"tekst": "Dag, ik ben Anna van het buurtteam.", "tijd": 13.0},
                                                     {"tekst": "Ik bel u morgen.", "tijd": 17.0}], True)
    assert berichten_van_medewerker(tracker, 13.0) == ([{"tekst": "Ik bel u morgen.", "tijd": 17.0}], True)


def test_a_reply_appended_twice_with_the_same_antwoord_id_shows_once():
    """The inbox appends a reply again after a lost answer (same antwoord_id): the person sees it once, also when
    the second copy comes after the page last looked."""
    antwoord = {"event": "bot", "text": "Ik bel u morgen.", "metadata": {"antwoord_id": "a1"}}
    tracker = {"paused": True, "events": [
        {"event": "pause", "timestamp": 10.0},
        {**antwoord, "timestamp": 11.0},
        {**antwoord, "timestamp": 12.0},
        {"event": "bot", "text": "Ik bel u morgen.", "metadata": {"antwoord_id": "a2"}, "timestamp": 13.0},
        {**antwoord, "timestamp": 14.0},
    ]}
    assert berichten_van_medewerker(tracker, 0)[0] == [{"tekst": "Ik bel u morgen.", "tijd": 11.0},
                                                       {"tekst": "Ik bel u morgen.", "tijd": 13.0}]
    assert berichten_van_medewerker(tracker, 11.0)[0] == [{"tekst": "Ik bel u morgen.", "tijd": 13.0}]
    assert berichten_van_medewerker(tracker, 13.0)[0] == []


def test_the_page_forgets_when_the_assistant_does(tmp_path):
    assert sessieduur_minuten(BOT_DOMEIN) == 60  # bot/domain/basis.yml: session_expiration_time
    (tmp_path / "domein.yml").write_text("session_config:\n  session_expiration_time: 15\n")
    assert sessieduur_minuten(tmp_path) == 15
    assert sessieduur_minuten(tmp_path / "leeg") == 60  # Rasa's own default


# ---- each message id reaches Rasa once --------------------------------------------------------------------

class Teller:
    """A transport in place of Rasa: counts the messages and answers after a short pause, or fails."""

    def __init__(self, fout: Exception | None = None, status: int = 200):
        self.ontvangen: list[str] = []
        self.fout = fout
        self.status = status

    async def __call__(self, verzoek: httpx.Request) -> httpx.Response:
        self.ontvangen.append(verzoek.read().decode())
        await asyncio.sleep(0.05)
        if self.fout:
            raise self.fout
        return httpx.Response(self.status, json=[{"text": f"antwoord {len(self.ontvangen)}"}])


def doorgever(teller: Teller) -> Doorgever:
    return Doorgever(httpx.AsyncClient(transport=httpx.MockTransport(teller)), "http://rasa.test")


async def test_the_same_id_twice_at_once_or_later_reaches_rasa_once():
    teller = Teller()
    d = doorgever(teller)
    eerste, tweede = await asyncio.gather(d.stuur("web-abcdefgh", "bericht01", "hoi"),
                                          d.stuur("web-abcdefgh", "bericht01", "hoi"))
    derde = await d.stuur("web-abcdefgh", "bericht01", "hoi")
    assert eerste == tweede == derde == [{"tekst": "antwoord 1", "knoppen": []}]
    assert len(teller.ontvangen) == 1
    await d.stuur("web-abcdefgh", "bericht02", "hoi")
    assert len(teller.ontvangen) == 2


async def test_a_browser_that_gives_up_does_not_cancel_the_message():
    teller = Teller()
    d = doorgever(teller)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(d.stuur("web-abcdefgh", "bericht01", "hoi"), timeout=0.01)
    assert await d.stuur("web-abcdefgh", "bericht01", "hoi") == [{"tekst": "antwoord 1", "knoppen": []}]
    assert len(teller.ontvangen) == 1


async def test_rasa_unreachable_may_be_tried_again():
    teller = Teller(fout=httpx.ConnectError("weg"))
    d = doorgever(teller)
    for _ in range(2):
        with pytest.raises(DoorgeefFout) as fout:
            await d.stuur("web-abcdefgh", "bericht01", "hoi")
        assert fout.value.opnieuw
    assert len(teller.ontvangen) == 2  # nothing arrived, so trying again cannot double anything


@pytest.mark.parametrize("teller", [Teller(status=500), Teller(fout=httpx.ReadTimeout("traag"))])
async def test_a_message_that_may_have_arrived_is_never_sent_again(teller: Teller):
    d = doorgever(teller)
    for _ in range(2):
        with pytest.raises(DoorgeefFout) as fout:
            await d.stuur("web-abcdefgh", "bericht01", "hoi")
        assert not fout.value.opnieuw and "misschien wel aangekomen" in str(fout.value)
    assert len(teller.ontvangen) == 1


async def test_old_outcomes_are_forgotten_so_memory_stays_bounded():
    teller = Teller()
    d = Doorgever(httpx.AsyncClient(transport=httpx.MockTransport(teller)), "http://rasa.test", maximaal=3)
    for i in range(6):
        await d.stuur("web-abcdefgh", f"bericht{i:02d}", "hoi")
    assert len(d._taken) <= 4


# ---- over HTTP, against the web app and the fake Rasa -----------------------------------------------------

def test_the_page_is_themed_and_locked_down(web_server: str):
    pagina = httpx.get(web_server + "/")
    assert pagina.status_code == 200
    assert "Gemeente Amsterdam" in pagina.text and 'lang="nl"' in pagina.text
    assert 'data-sessieduur="60"' in pagina.text
    assert "tel:14020" in pagina.text
    beleid = pagina.headers["content-security-policy"]
    assert "default-src 'self'" in beleid and "frame-ancestors 'self' https://www.amsterdam.nl" in beleid
    assert "--wegwijs-hoofdkleur: #ec0000" in httpx.get(web_server + "/thema.css").text
    logo = httpx.get(web_server + "/thema/logo")
    assert logo.headers["content-type"].startswith("image/svg+xml")
    assert httpx.get(web_server + "/static/chat.js").status_code == 200
    assert "verwijder mijn gegevens" in httpx.get(web_server + "/privacy").text


def test_a_message_is_forwarded_once_with_its_buttons(web_server: str, nep_rasa: NepRasa, nieuw_gesprek):
    verzoek = {**nieuw_gesprek(web_server), "id": nieuwe_id(), "tekst": "  wat past bij mij "}
    eerste = httpx.post(web_server + "/api/bericht", json=verzoek)
    tweede = httpx.post(web_server + "/api/bericht", json=verzoek)
    verwacht = {"berichten": [{"tekst": AANBOD, "knoppen": [{"titel": k["title"], "payload": k["payload"]}
                                                            for k in JA_NEE]}]}
    assert eerste.status_code == tweede.status_code == 200
    assert eerste.json() == tweede.json() == verwacht
    assert nep_rasa.berichten_van(verzoek["afzender"]) == ["wat past bij mij"]


@pytest.mark.parametrize("verzoek, melding", [
    ({"id": "bericht01", "tekst": "   "}, "Uw bericht is leeg"),
    ({"id": "bericht01", "tekst": "x" * 2001}, "niet meer dan 2000 tekens"),
    ({"id": "../../x", "tekst": "hoi"}, "Het bericht is niet herkend"),
    ({"id": "bericht01", "tekst": ["hoi"]}, "Uw bericht is leeg"),
    ([1, 2], "niet goed leesbaar"),
])
def test_bad_input_gets_a_plain_dutch_answer_and_reaches_nobody(web_server: str, nep_rasa: NepRasa, nieuw_gesprek,
                                                                verzoek, melding):
    if isinstance(verzoek, dict):
        verzoek = {**nieuw_gesprek(web_server), **verzoek}
    antwoord = httpx.post(web_server + "/api/bericht", json=verzoek)
    assert antwoord.status_code == 400
    assert melding in antwoord.json()["fout"] and antwoord.json()["opnieuw"] is False
    assert nep_rasa.ontvangen == []


def test_not_json_at_all(web_server: str):
    antwoord = httpx.post(web_server + "/api/bericht", content=b"{kapot", headers={"content-type": "application/json"})
    assert antwoord.status_code == 400 and "niet goed leesbaar" in antwoord.json()["fout"]


def test_rasa_away_means_try_again_later(web_server: str, nep_rasa: NepRasa, nieuw_gesprek):
    verzoek = {**nieuw_gesprek(web_server), "id": nieuwe_id(), "tekst": "hoi"}
    nep_rasa.stop()
    weg = httpx.post(web_server + "/api/bericht", json=verzoek)
    assert weg.status_code == 503 and weg.json() == {"fout": "De assistent is nu niet bereikbaar.", "opnieuw": True}
    nep_rasa.start()
    terug = httpx.post(web_server + "/api/bericht", json=verzoek)
    assert terug.status_code == 200 and terug.json()["berichten"] == [{"tekst": "U zei: hoi", "knoppen": []}]
    assert nep_rasa.berichten_van(verzoek["afzender"]) == ["hoi"]


def test_worker_messages_come_from_the_tracker(web_server: str, nep_rasa: NepRasa, nieuw_gesprek):
    gesprek = nieuw_gesprek(web_server)
    nep_rasa.trackers[gesprek["afzender"]] = {"paused": True, "events": [
        {"event": "pause", "timestamp": 100.0}, {"event": "bot", "text": "Dag, met Anna.", "timestamp": 101.5}]}
    antwoord = httpx.post(web_server + "/api/medewerker", json={**gesprek, "na": 0})
    assert antwoord.json() == {"beschikbaar": True, "gepauzeerd": True,
                               "berichten": [{"tekst": "Dag, met Anna.", "tijd": 101.5}]}
    later = httpx.post(web_server + "/api/medewerker", json={**gesprek, "na": 101.5})
    assert later.json()["berichten"] == []
    fout = httpx.post(web_server + "/api/medewerker", json={**gesprek, "na": "gisteren"})
    assert fout.status_code == 400
