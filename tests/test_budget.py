"""Budget rules: share of the sociaal minimum, and the rondkomen check in Nibud's manner."""
from __future__ import annotations

import pytest

from kennisbouw import maak_kennis, regeling_yaml
from wegwijs.budget import saldo
from wegwijs.kennis import laad_kennisbank
from wegwijs.toets import toets


def test_reproduces_nibud_onder_de_streep_2023_table_2():
    """Single parent, children of 14 and 16, on bijstand: income 2269, basic package 1946, participation 140.

    Nibud publishes saldo 182: it subtracts unrounded amounts and rounds each figure in the table to whole euros,
    so the arithmetic on the rounded figures may differ by one euro.
    """
    assert saldo(2269, 1946, 140) == pytest.approx(182, abs=1)


TOESLAG = regeling_yaml("huurhulp", "- feit: woonsituatie\n  is: huur", naam="Huurtoeslag",
                        extra='bedrag_per_maand: "226"')


@pytest.fixture
def kb(kennis_map):
    maak_kennis(kennis_map, {"huurhulp.yaml": TOESLAG})
    return laad_kennisbank.__wrapped__(kennis_map)


def test_rondkomen_income_minus_rent_basic_package_and_participation(kb):
    budget = toets({"peildatum": "2026-03-01", "aanvrager": {"leeftijd": 40}, "kinderen": [{"leeftijd": 14}, {"leeftijd": 16}],
                    "woning": {"soort": "huur", "huur_per_maand": 700}, "inkomen": {"netto_per_maand": 2000}}, kb)["budget"]
    # test norms: adults 900 + 2 x 250 per child; participation 60 + 2 x 40
    assert budget["kosten_per_maand"] == {"huur": 700, "basispakket": 1400, "participatie": 140}
    assert budget["saldo_per_maand"] == 2000 - 700 - 1400 - 140
    assert budget["saldo_met_regelingen"] == budget["saldo_per_maand"] + 226
    assert "Als u huurtoeslag nog niet krijgt en het aanvraagt, houdt u ongeveer €\u00a0226 per maand meer over." in budget["samenvatting"]
    assert budget["inkomen_percentage_sociaal_minimum"] == pytest.approx(2000 / 1400 * 100, abs=0.1)
    assert budget["aannames"]


def test_a_shortfall_is_said_without_blame(kb):
    budget = toets({"peildatum": "2026-03-01", "aanvrager": {"leeftijd": 40}, "woning": {"soort": "inwonend", "huur_per_maand": 900},
                    "inkomen": {"netto_per_maand": 1000}}, kb)["budget"]
    assert budget["saldo_per_maand"] == 1000 - 900 - 900 - 60
    assert any("tekort" in zin and "Dat ligt niet aan u" in zin for zin in budget["samenvatting"])


def test_unknown_income_or_rent_gives_no_saldo_and_says_why(kb):
    zonder_inkomen = toets({"peildatum": "2026-03-01", "aanvrager": {"leeftijd": 40}}, kb)["budget"]
    assert zonder_inkomen["saldo_per_maand"] is None
    assert "We weten uw inkomen nog niet" in zonder_inkomen["samenvatting"][0]
    zonder_huur = toets({"peildatum": "2026-03-01", "aanvrager": {"leeftijd": 40}, "inkomen": {"netto_per_maand": 1000}}, kb)["budget"]
    assert zonder_huur["saldo_per_maand"] is None
    assert any("huur" in zin for zin in zonder_huur["samenvatting"])
