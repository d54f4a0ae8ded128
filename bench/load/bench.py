"""Load benchmark of the assistant over the REST channel, compared with a stock `rasa init` bot in the same run.

N simulated citizens (default 20) talk at the same time; each goes through a full eligibility conversation
(bench/load/gesprek.yml) a few times. The stock bot (created with `rasa init --no-prompt` in a temporary folder,
trained there) gets the same load with its own conversation of the same length. Everything listens on
127.0.0.1 only; both bots are stopped at the end; the run is bounded in messages and time.

Reports p50/p95 latency per message and messages per second for both, the ratios, and the targets of issue 3
(p95 at most 1.3 x the stock bot's, throughput at least 0.8 x). Results: bench/load/resultaten.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bot import servers  # noqa: E402

HIER = Path(__file__).resolve().parent
STANDAARD_GESPREK = ["hello", "I am sad", "yes", "hi", "I am great", "bye"]


def percentiel(waarden: list[float], p: float) -> float:
    s = sorted(waarden)
    k = (len(s) - 1) * p / 100
    onder, boven = int(k), min(int(k) + 1, len(s) - 1)
    return s[onder] + (s[boven] - s[onder]) * (k - onder)


async def burger(client: httpx.AsyncClient, url: str, berichten: list[str], rondes: int, tijden: list[float],
                 fouten: list[str], deadline: float) -> None:
    for _ in range(rondes):
        afzender = f"bench-{uuid.uuid4().hex[:12]}"
        for bericht in berichten:
            if time.monotonic() > deadline:
                return
            start = time.perf_counter()
            try:
                r = await client.post(f"{url}/webhooks/rest/webhook", json={"sender": afzender, "message": bericht})
                r.raise_for_status()
                if not r.json():
                    fouten.append(f"geen antwoord op '{bericht}'")
            except httpx.HTTPError as fout:
                fouten.append(f"{type(fout).__name__} bij '{bericht}'")
                continue
            tijden.append(time.perf_counter() - start)


async def belast(url: str, berichten: list[str], gelijktijdig: int, rondes: int, max_seconden: float) -> dict:
    tijden: list[float] = []
    fouten: list[str] = []
    # warm up: one conversation alone
    async with httpx.AsyncClient(timeout=120) as client:
        await burger(client, url, berichten, 1, [], [], time.monotonic() + 120)
    limits = httpx.Limits(max_connections=gelijktijdig * 2)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        start = time.perf_counter()
        deadline = time.monotonic() + max_seconden
        await asyncio.gather(*(burger(client, url, berichten, rondes, tijden, fouten, deadline)
                               for _ in range(gelijktijdig)))
        duur = time.perf_counter() - start
    return {"berichten": len(tijden), "fouten": len(fouten), "voorbeeld_fouten": fouten[:3], "seconden": round(duur, 2),
            "p50_ms": round(percentiel(tijden, 50) * 1000, 1), "p95_ms": round(percentiel(tijden, 95) * 1000, 1),
            "gemiddeld_ms": round(statistics.mean(tijden) * 1000, 1),
            "berichten_per_seconde": round(len(tijden) / duur, 2)}


def maak_standaardbot(map_: Path) -> Path:
    rasa = str(Path(sys.executable).parent / "rasa")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    print("Standaardbot maken en trainen met `rasa init --no-prompt` (duurt een paar minuten)...", flush=True)
    map_.mkdir(parents=True, exist_ok=True)
    subprocess.run([rasa, "init", "--no-prompt", "--init-dir", str(map_)], cwd=map_, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    modellen = sorted((map_ / "models").glob("*.tar.gz"))
    if not modellen:
        raise RuntimeError("rasa init maakte geen model")
    return modellen[-1]


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--gelijktijdig", "-n", type=int, default=20)
    p.add_argument("--rondes", type=int, default=2, help="conversations per simulated citizen")
    p.add_argument("--max-seconden", type=float, default=300, help="stop a load phase after this long")
    p.add_argument("--uit", default=str(HIER / "resultaten.json"))
    args = p.parse_args()
    gesprek = [str(b) for b in yaml.safe_load((HIER / "gesprek.yml").read_text(encoding="utf-8"))["berichten"]]
    standaard = (STANDAARD_GESPREK * (len(gesprek) // len(STANDAARD_GESPREK) + 1))[:len(gesprek)]
    resultaat: dict = {"gelijktijdig": args.gelijktijdig, "rondes": args.rondes, "berichten_per_gesprek": len(gesprek)}
    tmp = Path(tempfile.mkdtemp(prefix="wegwijs-bench-"))
    try:
        model = maak_standaardbot(tmp / "standaard")
        endpoints = tmp / "endpoints.yml"
        endpoints.write_text("action_endpoint:\n  url: http://127.0.0.1:5155/webhook\n"
                             "tracker_store:\n  type: bot.opslag.WisbareTrackerStore\n")
        print(f"Wegwijs: {args.gelijktijdig} burgers tegelijk, {len(gesprek)} berichten per gesprek...", flush=True)
        with servers.actieserver(5155, logmap=tmp), servers.rasa(5105, endpoints=str(endpoints), logmap=tmp):
            resultaat["wegwijs"] = asyncio.run(belast("http://127.0.0.1:5105", gesprek, args.gelijktijdig,
                                                      args.rondes, args.max_seconden))
        print("Standaardbot (rasa init) met dezelfde belasting...", flush=True)
        with servers.rasa(5205, model=model, endpoints="", credentials=str(tmp / "standaard" / "credentials.yml"),
                          logmap=tmp):
            resultaat["standaard"] = asyncio.run(belast("http://127.0.0.1:5205", standaard, args.gelijktijdig,
                                                        args.rondes, args.max_seconden))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    w, s = resultaat["wegwijs"], resultaat["standaard"]
    resultaat["p95_verhouding"] = round(w["p95_ms"] / s["p95_ms"], 2)
    resultaat["doorvoer_verhouding"] = round(w["berichten_per_seconde"] / s["berichten_per_seconde"], 2)
    resultaat["doel_gehaald"] = resultaat["p95_verhouding"] <= 1.3 and resultaat["doorvoer_verhouding"] >= 0.8
    Path(args.uit).write_text(json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n")
    for naam, r in (("wegwijs", w), ("rasa init", s)):
        print(f"{naam:10} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  {r['berichten_per_seconde']:6.2f} "
              f"berichten/s  ({r['berichten']} berichten, {r['fouten']} fouten)")
    print(f"p95 verhouding {resultaat['p95_verhouding']} (doel <= 1.3), doorvoer verhouding "
          f"{resultaat['doorvoer_verhouding']} (doel >= 0.8): {'gehaald' if resultaat['doel_gehaald'] else 'NIET gehaald'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
