"""End-to-end conversations against the running assistant (Rasa REST channel + action server).

Each conversation in gesprekken.yml is a list of turns: what the person types, and text fragments that the
assistant's replies to it must contain (`verwacht`) or must not contain (`niet`). Case-insensitive.
A turn `stilte: N` makes the conversation N minutes old: it moves every stored event N minutes back through
Rasa's HTTP API (needs --token: Rasa started with --enable-api --auth-token).
Usage: python tests/bot/e2e.py [--url http://127.0.0.1:5005] [--token T] [--bestand tests/bot/gesprekken.yml]
Prints one line per conversation and 'N passed, N failed'; exit 1 when any failed.
"""
from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path

import httpx
import yaml

HIER = Path(__file__).resolve().parent


def antwoorden(client: httpx.Client, url: str, afzender: str, tekst: str) -> list[str]:
    r = client.post(f"{url}/webhooks/rest/webhook", json={"sender": afzender, "message": tekst}, timeout=60)
    r.raise_for_status()
    uit = []
    for b in r.json():
        regel = b.get("text") or ""
        for knop in b.get("buttons") or []:
            regel += f" [{knop.get('title')}]"
        uit.append(regel)
    return uit


def stilte(client: httpx.Client, url: str, token: str | None, afzender: str, minuten: float) -> None:
    """As if the person said nothing for `minuten`: every event of the conversation moved back in time."""
    if not token:
        raise SystemExit("een beurt 'stilte' heeft --token nodig (Rasa met --enable-api --auth-token)")
    pad = f"{url}/conversations/{afzender}/tracker"
    tracker = client.get(pad, params={"token": token}, timeout=60)
    tracker.raise_for_status()
    events = [{**e, "timestamp": e["timestamp"] - minuten * 60} for e in tracker.json()["events"]]
    client.put(f"{pad}/events", params={"token": token}, json=events, timeout=60).raise_for_status()


def voer_uit(gesprek: dict, client: httpx.Client, url: str, token: str | None = None) -> list[str]:
    afzender = f"web-e2e-{uuid.uuid4().hex[:10]}"  # the rest channel takes web- ids only (channels/web)
    fouten = []
    for i, beurt in enumerate(gesprek["beurten"], 1):
        if "stilte" in beurt:
            stilte(client, url, token, afzender, float(beurt["stilte"]))
            continue
        replies = antwoorden(client, url, afzender, str(beurt["zeg"]))
        alles = "\n".join(replies).replace("\xa0", " ").lower()
        for stuk in beurt.get("verwacht", []):
            if str(stuk).lower() not in alles:
                fouten.append(f"beurt {i} ('{beurt['zeg']}'): '{stuk}' ontbreekt in:\n    " + "\n    ".join(replies))
        for stuk in beurt.get("niet", []):
            if str(stuk).lower() in alles:
                fouten.append(f"beurt {i} ('{beurt['zeg']}'): '{stuk}' had er niet mogen staan")
    return fouten


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:5005")
    p.add_argument("--token", help="Rasa's API token, for turns with 'stilte'")
    p.add_argument("--bestand", default=str(HIER / "gesprekken.yml"))
    p.add_argument("-v", action="store_true", help="print every reply")
    args = p.parse_args()
    gesprekken = yaml.safe_load(Path(args.bestand).read_text(encoding="utf-8"))
    geslaagd = mislukt = 0
    with httpx.Client() as client:
        for gesprek in gesprekken:
            fouten = voer_uit(gesprek, client, args.url, args.token)
            if fouten:
                mislukt += 1
                print(f"FOUT  {gesprek['naam']}")
                for f in fouten:
                    print("   ", f)
            else:
                geslaagd += 1
                print(f"ok    {gesprek['naam']}")
    print(f"{geslaagd} passed, {mislukt} failed")
    return 1 if mislukt else 0


if __name__ == "__main__":
    sys.exit(main())
