"""Terminal chat for developers: talks to the assistant over its REST channel.

Uses a running assistant (make run) when one answers on --url; otherwise starts one (action server and Rasa
on 127.0.0.1) and stops it when you leave. Buttons are numbered: type the number to press one.
Type /stop to leave.
"""
from __future__ import annotations

import argparse
import contextlib
import uuid

import httpx

from bot import servers


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:5005")
    args = p.parse_args()
    try:
        httpx.get(args.url, timeout=2)
        context = contextlib.nullcontext(args.url)
    except httpx.HTTPError:
        print("De assistent draait nog niet; ik start hem (dat duurt even)...")
        context = servers.bot()
    with context as url, httpx.Client(timeout=60) as client:
        afzender = f"web-chat-{uuid.uuid4().hex[:8]}"  # the rest channel takes web- ids only (channels/web)
        knoppen: list[dict] = []
        print("Typ uw bericht. /stop om te stoppen.\n")
        while True:
            try:
                tekst = input("u> ").strip()
            except (EOFError, KeyboardInterrupt):
                break
            if tekst == "/stop":
                break
            if tekst.isdigit() and 1 <= int(tekst) <= len(knoppen):
                tekst = knoppen[int(tekst) - 1]["payload"]
            knoppen = []
            r = client.post(f"{url}/webhooks/rest/webhook", json={"sender": afzender, "message": tekst})
            for b in r.json():
                if b.get("text"):
                    print("wegwijs>", b["text"].replace("\n", "\n         "))
                for knop in b.get("buttons") or []:
                    knoppen.append(knop)
                    print(f"         [{len(knoppen)}] {knop['title']}")
            print()


if __name__ == "__main__":
    main()
