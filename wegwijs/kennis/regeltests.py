"""Rule tests beside the content (<id>.tests.yaml): example households with the outcome an editor expects."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wegwijs.fouten import Bevinding
from wegwijs.huishouden import fouten as huishouden_fouten
from wegwijs.kennis.laden import STANDAARD_MAP, controleer_tests, test_bestanden
from wegwijs.kennis.model import Kennisbank
from wegwijs.kennis.yaml_bron import als_json, lees

BEDRAG_MARGE = 1.0  # euro: amounts are an indication


@dataclass(frozen=True)
class RegelTest:
    bestand: str
    regel: int | None
    regeling: str  # the scheme id: the file name without .tests.yaml
    naam: str
    huishouden: dict
    verwacht: dict

    @property
    def titel(self) -> str:
        return f"{self.bestand}:{self.regel} {self.naam}"


def _normaal(tekst: str) -> str:
    return " ".join(tekst.replace("\u00a0", " ").split()).lower()


def verzamel(map: Path | str | None = None) -> tuple[list[RegelTest], list[Bevinding]]:
    basis = Path(map or STANDAARD_MAP).resolve()
    tests: list[RegelTest] = []
    bevindingen: list[Bevinding] = []
    for pad in test_bestanden(basis):
        bestand, fout = lees(pad, basis)
        if fout:
            bevindingen.append(fout)
            continue
        regeling = pad.name.removesuffix(".tests.yaml")
        for test in controleer_tests(bestand, huishouden_fouten, bevindingen):
            index = bestand.data.index(test)
            tests.append(RegelTest(bestand.naam, bestand.regel((index,)), regeling, str(test["naam"]),
                                   als_json(test["huishouden"]), test["verwacht"]))
    return tests, bevindingen


def voer_uit(test: RegelTest, kennisbank: Kennisbank) -> list[str]:
    """What differs from the expectation, in plain Dutch; [] when the test passes."""
    from wegwijs.toets import toets

    resultaat = toets(test.huishouden, kennisbank)
    gevonden = [r for r in resultaat["regelingen"] if r["id"] == test.regeling]
    if not gevonden:
        return [f"de regeling '{test.regeling}' hoort niet bij dit huishouden (gemeente {resultaat['gemeente']}, "
                f"peildatum {resultaat['peildatum']})."]
    uitkomst = gevonden[0]
    problemen = []
    redenen = "\n    ".join(uitkomst["redenen"])
    if uitkomst["uitkomst"] != test.verwacht["uitkomst"]:
        problemen.append(f"uitkomst is {uitkomst['uitkomst']}, verwacht {test.verwacht['uitkomst']}.\n    {redenen}")
    if "bedrag_per_maand" in test.verwacht:
        verwacht, echt = test.verwacht["bedrag_per_maand"], uitkomst["bedrag_per_maand"]
        if (verwacht is None) != (echt is None) or (verwacht is not None and abs(verwacht - echt) > BEDRAG_MARGE):
            problemen.append(f"bedrag per maand is {echt}, verwacht {verwacht}.")
    alle = _normaal(" ".join(uitkomst["redenen"]))
    for tekst in test.verwacht.get("redenen_bevatten") or ():
        if _normaal(tekst) not in alle:
            problemen.append(f"geen reden bevat '{tekst}'.\n    {redenen}")
    return problemen
