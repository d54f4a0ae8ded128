"""Build a small, self-contained knowledge base for engine tests, so they do not move when real content changes."""
from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

from wegwijs.kennis.laden import STANDAARD_MAP

NORMEN = {
    "participatiewet.yaml": """
        norm:
          beschrijving: Bijstandsnorm.
          eenheid: euro_per_maand
          per: [leeftijdsgroep, leefvorm]
          waarden:
            2026-01-01:
              jonger_dan_21: {alleenstaand: 300, alleenstaande_ouder: 300, paar: 600, paar_met_kinderen: 900}
              21_tot_aow: {alleenstaand: 1400, alleenstaande_ouder: 1400, paar: 2000, paar_met_kinderen: 2000}
              aow_leeftijd: {alleenstaand: 1500, alleenstaande_ouder: 1500, paar: 2100, paar_met_kinderen: 2100}
            2026-07-01:
              jonger_dan_21: {alleenstaand: 310, alleenstaande_ouder: 310, paar: 620, paar_met_kinderen: 930}
              21_tot_aow: {alleenstaand: 1450, alleenstaande_ouder: 1450, paar: 2070, paar_met_kinderen: 2070}
              aow_leeftijd: {alleenstaand: 1550, alleenstaande_ouder: 1550, paar: 2170, paar_met_kinderen: 2170}
          bron: [{titel: Testnorm}]
        kostendeler_basis: {beschrijving: basis, eenheid: procent, waarden: {2015-01-01: 40}, bron: [{titel: Wet}]}
        kostendeler_per_persoon: {beschrijving: per persoon, eenheid: procent, waarden: {2015-01-01: 30}, bron: [{titel: Wet}]}
        kostendeler_vanaf_leeftijd: {beschrijving: leeftijd, eenheid: jaar, waarden: {2015-01-01: 21, 2023-01-01: 27}, bron: [{titel: Wet}]}
        vermogensgrens:
          beschrijving: grens
          eenheid: euro
          per: leefvorm
          waarden: {2026-01-01: {alleenstaand: 7500, alleenstaande_ouder: 15000, paar: 15000, paar_met_kinderen: 15000}}
          bron: [{titel: Wet}]
    """,
    "aow.yaml": """
        leeftijd: {beschrijving: AOW-leeftijd, eenheid: jaar, waarden: {2024-01-01: 67}, bron: [{titel: SVB}]}
        opbouw_vanaf_leeftijd: {beschrijving: opbouw, eenheid: jaar, waarden: {2024-01-01: 17}, bron: [{titel: SVB}]}
    """,
    "schatting.yaml": """
        bruto_netto_factor: {beschrijving: factor, eenheid: factor, waarden: {2025-01-01: 1.25}, bron: [{titel: Eigen}]}
        marge: {beschrijving: marge, eenheid: procent, waarden: {2025-01-01: 10}, bron: [{titel: Eigen}]}
    """,
    # the real Nibud amounts (the budget tests reproduce Nibud's own tables with them), without the date until
    # which the price index is known: the tests of the year change count the test norms' own warnings
    "nibud.yaml": re.sub(r"\n *bekend_tot: .*", "", (STANDAARD_MAP / "normen" / "nibud.yaml").read_text(encoding="utf-8")),
}

REGELING = """\
id: {id}
naam: {naam}
geldig_vanaf: {vanaf}
{tot}laatst_gecontroleerd: 2026-11-01
bron: [{{titel: Test, url: "https://example.org"}}]
uitleg: Uitleg.
voor_wie: Voor iedereen.
voorwaarden:
{voorwaarden}
{extra}
aanvragen: {{hoe: Vraag het aan., link: "https://example.org/aanvragen"}}
klaarleggen: [Uw bankrekeningnummer.]
terugbetalen: Geef veranderingen door.
wijzigingen_doorgeven: [Een ander inkomen.]
"""


def regeling_yaml(id: str, voorwaarden: str, naam: str | None = None, extra: str = "", vanaf: str = "2026-01-01",
                  tot: str | None = None) -> str:
    body = textwrap.indent(textwrap.dedent(voorwaarden).strip(), "  ")
    return REGELING.format(id=id, naam=naam or id.capitalize(), voorwaarden=body, extra=extra, vanaf=vanaf,
                           tot=f"geldig_tot: {tot}\n" if tot else "")


def maak_kennis(map: Path, regelingen: dict[str, str] | None = None, gemeenten: dict[str, dict[str, str]] | None = None,
                normen: dict[str, str] | None = None) -> Path:
    """Write a knowledge base: the real feiten.yaml, the test norms, and the given schemes (file name -> YAML)."""
    (map / "normen").mkdir(parents=True)
    (map / "regelingen").mkdir()
    shutil.copy(STANDAARD_MAP / "feiten.yaml", map / "feiten.yaml")
    for naam, tekst in {**NORMEN, **(normen or {})}.items():
        (map / "normen" / naam).write_text(textwrap.dedent(tekst))
    for naam, tekst in (regelingen or {}).items():
        (map / "regelingen" / naam).write_text(tekst)
    for gemeente, bestanden in (gemeenten or {}).items():
        g = map / "gemeenten" / gemeente.lower()
        (g / "regelingen").mkdir(parents=True)
        (g / "gemeente.yaml").write_text(textwrap.dedent(f"""
            naam: {gemeente}
            postcodes: ["1011-1109"]
            contact: {{telefoon: "14 020"}}
            bron: [{{titel: Gemeente}}]
        """))
        for naam, tekst in bestanden.items():
            (g / "regelingen" / naam).write_text(tekst)
    return map
