"""Load benchmark of the assistant over the REST channel, compared with a stock `rasa init` bot in the same run.

N simulated citizens (default 20) talk at the same time; each goes through a full eligibility conversation
(bench/load/gesprek.yml) a few times. The stock bot (created with `rasa init --no-prompt` and trained once per Rasa
version, kept in bench/load/.standaardbot/) gets the same load with its own conversation of the same length. The two
bots take turns for a few rounds, so that a change in the machine's other work hits both alike; each round gives a
ratio, and the median over the rounds is reported. Everything listens on 127.0.0.1 only; both bots are stopped at
the end; every load phase is bounded in messages and time.

Reports p50/p95 latency per message and messages per second for both (medians over the rounds), the ratios, and
the targets of issue 3 (p95 at most 1.3 x the stock bot's, throughput at least 0.8 x).
Results: bench/load/resultaten.json.
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
from bot.start_rasa import OPDRACHT  # noqa: E402

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
        afzender = f"web-bench-{uuid.uuid4().hex[:12]}"  # the rest channel takes web- ids only
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


def standaardbot(map_: Path) -> Path:
    """The stock bot's model, made and trained with `rasa init --no-prompt` the first time (a few minutes)."""
    import rasa

    map_ = map_ / rasa.__version__
    modellen = sorted((map_ / "models").glob("*.tar.gz"))
    if modellen:
        return modellen[-1]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONPATH=str(REPO))
    print("Standaardbot maken en trainen met `rasa init --no-prompt` (eenmalig, duurt een paar minuten)...", flush=True)
    map_.parent.mkdir(parents=True, exist_ok=True)
    bouw = Path(tempfile.mkdtemp(prefix="bouw-", dir=map_.parent))
    try:
        subprocess.run([*OPDRACHT, "init", "--no-prompt", "--init-dir", str(bouw)], cwd=bouw, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not list((bouw / "models").glob("*.tar.gz")):
            raise RuntimeError("rasa init maakte geen model")
        bouw.rename(map_)  # only a complete bot is kept
    finally:
        shutil.rmtree(bouw, ignore_errors=True)
    return sorted((map_ / "models").glob("*.tar.gz"))[-1]


def mediaan_van(rondes: list[dict]) -> dict:
    """Per figure the median over the rounds; messages and errors added up."""
    uit = {k: round(statistics.median(r[k] for r in rondes), 2)
           for k in ("p50_ms", "p95_ms", "gemiddeld_ms", "berichten_per_seconde")}
    uit.update(berichten=sum(r["berichten"] for r in rondes), fouten=sum(r["fouten"] for r in rondes),
               voorbeeld_fouten=[f for r in rondes for f in r["voorbeeld_fouten"]][:3])
    return uit


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--gelijktijdig", "-n", type=int, default=20)
    p.add_argument("--gesprekken", type=int, default=2, help="conversations per simulated citizen per round")
    p.add_argument("--rondes", type=int, default=3, help="rounds in which the two bots take turns")
    p.add_argument("--max-seconden", type=float, default=300, help="stop a load phase after this long")
    p.add_argument("--uit", default=str(HIER / "resultaten.json"))
    args = p.parse_args()
    gesprek = [str(b) for b in yaml.safe_load((HIER / "gesprek.yml").read_text(encoding="utf-8"))["berichten"]]
    standaard = (STANDAARD_GESPREK * (len(gesprek) // len(STANDAARD_GESPREK) + 1))[:len(gesprek)]
    model = standaardbot(HIER / ".standaardbot")
    bots = {"wegwijs": ("http://127.0.0.1:5105", gesprek), "standaard": ("http://127.0.0.1:5205", standaard)}
    rondes: dict[str, list[dict]] = {"wegwijs": [], "standaard": []}
    tmp = Path(tempfile.mkdtemp(prefix="wegwijs-bench-"))
    try:
        endpoints = tmp / "endpoints.yml"
        endpoints.write_text("action_endpoint:\n  url: http://127.0.0.1:5155/webhook\n"
                             "tracker_store:\n  type: bot.opslag.WisbareTrackerStore\n")
        with servers.actieserver(5155, logmap=tmp), servers.rasa(5105, endpoints=str(endpoints), logmap=tmp), \
                servers.rasa(5205, model=model, endpoints="", credentials=str(model.parents[1] / "credentials.yml"),
                             logmap=tmp):
            print(f"{args.gelijktijdig} burgers tegelijk, {len(gesprek)} berichten per gesprek, "
                  f"{args.rondes} rondes om en om...", flush=True)
            for ronde in range(args.rondes):
                # alternate which bot goes first, so neither always follows the other
                volgorde = ["wegwijs", "standaard"] if ronde % 2 == 0 else ["standaard", "wegwijs"]
                for naam in volgorde:
                    url, berichten = bots[naam]
                    rondes[naam].append(asyncio.run(belast(url, berichten, args.gelijktijdig, args.gesprekken,
                                                           args.max_seconden)))
                w, s_ = rondes["wegwijs"][-1], rondes["standaard"][-1]
                print(f"  ronde {ronde + 1}: p95 {w['p95_ms']:.0f} / {s_['p95_ms']:.0f} ms, "
                      f"{w['berichten_per_seconde']:.1f} / {s_['berichten_per_seconde']:.1f} berichten/s", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    w, s = (rondes[n] for n in ("wegwijs", "standaard"))
    resultaat: dict = {
        "gelijktijdig": args.gelijktijdig, "gesprekken": args.gesprekken, "rondes": args.rondes,
        "berichten_per_gesprek": len(gesprek), "wegwijs": mediaan_van(w), "standaard": mediaan_van(s),
        "p95_verhoudingen": [round(a["p95_ms"] / b["p95_ms"], 2) for a, b in zip(w, s)],
        "doorvoer_verhoudingen": [round(a["berichten_per_seconde"] / b["berichten_per_seconde"], 2)
                                  for a, b in zip(w, s)]}
    resultaat["p95_verhouding"] = statistics.median(resultaat["p95_verhoudingen"])
    resultaat["doorvoer_verhouding"] = statistics.median(resultaat["doorvoer_verhoudingen"])
    resultaat["doel_gehaald"] = resultaat["p95_verhouding"] <= 1.3 and resultaat["doorvoer_verhouding"] >= 0.8
    Path(args.uit).write_text(json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n")
    for naam, r in (("wegwijs", resultaat["wegwijs"]), ("rasa init", resultaat["standaard"])):
        print(f"{naam:10} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  {r['berichten_per_seconde']:6.2f} "
              f"berichten/s  ({r['berichten']} berichten, {r['fouten']} fouten; medianen over de rondes)")
    print(f"p95 verhouding {resultaat['p95_verhouding']} (doel <= 1.3; per ronde {resultaat['p95_verhoudingen']}), "
          f"doorvoer verhouding {resultaat['doorvoer_verhouding']} (doel >= 0.8; per ronde "
          f"{resultaat['doorvoer_verhoudingen']}): {'gehaald' if resultaat['doel_gehaald'] else 'NIET gehaald'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
