"""Fixtures for the web chat: a fake Rasa on 127.0.0.1, the real web app in a subprocess, Debian's Chromium
driven by Playwright, and axe-core from tests/web/node_modules (installed by tests/web/setup.sh)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from nep_rasa_rest import RASA_TOKEN, NepRasa, vrije_poort

from bot import servers

REPO = Path(__file__).resolve().parents[2]
HIER = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def rasa_server():
    nep = NepRasa()
    nep.start()
    yield nep
    nep.stop()


@pytest.fixture
def nep_rasa(rasa_server: NepRasa):
    """The fake Rasa, running and with an empty memory at the start of each test."""
    if not rasa_server.draait:
        rasa_server.start()
    rasa_server.reset()
    yield rasa_server
    if not rasa_server.draait:
        rasa_server.start()


def start_web(omgeving: dict[str, str], logbestand: Path) -> tuple[subprocess.Popen, str]:
    """The real web app (python -m web.app) on a free port of 127.0.0.1; returns the process and its address."""
    poort = vrije_poort()
    env = {**os.environ, "WEGWIJS_WEB_HOST": "127.0.0.1", "WEGWIJS_WEB_POORT": str(poort), **omgeving}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [env.get("PYTHONPATH"), str(REPO)]))
    with open(logbestand, "wb") as log:
        proces = subprocess.Popen([sys.executable, "-m", "web.app"], cwd=REPO, env=env, stdout=log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{poort}"
    einde = time.monotonic() + 60
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"de webserver stopte meteen:\n{logbestand.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(url + "/", timeout=2).status_code == 200:
                return proces, url
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_web(proces)
    raise TimeoutError(f"de webserver antwoordde niet binnen 60 s:\n{logbestand.read_text(errors='replace')[-3000:]}")


stop_web = servers.stop   # the web app is stopped like the assistant's own processes (its process group)


@pytest.fixture(scope="session")
def web_server(rasa_server: NepRasa, tmp_path_factory) -> str:
    """Base URL of the web app themed for Amsterdam, talking to the fake Rasa (with Rasa's HTTP API token)."""
    map_ = tmp_path_factory.mktemp("web")
    proces, url = start_web({"RASA_URL": rasa_server.url, "RASA_TOKEN": RASA_TOKEN, "WEGWIJS_GEMEENTE": "amsterdam",
                             "DATABASE_URL": f"sqlite:///{map_ / 'wegwijs.db'}"}, map_ / "web.log")
    yield url
    stop_web(proces)


@pytest.fixture(scope="session")
def nieuw_gesprek():
    """Asks a web app for a new conversation, as the page does: {afzender, handtekening}."""
    def nieuw(url: str) -> dict:
        antwoord = httpx.post(url + "/api/gesprek")
        antwoord.raise_for_status()
        return antwoord.json()
    return nieuw


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (which never downloads a browser of its own here)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} ontbreekt (Debian: apt-get install chromium); browsertests overgeslagen")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def pagina(chromium, web_server: str, nep_rasa: NepRasa):
    """A fresh browser context (empty localStorage) at 1024 px wide; closed after the test."""
    context = chromium.new_context(viewport={"width": 1024, "height": 800}, base_url=web_server)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_bron() -> str:
    """axe-core's source, installed from the npm registry by tests/web/setup.sh (npm ci, once)."""
    if shutil.which("npm") is None:
        pytest.skip("npm ontbreekt (Debian: apt-get install npm); de toegankelijkheidsscan is overgeslagen")
    resultaat = subprocess.run(["bash", str(HIER / "setup.sh")], capture_output=True, text=True, timeout=300)
    if resultaat.returncode != 0:
        pytest.fail(f"tests/web/setup.sh mislukte:\n{resultaat.stderr[-2000:]}")
    return (HIER / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
