"""Median time to check one household against every scheme of a municipality (target: at most 0.5 ms).

Run with `make bench`. Prints medians over repeated rounds so machine noise shows as spread, not as a verdict, and
the CPU time of this process, which other work on the machine disturbs less than the wall-clock time.
"""
from __future__ import annotations

import statistics
import time

from wegwijs.kennis import laad_kennisbank
from wegwijs.toets import toets

HUISHOUDENS = {
    "alleenstaande ouder, bijstand, Amsterdam": {
        "peildatum": "2026-09-01", "gemeente": "Amsterdam", "aanvrager": {"leeftijd": 38},
        "kinderen": [{"leeftijd": 14}, {"leeftijd": 16}], "woning": {"soort": "huur", "huur_per_maand": 750},
        "inkomen": {"netto_per_maand": 1400, "bron": "bijstand", "laag_inkomen_sinds_jaren": 4}, "vermogen": 2000,
        "schulden": True,
    },
    "paar met AOW-gat, Rotterdam": {
        "peildatum": "2026-09-01", "gemeente": "Rotterdam", "aanvrager": {"leeftijd": 70, "in_nederland_sinds_leeftijd": 35},
        "partner": {"leeftijd": 68}, "woning": {"soort": "huur", "huur_per_maand": 620},
        "inkomen": {"netto_per_maand": 1300, "bron": "aow"}, "vermogen": 9000,
    },
    "jongere, weinig bekend": {"gemeente": "Amsterdam", "aanvrager": {"leeftijd": 19}},
}
ROUNDS, PER_ROUND = 15, 200


def main() -> None:
    kennisbank = laad_kennisbank()
    print(f"toets: median time per household, {ROUNDS} rounds of {PER_ROUND} checks (target <= 0.5 ms)")
    for naam, huishouden in HUISHOUDENS.items():
        aantal = len(toets(huishouden, kennisbank)["regelingen"])
        wand, cpu = [], []
        for _ in range(ROUNDS):
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(PER_ROUND):
                toets(huishouden, kennisbank)
            wand.append((time.perf_counter() - start) / PER_ROUND * 1000)
            cpu.append((time.process_time() - start_cpu) / PER_ROUND * 1000)
        wand.sort()
        print(f"  {naam:<42} {aantal:>2} regelingen  median {statistics.median(wand):.3f} ms"
              f"  (fastest {wand[0]:.3f}, slowest {wand[-1]:.3f}; CPU of this process {statistics.median(cpu):.3f} ms)")


if __name__ == "__main__":
    main()
