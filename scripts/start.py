"""Start Wegwijs on this machine for `make run`: action server, Rasa, the web app and the notification outbox.

Everything listens on 127.0.0.1 (bot/servers.py starts and stops the processes). Rasa's HTTP API, which the inbox
uses to reply to citizens, gets a token from RASA_TOKEN, or a fresh random one for this run; it never comes from
the repository. The web app signs conversation ids and login forms with WEGWIJS_GEHEIM, or with a secret kept in
wegwijs.geheim (made once, readable by this user only), so a restart does not cut off the open chats. Ctrl-C
stops all of it.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from the repository root

from bot import servers  # noqa: E402

POORTEN = {"actieserver": 5055, "Rasa": 5005, "web": 8000}
OUTBOX_INTERVAL = 30  # seconds between deliveries of pending notifications to the teams
LOGMAP = servers.REPO / "bot" / "logs"
GEHEIM_BESTAND = servers.REPO / "wegwijs.geheim"


def geheim(bestand: Path = GEHEIM_BESTAND) -> str:
    """The web app's secret for this machine: read from `bestand`, or made there once (mode 0600)."""
    try:
        waarde = bestand.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        waarde = ""
    if len(waarde) >= 32:
        return waarde
    waarde = secrets.token_urlsafe(48)
    descriptor = os.open(bestand, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as uit:
        uit.write(waarde + "\n")
    os.chmod(bestand, 0o600)  # also when an older file had wider rights
    return waarde


def bezet(poort: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", poort)) == 0


def main() -> None:
    al_bezet = [f"{naam} ({poort})" for naam, poort in POORTEN.items() if bezet(poort)]
    if al_bezet:
        raise SystemExit(f"Deze poorten zijn al in gebruik: {', '.join(al_bezet)}. Stop wat daar draait en probeer opnieuw.")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{servers.REPO / 'wegwijs.db'}")
    os.environ.setdefault("RASA_TOKEN", secrets.token_urlsafe(24))
    if not os.environ.get("WEGWIJS_GEHEIM"):
        os.environ["WEGWIJS_GEHEIM"] = geheim()
    os.environ.setdefault("RASA_URL", f"http://127.0.0.1:{POORTEN['Rasa']}")
    os.environ.setdefault("WEGWIJS_INBOX_URL", f"http://localhost:{POORTEN['web']}/inbox")
    wegwijs = [sys.executable, "-m", "wegwijs"]
    subprocess.run([*wegwijs, "db", "upgrade"], cwd=servers.REPO, check=True)
    demo = subprocess.run([*wegwijs, "demo"], cwd=servers.REPO, check=True, capture_output=True, text=True).stdout
    # leave through the context managers, which stop everything; Ctrl-C works even when started in the background
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)

    with contextlib.ExitStack() as alles:
        print("De actieserver en Rasa starten (Rasa kan een paar minuten nodig hebben) ...", flush=True)
        alles.enter_context(servers.actieserver(POORTEN["actieserver"], LOGMAP))
        alles.enter_context(servers.rasa(POORTEN["Rasa"], logmap=LOGMAP, token=os.environ["RASA_TOKEN"]))
        web = servers.start([sys.executable, "-m", "web.app"], LOGMAP / "web.log")
        alles.callback(servers.stop, web)
        servers.wacht_op(f"http://127.0.0.1:{POORTEN['web']}/", 120, web)
        print("\nWegwijs draait:")
        print(f"  chat (web)        http://localhost:{POORTEN['web']}/")
        print(f"  inbox buurtteam   http://localhost:{POORTEN['web']}/inbox")
        print(f"  Rasa (REST)       http://localhost:{POORTEN['Rasa']}/webhooks/rest/webhook")
        print(f"  actieserver       http://localhost:{POORTEN['actieserver']}/health")
        print(f"  meldingen         {LOGMAP}/")
        print(f"  chat in de terminal: make chat\n{demo.strip()}\nStoppen: Ctrl-C\n", flush=True)
        try:
            while web.poll() is None:
                subprocess.run([*wegwijs, "outbox", "bezorg"], cwd=servers.REPO, capture_output=True)
                time.sleep(OUTBOX_INTERVAL)
            print(f"De webserver is gestopt (code {web.returncode}); zie {LOGMAP / 'web.log'}.", file=sys.stderr)
        except KeyboardInterrupt:
            print("\nWegwijs stopt ...")


if __name__ == "__main__":
    main()
