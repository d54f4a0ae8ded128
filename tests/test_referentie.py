"""Reference cases (tests/referentie/*.yaml): households whose expected outcome and amount come from an official
publication, named per case with its address and date, never from Wegwijs' own content. An amount must be
within € 1 of the source's, unless the case gives another margin with its reason."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from wegwijs.kennis import laad_kennisbank
from wegwijs.toets import toets

MAP = Path(__file__).parent / "referentie"
MINIMAAL = 40  # the issue's floor: enough cases to cover every national scheme and both municipalities' limits


def _gevallen() -> list[tuple[str, dict, dict]]:
    gevallen = []
    for bestand in sorted(MAP.glob("*.yaml")):
        data = yaml.safe_load(bestand.read_text(encoding="utf-8"))
        for geval in data["gevallen"]:
            gevallen.append((f"{bestand.stem}: {geval['naam']}", geval, data["bronnen"]))
    return gevallen


GEVALLEN = _gevallen()


def test_every_case_names_an_outside_source_with_address_and_date():
    assert len(GEVALLEN) >= MINIMAAL, f"{len(GEVALLEN)} referentiegevallen; er horen er minstens {MINIMAAL} te zijn"
    for naam, geval, bronnen in GEVALLEN:
        bron = bronnen[geval["bron"]]
        # the date of the publication, or where a web page gives none, the day it was read
        assert bron["url"].startswith("https://") and isinstance(bron.get("datum", bron.get("geraadpleegd")), dt.date), naam
        assert geval.get("plek"), f"{naam}: zeg waar in de bron het bedrag staat"


@pytest.mark.parametrize("naam, geval, bronnen", GEVALLEN, ids=[g[0] for g in GEVALLEN])
def test_reference_case(naam, geval, bronnen):
    resultaat = toets(geval["huishouden"], laad_kennisbank())
    verwacht = geval["verwacht"]
    if "sociaal_minimum" in verwacht:
        assert resultaat["budget"]["sociaal_minimum"] == pytest.approx(verwacht["sociaal_minimum"], abs=0.01)
    if "regeling" not in verwacht:
        return
    uitkomst = next((r for r in resultaat["regelingen"] if r["id"] == verwacht["regeling"]), None)
    assert uitkomst is not None, f"{verwacht['regeling']} ontbreekt in de uitkomst"
    assert uitkomst["uitkomst"] == verwacht["uitkomst"], uitkomst["redenen"]
    if "bedrag_per_maand" in verwacht:
        assert uitkomst["bedrag_per_maand"] == pytest.approx(verwacht["bedrag_per_maand"], abs=verwacht.get("marge", 1))
