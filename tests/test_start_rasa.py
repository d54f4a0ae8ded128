"""How Rasa and the action server are started (bot/start_rasa.py, scripts/start.py): the token never in the process
list, telemetry off, a request limit, the action server on loopback, and a web secret that survives a restart."""
from __future__ import annotations

import os
import secrets
import socket
import stat
import subprocess
from pathlib import Path

import httpx
import pytest

from bot import servers
from bot.start_rasa import MAX_VERZOEK, OPDRACHT, OnveiligeStart, argumenten, omgeving_voor
from scripts.start import geheim

RASA_RUN = ["run", "-m", "model.tar.gz", "-p", "5005"]
ACTIES = ["run", "actions", "--actions", "bot.actions"]


def test_the_token_from_the_environment_switches_the_http_api_on():
    assert argumenten(RASA_RUN, {"RASA_TOKEN": "geheim-token"}) == [*RASA_RUN, "--enable-api", "--auth-token",
                                                                    "geheim-token"]


def test_without_a_token_the_http_api_stays_off():
    assert argumenten(RASA_RUN, {}) == RASA_RUN
    assert argumenten(RASA_RUN, {"RASA_TOKEN": ""}) == RASA_RUN


def test_the_action_server_and_other_commands_get_no_token():
    assert argumenten(ACTIES, {"RASA_TOKEN": "t"}) == ACTIES
    assert argumenten(["train", "--domain", "bot/domain"], {"RASA_TOKEN": "t"}) == ["train", "--domain", "bot/domain"]


@pytest.mark.parametrize("optie", [["--auth-token", "t"], ["-t", "t"], ["--auth-token=t"]])
def test_a_token_on_the_command_line_is_refused_with_a_plain_message(optie):
    with pytest.raises(OnveiligeStart, match="RASA_TOKEN"):
        argumenten([*RASA_RUN, "--enable-api", *optie], {})


def test_telemetry_is_off_for_every_command():
    for args in (RASA_RUN, ACTIES, ["train"], ["test", "nlu"], ["data", "validate"], ["init", "--no-prompt"]):
        assert omgeving_voor(args, {"RASA_TELEMETRY_ENABLED": "true"})["RASA_TELEMETRY_ENABLED"] == "false"


def test_rasa_reads_at_most_one_megabyte_unless_set_otherwise():
    assert omgeving_voor(RASA_RUN, {})["SANIC_REQUEST_MAX_SIZE"] == str(MAX_VERZOEK) == "1048576"
    assert omgeving_voor(RASA_RUN, {"SANIC_REQUEST_MAX_SIZE": "2000"})["SANIC_REQUEST_MAX_SIZE"] == "2000"
    assert "SANIC_REQUEST_MAX_SIZE" not in omgeving_voor(ACTIES, {})


def test_the_action_server_listens_on_loopback_unless_set_otherwise():
    assert omgeving_voor(ACTIES, {})["SANIC_HOST"] == "127.0.0.1"
    assert omgeving_voor(ACTIES, {"SANIC_HOST": "0.0.0.0"})["SANIC_HOST"] == "0.0.0.0"
    assert "SANIC_HOST" not in omgeving_voor(RASA_RUN, {})


def test_the_web_secret_is_made_once_for_this_user_only_and_kept(tmp_path: Path):
    bestand = tmp_path / "wegwijs.geheim"
    eerste = geheim(bestand)
    assert len(eerste) >= 32 and stat.S_IMODE(bestand.stat().st_mode) == 0o600
    assert geheim(bestand) == eerste  # a restart keeps the open chats valid


def test_a_short_or_widely_readable_secret_file_is_replaced(tmp_path: Path):
    bestand = tmp_path / "wegwijs.geheim"
    bestand.write_text("kort\n")
    bestand.chmod(0o644)
    nieuw = geheim(bestand)
    assert nieuw != "kort" and len(nieuw) >= 32 and stat.S_IMODE(bestand.stat().st_mode) == 0o600


# --- the real processes --------------------------------------------------------------------------------------------

def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _processen_van_groep(pgid: int) -> list[int]:
    pids = []
    for item in Path("/proc").iterdir():
        if item.name.isdigit():
            try:
                if os.getpgid(int(item.name)) == pgid:
                    pids.append(int(item.name))
            except ProcessLookupError:
                pass
    return pids


def _luistert_op(poort: int) -> set[str]:
    """The local addresses on which something listens on `poort` (IPv4 and IPv6), from /proc/net."""
    adressen = set()
    for tabel in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(tabel):
            continue
        for regel in Path(tabel).read_text().splitlines()[1:]:
            lokaal, _, toestand = regel.split()[1], regel.split()[2], regel.split()[3]
            adres, poort_hex = lokaal.rsplit(":", 1)
            if toestand == "0A" and int(poort_hex, 16) == poort:  # 0A: LISTEN
                adressen.add(adres)
    return adressen


@pytest.fixture(scope="module")
def rasa_met_token(tmp_path_factory):
    if not servers.MODEL.exists():
        pytest.skip(f"geen getraind model in {servers.MODEL}: eerst 'make train' (make test doet dat)")
    token = secrets.token_urlsafe(24)
    poort = _vrije_poort()
    with servers.rasa(poort, endpoints="", logmap=tmp_path_factory.mktemp("logs"), token=token) as proces:
        yield proces, f"http://127.0.0.1:{poort}", token


def test_the_token_is_in_no_process_command_line(rasa_met_token):
    proces, url, token = rasa_met_token
    pids = _processen_van_groep(proces.pid)
    assert proces.pid in pids
    for pid in pids:
        assert token.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
    assert httpx.get(f"{url}/status", params={"token": token}).status_code == 200
    assert httpx.get(f"{url}/status").status_code == 401


def _in_rasa_proces(args: list[str], *, launcher: bool = True) -> str:
    """Runs a Rasa command (through the launcher, or as the plain `rasa` command does) in a fresh process and
    reports whether telemetry is on and how often a Sentry client was set up there."""
    start = ("import bot.start_rasa as s; s.main()" if launcher
             else "from rasa.__main__ import main; main()")
    script = ("import sys\n"
              "import sentry_sdk\n"
              "opgezet = []\n"
              "sentry_sdk.init = lambda *a, **k: opgezet.append(a)\n"
              f"sys.argv = ['rasa', *{args!r}]\n"
              f"try:\n    {start}\n"
              "except SystemExit:\n    pass\n"
              "from rasa import telemetry\n"
              "print('telemetrie:', telemetry.is_telemetry_enabled(), 'sentry:', len(opgezet))\n")
    uit = subprocess.run([OPDRACHT[0], "-c", script], cwd=servers.REPO, capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, RASA_TELEMETRY_ENABLED="true", PYTHONPATH=str(servers.REPO)))
    return uit.stdout + uit.stderr[-2000:]


# a command that gets as far as Rasa's start-up (where it sets up telemetry and error reports) and stops there
ONGELDIG_DOMEIN = ["data", "validate", "--domain", "/bestaat/niet", "--data", "/bestaat/niet"]


def test_through_the_launcher_rasa_sends_no_telemetry_and_no_error_reports_even_when_asked():
    assert "telemetrie: False sentry: 0" in _in_rasa_proces(ONGELDIG_DOMEIN)


def test_the_plain_rasa_command_would_report_errors_to_sentry():
    """Why the launcher is needed: Rasa 3.6 sets up its error reports whatever the telemetry setting."""
    assert "sentry: 1" in _in_rasa_proces(ONGELDIG_DOMEIN, launcher=False)


def test_rasa_refuses_a_body_over_the_limit_before_reading_it(rasa_met_token):
    _, url, _ = rasa_met_token
    groot = b'{"sender": "web-x", "message": "' + b"a" * (MAX_VERZOEK + 10) + b'"}'
    antwoord = httpx.post(f"{url}/webhooks/rest/webhook", content=groot,
                          headers={"Content-Type": "application/json"}, timeout=30)
    assert antwoord.status_code == 413


def test_the_action_server_listens_on_loopback_only_by_default(tmp_path: Path):
    poort = _vrije_poort()
    omgeving = {k: v for k, v in os.environ.items() if k != "SANIC_HOST"}
    omgeving["PYTHONPATH"] = str(servers.REPO)
    with open(tmp_path / "actieserver.log", "wb") as log:
        proces = subprocess.Popen([*OPDRACHT, "run", "actions", "--actions", "bot.actions", "-p", str(poort)],
                                  cwd=servers.REPO, env=omgeving, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        servers.wacht_op(f"http://127.0.0.1:{poort}/health", 120, proces)
        assert _luistert_op(poort) == {"0100007F"}  # 127.0.0.1, and no other address
    finally:
        servers.stop(proces)


# --- the documented production settings are enough ------------------------------------------------------------

def test_redis_settings_follow_from_redis_url():
    from bot.start_rasa import redis_uit_url

    assert redis_uit_url("redis://127.0.0.1:6379/0") == {
        "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6379", "REDIS_DB": "0", "REDIS_PASSWORD": "", "REDIS_SSL": ""}
    assert redis_uit_url("rediss://:geheim%40x@redis.intern/3") == {
        "REDIS_HOST": "redis.intern", "REDIS_PORT": "6379", "REDIS_DB": "3", "REDIS_PASSWORD": "geheim@x",
        "REDIS_SSL": "true"}
    assert redis_uit_url("") == {}


@pytest.mark.parametrize("url", ["localhost:6379", "http://redis/0", "redis://redis/nul"])
def test_a_wrong_redis_url_is_refused_with_a_plain_message(url):
    from bot.start_rasa import redis_uit_url

    with pytest.raises(OnveiligeStart, match="REDIS_URL klopt niet"):
        redis_uit_url(url)


def test_what_is_set_in_the_environment_wins_over_what_is_derived():
    omgeving = omgeving_voor(RASA_RUN, {"REDIS_URL": "redis://a:1/2", "REDIS_HOST": "b",
                                        "ACTION_SERVER_URL": "http://acties:5055/webhook"})
    assert "REDIS_HOST" not in omgeving and omgeving["REDIS_PORT"] == "1" and "ACTION_SERVER_URL" not in omgeving
    assert omgeving_voor(RASA_RUN, {})["ACTION_SERVER_URL"] == "http://127.0.0.1:5055/webhook"
    assert omgeving_voor(RASA_RUN, {})["WHATSAPP_TEMPLATE_NAME"] == ""


def test_rasa_starts_with_the_production_files_and_only_the_documented_settings(tmp_path, monkeypatch):
    """README and docs/whatsapp.md name REDIS_URL, DATABASE_URL, RASA_TOKEN and the WhatsApp values: with only
    those, Rasa starts on the production files and keeps a conversation in Redis (database 7 of the local server)."""
    import redis

    if not servers.MODEL.exists():
        pytest.skip(f"geen getraind model in {servers.MODEL}: eerst 'make train'")
    verbinding = redis.Redis(host="127.0.0.1", port=6379, db=7)
    try:
        verbinding.ping()
    except redis.RedisError as fout:
        pytest.skip(f"Redis draait niet op 127.0.0.1:6379 ({type(fout).__name__})")
    for naam in ("REDIS_HOST", "REDIS_PORT", "REDIS_DB", "REDIS_PASSWORD", "REDIS_SSL", "ACTION_SERVER_URL",
                 "WHATSAPP_TEMPLATE_NAME"):
        monkeypatch.delenv(naam, raising=False)
    for naam, waarde in {"REDIS_URL": "redis://127.0.0.1:6379/7", "DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}",
                         "WHATSAPP_PHONE_NUMBER_ID": "106540352242922", "WHATSAPP_ACCESS_TOKEN": "t",
                         "WHATSAPP_APP_SECRET": "s", "WHATSAPP_VERIFY_TOKEN": "v"}.items():
        monkeypatch.setenv(naam, waarde)
    token, poort = secrets.token_urlsafe(16), _vrije_poort()
    afzender = f"web-productie-{secrets.token_hex(4)}"
    try:
        with servers.rasa(poort, endpoints="bot/endpoints.productie.yml", credentials="bot/credentials.productie.yml",
                          logmap=tmp_path, token=token):
            url = f"http://127.0.0.1:{poort}"
            antwoord = httpx.post(f"{url}/conversations/{afzender}/tracker/events", params={"token": token},
                                  json=[{"event": "slot", "name": "leeftijd", "value": 40}], timeout=30)
            assert antwoord.status_code == 200, antwoord.text[:300]
            assert verbinding.exists(f"wegwijs:tracker:{afzender}")
            assert httpx.get(f"{url}/webhooks/whatsapp/", timeout=10).json() == {"status": "ok"}
    finally:
        sleutels = list(verbinding.scan_iter(match=f"wegwijs:*{afzender}*"))
        if sleutels:
            verbinding.delete(*sleutels)
        verbinding.close()
