"""Budget rules: the rondkomen check in Nibud's manner.

The first tests reproduce Nibud's published tables ('Onder de streep', 2023, prices of 2022; as reproduced in
../shared/bronnen/nibud-en-niet-gebruik.md) from each table's own inputs: the household, the rent, and whether the
municipality's schemes apply (the table's '(a)' marks). The expected figures are the tables', never our content's.
"""
from __future__ import annotations

import datetime as dt

import pytest

from kennisbouw import maak_kennis, regeling_yaml
from wegwijs.budget import nibud_kosten, saldo
from wegwijs.kennis import laad_kennisbank
from wegwijs.toets import toets

PRIJZEN_2022 = dt.date(2022, 6, 1)
MARGE = 15  # the margin for the published tables
BIJ, MET, ZONDER = "bijstandsniveau", "met_gemeenteregelingen", "zonder_gemeenteregelingen"

# Table 1: an 18-year-old living alone, rent 400. (regime of the basic package, of participation, student?)
TABEL_1 = {
    "Bijstand": ((BIJ, BIJ, False), {"inkomsten": 545, "vaste_lasten": 681, "reservering": 179, "huishoudelijk": 269,
                                      "basispakket": 1129, "participatie": 71, "saldo": -655}),
    "WML": ((MET, MET, False), {"inkomsten": 1174, "vaste_lasten": 748, "reservering": 179, "huishoudelijk": 269,
                                "basispakket": 1196, "participatie": 71, "saldo": -93}),
    # the basic package is marked (a), participation is not
    "Studiefinanciering": ((MET, ZONDER, True), {"inkomsten": 1142, "vaste_lasten": 851, "reservering": 179,
                                                 "huishoudelijk": 269, "basispakket": 1298, "participatie": 104,
                                                 "saldo": -260}),
}
# Table 2: single parent, children of 14 and 16, rent 580.
TABEL_2 = {
    "Bijstand": (BIJ, {"inkomsten": 2269, "vaste_lasten": 1056, "reservering": 292, "huishoudelijk": 598,
                       "basispakket": 1946, "participatie": 140, "saldo": 182}),
    "100%": (MET, {"inkomsten": 2855, "vaste_lasten": 1184, "reservering": 292, "huishoudelijk": 598,
                   "basispakket": 2074, "participatie": 140, "saldo": 641}),
    "120%": (MET, {"inkomsten": 2952, "vaste_lasten": 1184, "reservering": 292, "huishoudelijk": 598,
                   "basispakket": 2074, "participatie": 140, "saldo": 738}),
    "130%": (ZONDER, {"inkomsten": 2979, "vaste_lasten": 1379, "reservering": 307, "huishoudelijk": 601,
                      "basispakket": 2288, "participatie": 230, "saldo": 461}),
}
# Table 3: aged 50-65, without municipal schemes; participation is the gap between the two saldo columns, and
# what the municipality's schemes add to participation is the gap between the two 'add' columns.
TABEL_3 = {  # household: (participation without schemes, participation the schemes add), the same in every row
    "alleenstaand": (104, 282 - 249),
    "paar": (167, 307 - 255),
}


def _kosten(regime, huur, partner=False, kinderen=(), student=False):
    return nibud_kosten(laad_kennisbank(), PRIJZEN_2022, regime, huur=huur, partner=partner, kinderen=kinderen,
                        student=student)


def _vergelijk(berekend: dict, tabel: dict, kolom: str) -> None:
    for post, verwacht in tabel.items():
        if post in ("inkomsten", "saldo"):
            continue
        assert berekend[post] == pytest.approx(verwacht, abs=MARGE), f"{kolom}, {post}"
    berekend_saldo = saldo(tabel["inkomsten"], berekend["basispakket"], berekend["participatie"])
    assert berekend_saldo == pytest.approx(tabel["saldo"], abs=MARGE), f"{kolom}, saldo"


@pytest.mark.parametrize("kolom", TABEL_1)
def test_reproduces_onder_de_streep_table_1(kolom):
    (basis, participatie, student), tabel = TABEL_1[kolom]
    kosten = dict(_kosten(basis, 400, student=student))
    kosten["participatie"] = _kosten(participatie, 400, student=student)["participatie"]
    _vergelijk(kosten, tabel, f"tabel 1, {kolom}")


@pytest.mark.parametrize("kolom", TABEL_2)
def test_reproduces_onder_de_streep_table_2(kolom):
    regime, tabel = TABEL_2[kolom]
    _vergelijk(_kosten(regime, 580, kinderen=[14, 16]), tabel, f"tabel 2, {kolom}")


@pytest.mark.parametrize("huishouden", TABEL_3)
def test_reproduces_onder_de_streep_table_3_participation(huishouden):
    zonder, regelingen = TABEL_3[huishouden]
    partner = huishouden == "paar"
    assert _kosten(ZONDER, 0, partner=partner)["participatie"] == pytest.approx(zonder, abs=MARGE)
    for regime in (BIJ, MET):   # bijstand, 100% and 120%: the schemes add the same to participation
        verschil = zonder - _kosten(regime, 0, partner=partner)["participatie"]
        assert verschil == pytest.approx(regelingen, abs=MARGE), regime


def test_the_armoedegrens_2023_for_a_single_person_is_within_the_margin():
    """CBS, Nibud and SCP: a single person needs € 1,510 (2023) at a rent of 590: 920 besides the rent."""
    kosten = nibud_kosten(laad_kennisbank(), dt.date(2023, 6, 1), ZONDER, huur=590, partner=False, kinderen=[])
    assert kosten["basispakket"] + kosten["participatie"] == pytest.approx(1510, abs=MARGE)


def test_a_young_child_costs_less_and_prices_follow_the_cpi():
    kb = laad_kennisbank()
    jong = _kosten(ZONDER, 0, kinderen=[5])
    puber = _kosten(ZONDER, 0, kinderen=[15])
    assert puber["basispakket"] - jong["basispakket"] == pytest.approx(180.64, abs=0.01)
    in_2025 = nibud_kosten(kb, dt.date(2025, 6, 1), ZONDER, huur=500, partner=False, kinderen=[])
    assert in_2025["huur"] == 500   # the rent is the person's own, never indexed
    assert in_2025["basispakket"] - 500 == pytest.approx((_kosten(ZONDER, 0)["basispakket"]) * 1.038 * 1.033 * 1.033, abs=0.05)


# ---- the rondkomen part of the check's answer, on test norms --------------------------------------------------

TOESLAG = regeling_yaml("huurtoeslag", "- feit: woonsituatie\n  is: huur", naam="Huurtoeslag",
                        extra='bedrag_per_maand: "226"')
ZORG = regeling_yaml("zorgtoeslag", "- feit: leeftijd\n  minimaal: 18", naam="Zorgtoeslag", extra='bedrag_per_maand: "100"')


@pytest.fixture
def kb(kennis_map):
    maak_kennis(kennis_map, {"huurtoeslag.yaml": TOESLAG, "zorgtoeslag.yaml": ZORG})
    return laad_kennisbank.__wrapped__(kennis_map)


def _budget(kb, **extra):
    huishouden = {"peildatum": "2026-03-01", "aanvrager": {"leeftijd": 40}, "kinderen": [{"leeftijd": 14}],
                  "woning": {"soort": "huur", "huur_per_maand": 700}, "inkomen": {"netto_per_maand": 2000}}
    huishouden.update(extra)
    return toets(huishouden, kb)["budget"]


def test_rondkomen_counts_what_the_household_already_gets(kb):
    niet_gevraagd = _budget(kb)
    al = _budget(kb, ontvangt_al=["zorgtoeslag"])
    assert al["saldo_per_maand"] == pytest.approx(niet_gevraagd["saldo_per_maand"] + 100)
    assert [r["id"] for r in al["regelingen_erbij"]] == ["huurtoeslag"]   # zorgtoeslag is there already
    assert al["saldo_met_regelingen"] == pytest.approx(niet_gevraagd["saldo_met_regelingen"])
    assert "wat u nu al krijgt (zorgtoeslag)" in al["samenvatting"][2]
    assert "zonder toeslagen en kinderbijslag" in niet_gevraagd["samenvatting"][2]


def test_the_bottom_line_is_one_sentence_first(kb):
    budget = _budget(kb)
    assert budget["samenvatting"][0] == budget["kort_gezegd"]
    assert budget["kort_gezegd"].startswith("Kort gezegd: met alles wat u waarschijnlijk kunt krijgen, ")
    assert budget["kort_gezegd"].count(".") == 1 or "tekort" in budget["kort_gezegd"]
    niets_erbij = _budget(kb, ontvangt_al=["huurtoeslag", "zorgtoeslag"])
    assert niets_erbij["kort_gezegd"].startswith("Kort gezegd: u ")


def test_a_received_scheme_of_unknown_amount_gives_no_saldo_and_says_why(kb):
    budget = _budget(kb, ontvangt_al=["kinderbijslag"], woning={"soort": "koop"})
    assert budget["saldo_per_maand"] is None   # rent unknown for an owner
    # the test knowledge has no kinderbijslag: the check cannot say how much it is
    onbekend = _budget(kb, ontvangt_al=["kinderbijslag", "zorgtoeslag"])
    assert onbekend["saldo_per_maand"] is None and "Ik weet niet hoeveel u nu krijgt aan kinderbijslag" in onbekend["kort_gezegd"]


def test_a_shortfall_is_said_without_blame(kb):
    budget = _budget(kb, inkomen={"netto_per_maand": 300}, ontvangt_al=[])
    assert budget["saldo_per_maand"] < 0
    assert any("tekort" in zin and "Dat ligt niet aan u" in zin for zin in budget["samenvatting"])


def test_unknown_income_or_rent_gives_no_saldo_and_says_why(kb):
    zonder_inkomen = toets({"peildatum": "2026-03-01", "aanvrager": {"leeftijd": 40}}, kb)["budget"]
    assert zonder_inkomen["saldo_per_maand"] is None
    assert "We weten uw inkomen nog niet" in zonder_inkomen["kort_gezegd"]
    zonder_huur = toets({"peildatum": "2026-03-01", "aanvrager": {"leeftijd": 40}, "inkomen": {"netto_per_maand": 1000}}, kb)["budget"]
    assert zonder_huur["saldo_per_maand"] is None
    assert "huur" in zonder_huur["kort_gezegd"]


def test_real_knowledge_couple_costs_more_than_a_single_person_and_states_the_price_year():
    kb = laad_kennisbank()
    basis = {"peildatum": "2026-03-01", "aanvrager": {"leeftijd": 40}, "woning": {"soort": "huur", "huur_per_maand": 700},
             "inkomen": {"netto_per_maand": 2000}, "ontvangt_al": []}
    alleen = toets({**basis, "partner": None}, kb)["budget"]
    samen = toets({**basis, "partner": {"leeftijd": 41}}, kb)["budget"]
    verschil = samen["kosten_per_maand"]["basispakket"] + samen["kosten_per_maand"]["participatie"] \
        - alleen["kosten_per_maand"]["basispakket"] - alleen["kosten_per_maand"]["participatie"]
    assert verschil == pytest.approx(395 * 1.107638, abs=1)   # armoedegrens 2023: 410 for the second adult
    assert any("prijzen van 2026 zijn nog niet bekend" in a for a in alleen["aannames"])


def test_a_date_before_nibud_s_amounts_gives_no_saldo_and_says_why():
    budget = toets({"peildatum": "2021-06-01", "aanvrager": {"leeftijd": 40}, "partner": None, "kinderen": [],
                    "woning": {"soort": "huur", "huur_per_maand": 600}, "inkomen": {"netto_per_maand": 1200}})["budget"]
    assert budget["saldo_per_maand"] is None and "geen bedragen van het Nibud" in budget["kort_gezegd"]
