"""The web app's edge: request size (413 before a large body is read or parsed, on the chat API and app-wide),
characters no store can hold taken out of a message, and 404 instead of 500 for paths under a static folder that
are no file there."""
from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from nep_rasa_rest import RASA_TOKEN, NepRasa

from web.app import MAX_VERZOEK as APP_MAX, NIET_GEVONDEN
from web.chat import MAX_TEKST, MAX_VERZOEK as CHAT_MAX, TE_GROOT
from wegwijs.opslag.opslag import MAX_TEKST as INBOX_MAX_TEKST

GROOT = 99_000_000   # the 99 MB body of the finding (Sanic's own limit is 100,000,000 bytes)


def post_json(url: str, gegevens, **anders) -> httpx.Response:
    """JSON as a client may write it: non-ASCII and halves of characters as escapes (\\ud800)."""
    return httpx.post(url, content=json.dumps(gegevens), headers={"content-type": "application/json"}, **anders)


# ---- size ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("pad", ["/api/bericht", "/api/medewerker"])
@pytest.mark.parametrize("in_stukken", [False, True])
def test_a_chat_request_over_the_limit_gets_413_and_reaches_nobody(web_server: str, nep_rasa: NepRasa, nieuw_gesprek,
                                                                   pad: str, in_stukken: bool):
    gegevens = json.dumps({**nieuw_gesprek(web_server), "id": "bericht01", "tekst": "x" * CHAT_MAX, "na": 0}).encode()
    # with Content-Length, or in chunks without it (then the size shows only while reading)
    inhoud = iter([gegevens[i:i + 4096] for i in range(0, len(gegevens), 4096)]) if in_stukken else gegevens
    antwoord = httpx.post(web_server + pad, content=inhoud, headers={"content-type": "application/json"})
    assert antwoord.status_code == 413
    assert antwoord.json() == {"fout": TE_GROOT, "opnieuw": False}
    assert nep_rasa.ontvangen == [] and nep_rasa.opgevraagd == []


def test_the_longest_message_fits_however_it_is_written(web_server: str, nep_rasa: NepRasa, nieuw_gesprek):
    gesprek = nieuw_gesprek(web_server)
    tekst = "\U0001f600" * MAX_TEKST   # each one 12 bytes as a JSON escape, 4 in UTF-8
    for ascii_ in (True, False):
        gegevens = {**gesprek, "id": f"bericht-{ascii_}", "tekst": tekst}
        inhoud = json.dumps(gegevens, ensure_ascii=ascii_).encode("utf-8")
        assert len(inhoud) <= CHAT_MAX
        antwoord = httpx.post(web_server + "/api/bericht", content=inhoud, headers={"content-type": "application/json"})
        assert antwoord.status_code == 200, antwoord.text
    assert nep_rasa.berichten_van(gesprek["afzender"]) == [tekst, tekst]


def test_the_app_wide_limit_fits_the_inbox_forms(web_server: str):
    # the longest inbox field, form-encoded with 12 bytes for each character, and the form's other fields
    veld = "%F0%9F%98%80" * INBOX_MAX_TEKST
    past = f"csrf={'a' * 64}&tekst={veld}".encode()
    assert len(past) <= APP_MAX
    assert httpx.post(web_server + "/inbox/login", content=past,
                      headers={"content-type": "application/x-www-form-urlencoded"}).status_code != 413
    te_veel = httpx.post(web_server + "/inbox/login", content=b"a" * (APP_MAX + 1),
                         headers={"content-type": "application/x-www-form-urlencoded"})
    assert te_veel.status_code == 413 and "te groot" in te_veel.text


def piek_rss(pid: int) -> int:
    """The process's largest resident memory so far (VmHWM), in bytes."""
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1]) * 1024
    raise AssertionError("VmHWM ontbreekt")


def groei_door_een_verzoek(url: str, pid: int, pad: str, in_stukken: bool) -> int:
    """How much the web process's peak memory grows from one 99 MB chat request."""
    voor = piek_rss(pid)
    begin = b'{"afzender": "web-' + b"0" * 32 + b'", "tekst": "'
    eind = b'"}'

    def stukken():
        yield begin
        blok = b"a" * 1_000_000
        for _ in range(GROOT // len(blok)):
            yield blok
        yield eind
    try:
        if in_stukken:
            httpx.post(url + pad, content=stukken(), timeout=60)
        else:
            httpx.post(url + pad, content=begin + b"a" * GROOT + eind, timeout=60)
    except httpx.HTTPError:
        pass  # the server may close the connection while the client still sends
    httpx.get(url + "/", timeout=60)  # the request is done with
    return piek_rss(pid) - voor


@pytest.fixture(scope="module")
def eigen_server(request, rasa_server: NepRasa, tmp_path_factory):
    """A web app of this module's own, whose process memory the test reads."""
    if not Path("/proc/self/status").exists():
        pytest.skip("/proc ontbreekt: het geheugen van het proces is niet te lezen")
    steun = request.config.pluginmanager.get_plugin(str(Path(__file__).with_name("conftest.py")))
    map_ = tmp_path_factory.mktemp("grenzen")
    proces, url = steun.start_web({"RASA_URL": rasa_server.url, "RASA_TOKEN": RASA_TOKEN,
                                   "DATABASE_URL": f"sqlite:///{map_ / 'wegwijs.db'}"}, map_ / "web.log")
    yield url, proces.pid
    steun.stop_web(proces)


def test_one_huge_request_does_not_grow_the_process(eigen_server, nep_rasa: NepRasa):
    url, pid = eigen_server
    httpx.post(url + "/api/bericht", json={"tekst": "hoi"})  # everything loaded that a request needs
    groei = {(pad, in_stukken): groei_door_een_verzoek(url, pid, pad, in_stukken)
             for pad in ("/api/bericht", "/api/medewerker") for in_stukken in (False, True)}
    grootste = max(groei.values())
    print(f"\ngrootste groei van het geheugen (RSS) door één verzoek van 99 MB: {grootste / 2**20:.1f} MB")
    assert grootste < 16 * 2**20, groei


# ---- unreadable characters ----------------------------------------------------------------------------------

def test_nul_and_halves_of_characters_are_taken_out(web_server: str, nep_rasa: NepRasa, nieuw_gesprek):
    gesprek = nieuw_gesprek(web_server)
    antwoord = post_json(web_server + "/api/bericht", {**gesprek, "id": "bericht01", "tekst": "h\x00o\ud800i\x07"})
    assert antwoord.status_code == 200 and antwoord.json()["berichten"] == [{"tekst": "U zei: hoi", "knoppen": []}]
    assert nep_rasa.berichten_van(gesprek["afzender"]) == ["hoi"]


@pytest.mark.parametrize("tekst", ["\x00", "\udfff\ud800", " \x00 \x1b ", "\x7f"])
def test_a_message_of_nothing_readable_gets_a_clear_400(web_server: str, nep_rasa: NepRasa, nieuw_gesprek, tekst):
    antwoord = post_json(web_server + "/api/bericht", {**nieuw_gesprek(web_server), "id": "bericht01", "tekst": tekst})
    assert antwoord.status_code == 400
    assert antwoord.json() == {"fout": "Uw bericht bevat geen tekens die Wegwijs kan lezen. Er is niets verstuurd. "
                                       "Typ uw bericht opnieuw.", "opnieuw": False}
    assert nep_rasa.ontvangen == []


# ---- static paths -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("pad", ["/static/", "/inbox/static/", "/static/%00", "/inbox/static/x%00.css",
                                 "/static/chat.js%00", "/static/bestaat-niet.js", "/inbox/static/bestaat-niet.css"])
def test_an_unknown_static_path_is_404(web_server: str, pad: str):
    antwoord = httpx.get(web_server + pad)
    assert antwoord.status_code == 404 and antwoord.text == NIET_GEVONDEN


def test_real_static_files_are_still_served(web_server: str):
    assert httpx.get(web_server + "/static/chat.js").status_code == 200
    assert httpx.get(web_server + "/static/chat.css").status_code == 200
