"""The consent reader on answers as people type them (tests/corpus/toestemming.yaml). Consent comes only from an
explicit yes: a no, a negation or a yes with a condition is never read as a yes."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from wegwijs.gesprek import overdracht as g

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "toestemming.yaml").read_text(encoding="utf-8"))
BETEKENIS = {"ja": g.JA_DELEN, "nee": g.NIET_DELEN, "weglaten": g.WEGLATEN, "opnieuw": None}
ANTWOORDEN = [(soort, tekst) for soort, teksten in CORPUS.items() for tekst in teksten]


def test_the_corpus_is_large_enough_and_prints_its_accuracy():
    goed = sum(g.lees_toestemming(tekst) == BETEKENIS[soort] for soort, tekst in ANTWOORDEN)
    geen_ja = [t for s, t in ANTWOORDEN if s != "ja"]
    print(f"\ntoestemming: {goed} van {len(ANTWOORDEN)} goed gelezen ({goed / len(ANTWOORDEN):.3f}); "
          f"{sum(g.lees_toestemming(t) == g.JA_DELEN for t in geen_ja)} van {len(geen_ja)} zonder ja als ja gelezen")
    assert len(ANTWOORDEN) >= 120


@pytest.mark.parametrize("soort, tekst", ANTWOORDEN, ids=[f"{s}: {t}" for s, t in ANTWOORDEN])
def test_consent_answer(soort, tekst):
    gelezen = g.lees_toestemming(tekst)
    if soort != "ja":
        assert gelezen != g.JA_DELEN, "geen ja, toch als ja gelezen"
    assert gelezen == BETEKENIS[soort]
