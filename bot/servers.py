"""Start and stop the assistant for tests, the terminal chat and the benchmark: the action server and Rasa,
both on 127.0.0.1 only, stopped by whoever started them (by their own process ids). Both start through
bot/start_rasa.py, which keeps the token out of the process list and telemetry off."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Iterator

import httpx

from bot.start_rasa import OPDRACHT

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "bot" / "models" / "wegwijs.tar.gz"


def _omgeving(extra: dict[str, str] | None = None) -> dict:
    env = dict(os.environ, **(extra or {}))
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def wacht_op(url: str, seconden: float, proces: subprocess.Popen | None = None) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces is not None and proces.poll() is not None:
            raise RuntimeError(f"{proces.args[:3]} stopte met code {proces.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} antwoordde niet binnen {seconden} s")


def start(args: list[str], log: Path, omgeving: dict[str, str] | None = None) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as uit:
        return subprocess.Popen(args, cwd=REPO, env=_omgeving(omgeving), stdout=uit, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()


@contextlib.contextmanager
def actieserver(poort: int = 5055, logmap: Path = REPO / "bot" / "logs") -> Iterator[subprocess.Popen]:
    proces = start([*OPDRACHT, "run", "actions", "--actions", "bot.actions", "-p", str(poort)],
                   logmap / "actieserver.log", {"SANIC_HOST": "127.0.0.1"})
    try:
        wacht_op(f"http://127.0.0.1:{poort}/health", 120, proces)
        yield proces
    finally:
        stop(proces)


@contextlib.contextmanager
def rasa(poort: int = 5005, model: Path = MODEL, endpoints: str = "bot/endpoints.yml",
         credentials: str = "bot/credentials.yml", logmap: Path = REPO / "bot" / "logs",
         token: str | None = None) -> Iterator[subprocess.Popen]:
    """Rasa on 127.0.0.1:`poort`; with `token`, its HTTP API is on under that token (passed in the environment)."""
    args = [*OPDRACHT, "run", "-m", str(model), "-i", "127.0.0.1", "-p", str(poort),
            "--credentials", credentials] + (["--endpoints", endpoints] if endpoints else [])
    proces = start(args, logmap / f"rasa-{poort}.log", {"RASA_TOKEN": token or ""})
    try:
        wacht_op(f"http://127.0.0.1:{poort}/", 900, proces)
        yield proces
    finally:
        stop(proces)


@contextlib.contextmanager
def bot(poort: int = 5005, actie_poort: int = 5055) -> Iterator[str]:
    """The whole assistant; yields the base URL of Rasa."""
    with actieserver(actie_poort), rasa(poort):
        yield f"http://127.0.0.1:{poort}"
