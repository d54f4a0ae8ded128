"""From the words a person uses ("huurtoeslach", "geld voor de huur") to a scheme id of the knowledge base.

Known words: each scheme's id and naam from the knowledge base, plus knowledge/synoniemen.yaml. Typos are
tolerated by a similarity match on words and short word groups.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from wegwijs.gesprek.invoer import schoon

SYNONIEMEN = Path(__file__).resolve().parents[2] / "knowledge" / "synoniemen.yaml"
DREMPEL = 0.8


@lru_cache(maxsize=4)
def lees_synoniemen(pad: str | None = None) -> dict[str, list[str]]:
    bestand = Path(pad) if pad else SYNONIEMEN
    if not bestand.exists():
        return {}
    data = yaml.safe_load(bestand.read_text(encoding="utf-8")) or {}
    return {str(k): [str(w) for w in (v or [])] for k, v in data.items()}


def alle_regelingen(kennisbank: Any, peildatum: dt.date | None = None) -> dict[str, str]:
    """id -> naam of every national and municipal scheme in the knowledge base."""
    if kennisbank is None:
        return {}
    dag = peildatum or dt.date.today()
    uitkomst: dict[str, str] = {}
    for gemeente in [None, *sorted(getattr(kennisbank, "gemeenten", {}) or {})]:
        for regeling in kennisbank.regelingen(gemeente, dag):
            uitkomst.setdefault(regeling.id, regeling.naam)
    return uitkomst


class RegelingHerkenner:
    """Finds the scheme a text is about. Build it once; `herken` is cheap."""

    def __init__(self, regelingen: dict[str, str], synoniemen: dict[str, list[str]] | None = None):
        self.namen = dict(regelingen)
        woorden: dict[str, str] = {}
        bekend = set(regelingen) if regelingen else set((synoniemen or {}))
        for regeling_id in bekend:
            woorden[schoon(regeling_id.replace("_", " "))] = regeling_id
            woorden[schoon(regeling_id.replace("_", ""))] = regeling_id
            if regeling_id in self.namen:
                woorden[schoon(self.namen[regeling_id])] = regeling_id
        for regeling_id, lijst in (synoniemen or {}).items():
            if regeling_id in bekend:
                for woord in lijst:
                    woorden.setdefault(schoon(woord), regeling_id)
        self.woorden = {w: i for w, i in woorden.items() if w}
        self._op_lengte = sorted(self.woorden, key=len, reverse=True)

    @classmethod
    def uit_kennisbank(cls, kennisbank: Any, synoniemen_pad: str | None = None) -> "RegelingHerkenner":
        regelingen = alle_regelingen(kennisbank)
        return cls(regelingen, lees_synoniemen(synoniemen_pad))

    def herken(self, tekst: str | None) -> str | None:
        """The scheme id the text names, or None."""
        if not tekst:
            return None
        t = schoon(str(tekst).replace("_", " "))
        if t in self.woorden:
            return self.woorden[t]
        for woord in self._op_lengte:
            if re.search(rf"(?<![a-z]){re.escape(woord)}(?![a-z])", t):
                return self.woorden[woord]
        return self._bijna(t)

    def _bijna(self, t: str) -> str | None:
        tokens = t.split()
        beste, beste_score = None, DREMPEL
        for stuk in _woordgroepen(tokens, 3):
            if len(stuk) < 4:
                continue
            for woord in self.woorden:
                if abs(len(woord) - len(stuk)) > 4:
                    continue
                score = difflib.SequenceMatcher(None, stuk, woord).ratio()
                if score > beste_score:
                    beste, beste_score = self.woorden[woord], score
        return beste

    def herken_alle(self, tekst: str) -> list[str]:
        """Every scheme named in a text, in order of first mention (for 'huurtoeslag en zorgtoeslag')."""
        gevonden: list[str] = []
        for deel in re.split(r"\s(?:en|of|&)\s|,", schoon(tekst)):
            regeling = self.herken(deel)
            if regeling and regeling not in gevonden:
                gevonden.append(regeling)
        return gevonden


def _woordgroepen(tokens: list[str], maximaal: int) -> Iterable[str]:
    for lengte in range(1, maximaal + 1):
        for i in range(len(tokens) - lengte + 1):
            yield " ".join(tokens[i:i + lengte])
