"""The limit on chat messages per conversation and per address: the token bucket with a made-up clock, the settings,
and over HTTP and in the browser a web app with small limits behind a pretend proxy (X-Forwarded-For names the
client's address), against the fake Rasa."""
from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from nep_rasa_rest import RASA_TOKEN, NepRasa
from playwright.sync_api import expect

from web.chat import DRUK
from web.instellingen import LIMIET_GESPREK, Instellingen
from web.limiet import Berichtlimiet, Emmer, Limiet, adres_sleutel


def nieuwe_id() -> str:
    return uuid.uuid4().hex


# ---- the token bucket -------------------------------------------------------------------------------------

def test_a_burst_is_allowed_and_then_one_message_per_interval():
    emmer = Emmer(Limiet(per_minuut=60, stoot=3))  # one token a second
    for _ in range(3):
        assert emmer.wachttijd("a", 100.0) == 0
        emmer.neem("a", 100.0)
    assert emmer.wachttijd("a", 100.0) == pytest.approx(1.0)
    assert emmer.wachttijd("a", 100.25) == pytest.approx(0.75)
    assert emmer.wachttijd("a", 101.0) == 0
    emmer.neem("a", 101.0)
    assert emmer.wachttijd("a", 101.0) == pytest.approx(1.0)  # refilled one, not the whole burst


def test_a_quiet_bucket_refills_to_the_burst_and_no_further():
    emmer = Emmer(Limiet(per_minuut=60, stoot=3))
    for _ in range(3):
        emmer.neem("a", 0.0)
    for _ in range(3):  # after an hour of quiet: the burst again, not 3600 messages
        assert emmer.wachttijd("a", 3600.0) == 0
        emmer.neem("a", 3600.0)
    assert emmer.wachttijd("a", 3600.0) > 0


def test_keys_are_independent():
    emmer = Emmer(Limiet(per_minuut=60, stoot=1))
    emmer.neem("a", 0.0)
    assert emmer.wachttijd("a", 0.0) > 0
    assert emmer.wachttijd("b", 0.0) == 0


def test_full_buckets_are_forgotten_and_memory_is_bounded():
    emmer = Emmer(Limiet(per_minuut=60, stoot=2), maximaal=50)
    for i in range(1000):  # a script making up keys
        emmer.neem(f"afzender-{i}", i / 1000)
    assert len(emmer) == 50
    emmer.neem("laat", 10.0)  # by now every bucket has refilled: as good as new, so forgotten
    assert len(emmer) == 1


def test_a_refused_message_counts_for_neither_conversation_nor_address():
    limiet = Berichtlimiet(Limiet(per_minuut=60, stoot=1), Limiet(per_minuut=60, stoot=2))
    assert limiet.probeer("web-een", "192.0.2.1", 0.0) == 0
    for _ in range(5):  # trying again and again does not make the wait longer
        assert limiet.probeer("web-een", "192.0.2.1", 0.5) == 1
    assert limiet.probeer("web-twee", "192.0.2.1", 0.5) == 0  # the address had room for a second conversation
    assert limiet.probeer("web-drie", "192.0.2.1", 0.5) == 1  # but not for a third
    assert limiet.probeer("web-drie", "192.0.2.9", 0.5) == 0  # another address has its own
    assert limiet.probeer("web-een", "192.0.2.1", 1.5) == 0


def test_the_wait_is_whole_seconds_and_at_least_one():
    limiet = Berichtlimiet(Limiet(per_minuut=1, stoot=1), Limiet(per_minuut=600, stoot=100))
    limiet.probeer("web-een", "192.0.2.1", 0.0)
    assert limiet.probeer("web-een", "192.0.2.1", 0.5) == 60
    assert limiet.probeer("web-een", "192.0.2.1", 59.99) == 1


@pytest.mark.parametrize("adres, sleutel", [
    ("192.0.2.1", "192.0.2.1"),
    ("[2001:db8:1:2::a]", "2001:db8:1:2::/64"),  # Sanic brackets an IPv6 address from a proxy header
    ("2001:db8:1:2:ffff::b", "2001:db8:1:2::/64"),
    ("::ffff:192.0.2.1", "192.0.2.1"),
    ("/run/wegwijs.sock", "/run/wegwijs.sock"),
])
def test_an_ipv6_address_counts_with_its_block(adres: str, sleutel: str):
    assert adres_sleutel(adres) == sleutel


# ---- the settings -----------------------------------------------------------------------------------------

def test_the_limits_come_from_the_environment():
    assert Instellingen.uit_omgeving({}).limiet_gesprek == LIMIET_GESPREK
    instellingen = Instellingen.uit_omgeving({"WEGWIJS_CHAT_LIMIET_GESPREK": "20,5",
                                              "WEGWIJS_CHAT_LIMIET_ADRES": " 200, 40 "})
    assert instellingen.limiet_gesprek == Limiet(per_minuut=20, stoot=5)
    assert instellingen.limiet_adres == Limiet(per_minuut=200, stoot=40)


@pytest.mark.parametrize("waarde", ["30", "30,10,5", "dertig,10", "30,0", "-1,10", "2.5,10"])
def test_a_wrong_limit_is_refused_in_plain_dutch(waarde: str):
    with pytest.raises(ValueError) as fout:
        Instellingen.uit_omgeving({"WEGWIJS_CHAT_LIMIET_ADRES": waarde})
    assert str(fout.value) == (f"WEGWIJS_CHAT_LIMIET_ADRES={waarde!r} klopt niet. Schrijf twee hele getallen "
                               "groter dan 0, zoals 30,10: berichten per minuut, en hoeveel direct achter elkaar.")


# ---- over HTTP --------------------------------------------------------------------------------------------

GESPREK = Limiet(per_minuut=12, stoot=3)  # a token every 5 seconds: far longer than a few requests take
ADRES = Limiet(per_minuut=12, stoot=5)


@pytest.fixture(scope="module")
def krappe_server(request, rasa_server: NepRasa, tmp_path_factory) -> str:
    """The web app with small limits, trusting one proxy in front of it for the client's address."""
    # conftest.py of this folder, as pytest loaded it: its start_web and stop_web
    steun = request.config.pluginmanager.get_plugin(str(Path(__file__).with_name("conftest.py")))
    map_ = tmp_path_factory.mktemp("krap")
    proces, url = steun.start_web({"RASA_URL": rasa_server.url, "RASA_TOKEN": RASA_TOKEN, "DATABASE_URL": f"sqlite:///{map_ / 'wegwijs.db'}",
                                   "WEGWIJS_CHAT_LIMIET_GESPREK": f"{GESPREK.per_minuut},{GESPREK.stoot}",
                                   "WEGWIJS_CHAT_LIMIET_ADRES": f"{ADRES.per_minuut},{ADRES.stoot}",
                                   "SANIC_PROXIES_COUNT": "1"}, map_ / "web.log")
    yield url
    steun.stop_web(proces)


def gesprek(url: str) -> dict:
    """A new conversation from the web app: {afzender, handtekening}."""
    return httpx.post(url + "/api/gesprek").json()


def stuur(url: str, afzender: dict, bericht_id: str | None = None, tekst: str = "hoi",
          adres: str | None = None) -> httpx.Response:
    """A chat message in conversation `afzender` ({afzender, handtekening}); `adres` is the client's address as
    the (pretend) proxy passes it on."""
    gegevens = {**afzender, "id": bericht_id or nieuwe_id(), "tekst": tekst}
    return httpx.post(url + "/api/bericht", json=gegevens, headers={"X-Forwarded-For": adres} if adres else None)


def test_over_the_conversations_limit_the_message_waits_and_reaches_nobody(krappe_server: str, nep_rasa: NepRasa):
    afzender, eerste_id = gesprek(krappe_server), nieuwe_id()
    eerste = stuur(krappe_server, afzender, eerste_id, "een", adres="203.0.113.1")
    assert eerste.status_code == 200 and eerste.json() == {"berichten": [{"tekst": "U zei: een", "knoppen": []}]}
    for tekst in ("twee", "drie"):
        assert stuur(krappe_server, afzender, tekst=tekst, adres="203.0.113.1").status_code == 200

    te_veel = stuur(krappe_server, afzender, tekst="vier", adres="203.0.113.1")
    assert te_veel.status_code == 429
    assert te_veel.json() == {"fout": DRUK, "opnieuw": True}
    assert 1 <= int(te_veel.headers["retry-after"]) <= 60 / GESPREK.per_minuut
    assert nep_rasa.berichten_van(afzender["afzender"]) == ["een", "twee", "drie"]

    # a message sent before, resent as after a reload, gets its answer again and reaches Rasa no second time
    herhaald = stuur(krappe_server, afzender, eerste_id, "een", adres="203.0.113.1")
    assert herhaald.status_code == 200 and herhaald.json() == eerste.json()
    # another conversation from the same address is not held up
    assert stuur(krappe_server, gesprek(krappe_server), adres="203.0.113.1").status_code == 200
    assert nep_rasa.berichten_van(afzender["afzender"]) == ["een", "twee", "drie"]


def test_over_the_address_limit_other_addresses_go_on(krappe_server: str, nep_rasa: NepRasa):
    for _ in range(ADRES.stoot):  # a script making up a new conversation for every message
        assert stuur(krappe_server, gesprek(krappe_server), adres="203.0.113.2").status_code == 200
    afzender = gesprek(krappe_server)
    te_veel = stuur(krappe_server, afzender, adres="203.0.113.2")
    assert te_veel.status_code == 429 and te_veel.json()["fout"] == DRUK and "retry-after" in te_veel.headers
    assert nep_rasa.berichten_van(afzender["afzender"]) == []
    assert len(nep_rasa.ontvangen) == ADRES.stoot
    assert stuur(krappe_server, afzender, adres="203.0.113.3").status_code == 200


def test_looking_up_a_workers_messages_has_its_own_limit(krappe_server: str, nep_rasa: NepRasa):
    afzender = gesprek(krappe_server)

    def kijk(adres: str) -> httpx.Response:
        return httpx.post(krappe_server + "/api/medewerker", json={**afzender, "na": 0},
                          headers={"X-Forwarded-For": adres})

    for _ in range(GESPREK.stoot):
        assert kijk("203.0.113.4").json()["beschikbaar"] is True
    te_vaak = kijk("203.0.113.4")
    assert te_vaak.status_code == 429 and te_vaak.json() == {"fout": DRUK, "opnieuw": True}
    assert "retry-after" in te_vaak.headers
    # looking up does not use up the conversation's messages
    assert stuur(krappe_server, afzender, tekst="hallo", adres="203.0.113.4").status_code == 200


def test_under_the_limit_nothing_changes(web_server: str, nep_rasa: NepRasa):
    """With the standard limits a whole queue of messages typed offline goes at once after a reload."""
    afzender = gesprek(web_server)
    teksten = [f"bericht {i}" for i in range(LIMIET_GESPREK.stoot)]
    for tekst in teksten:
        antwoord = stuur(web_server, afzender, tekst=tekst)
        assert antwoord.status_code == 200 and "retry-after" not in antwoord.headers
    assert nep_rasa.berichten_van(afzender["afzender"]) == teksten


# ---- in the browser ---------------------------------------------------------------------------------------

def test_the_page_says_it_is_busy_and_sends_the_waiting_message_once_later(chromium, krappe_server: str,
                                                                           nep_rasa: NepRasa):
    """A reload with more messages waiting than the conversation's burst: the last waits, and is never lost."""
    context = chromium.new_context(base_url=krappe_server)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        afzender = gesprek(krappe_server)
        teksten = [f"bericht {i}" for i in range(GESPREK.stoot + 1)]
        ids = [nieuwe_id() for _ in teksten]
        page.goto("/privacy")  # same site: put a conversation with a queue in localStorage, as if typed offline
        page.evaluate("""([{afzender, handtekening}, ids, teksten]) => localStorage.setItem('wegwijs.chat',
            JSON.stringify({
                afzender, handtekening, actief: Date.now(), medewerkerNa: 0,
                berichten: ids.map((id, i) => ({id, van: 'burger', tekst: teksten[i]})),
                wachtrij: ids.map((id, i) => ({id, payload: teksten[i]})),
            }))""", [afzender, ids, teksten])
        page.goto("/")

        expect(page.locator("#bezig")).to_have_text(DRUK)
        expect(page.locator("#aankondiging")).to_contain_text(DRUK)
        expect(page.locator("#verbinding-melding")).to_be_hidden()  # busy is not a lost connection
        expect(page.locator(f'[data-id="{ids[-1]}"] .bericht__status')).to_have_text("Wacht op versturen…")

        expect(page.locator("#gesprek .bericht__tekst").last).to_have_text(f"U zei: {teksten[-1]}", timeout=20_000)
        expect(page.locator("#bezig")).to_be_hidden()
        assert nep_rasa.berichten_van(afzender["afzender"]) == teksten
        assert page.evaluate("JSON.parse(localStorage.getItem('wegwijs.chat')).wachtrij") == []
    finally:
        context.close()
