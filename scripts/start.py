"""Start Wegwijs on this machine for `make run`: action server, Rasa, the web app and the notification outbox.

Everything listens on 127.0.0.1. Rasa's HTTP API (used by the inbox to reply to citizens) gets a token from
RASA_TOKEN, or a fresh random one for this run; it never comes from the repository. Ctrl-C stops all of it.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
POORTEN = {"acties": 5055, "rasa": 5005, "web": 8000}
OUTBOX_INTERVAL = 30  # seconds between deliveries of pending notifications to the teams


def vrij(poort: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((HOST, poort)) != 0


def wacht_op(poort: int, proces: subprocess.Popen, naam: str, seconden: float = 300) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise SystemExit(f"{naam} is gestopt (code {proces.returncode}); zie de meldingen hierboven.")
        if not vrij(poort):
            return
        time.sleep(0.5)
    raise SystemExit(f"{naam} luistert na {seconden:.0f} seconden nog niet op poort {poort}.")


def main() -> None:
    bezet = [f"{naam} ({poort})" for naam, poort in POORTEN.items() if not vrij(poort)]
    if bezet:
        raise SystemExit(f"Deze poorten zijn al in gebruik: {', '.join(bezet)}. Stop wat daar draait en probeer opnieuw.")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2", "SANIC_HOST": HOST}
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'wegwijs.db'}")
    env.setdefault("RASA_TOKEN", secrets.token_urlsafe(24))
    env.setdefault("RASA_URL", f"http://{HOST}:{POORTEN['rasa']}")
    env.setdefault("WEGWIJS_INBOX_URL", f"http://localhost:{POORTEN['web']}/inbox")
    wegwijs = [str(BIN / "python"), "-m", "wegwijs"]
    subprocess.run([*wegwijs, "db", "upgrade"], env=env, cwd=ROOT, check=True)
    demo = subprocess.run([*wegwijs, "demo"], env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout

    processen: list[tuple[str, subprocess.Popen]] = []

    def stop(*_: object) -> None:
        for _, proces in reversed(processen):
            if proces.poll() is None:
                proces.terminate()
        for _, proces in processen:
            try:
                proces.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proces.kill()
        raise SystemExit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    rasa = str(BIN / "rasa")
    opdrachten = {
        "acties": [rasa, "run", "actions", "--actions", "bot.actions", "-p", str(POORTEN["acties"])],
        "rasa": [rasa, "run", "-m", "bot/models/wegwijs.tar.gz", "-i", HOST, "-p", str(POORTEN["rasa"]),
                 "--endpoints", "bot/endpoints.yml", "--credentials", "bot/credentials.yml",
                 "--enable-api", "--auth-token", env["RASA_TOKEN"]],
        "web": [str(BIN / "python"), "-m", "web.app"],
    }
    try:
        for naam, opdracht in opdrachten.items():
            proces = subprocess.Popen(opdracht, env=env, cwd=ROOT)
            processen.append((naam, proces))
            wacht_op(POORTEN[naam], proces, naam)
        print("\nWegwijs draait:")
        print(f"  chat (web)        http://localhost:{POORTEN['web']}/")
        print(f"  inbox buurtteam   http://localhost:{POORTEN['web']}/inbox")
        print(f"  Rasa (REST)       http://localhost:{POORTEN['rasa']}/webhooks/rest/webhook")
        print(f"  actieserver       http://localhost:{POORTEN['acties']}/health")
        print(f"  chat in de terminal: make chat\n{demo.strip()}\nStoppen: Ctrl-C\n", flush=True)
        while True:
            for naam, proces in processen:
                if proces.poll() is not None:
                    print(f"{naam} is gestopt (code {proces.returncode}); alles stopt.", file=sys.stderr)
                    stop()
            subprocess.run([*wegwijs, "outbox", "bezorg"], env=env, cwd=ROOT, capture_output=True)
            time.sleep(OUTBOX_INTERVAL)
    finally:
        stop()


if __name__ == "__main__":
    main()
