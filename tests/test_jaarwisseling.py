"""The turn of the year: a check past the end of the content answers with the last known rules and amounts, says
so, and is no surer than 'misschien' where an amount decides; editors are warned 60 days ahead."""
from __future__ import annotations

import datetime as dt

import pytest

from kennisbouw import NORMEN, maak_kennis, regeling_yaml
from wegwijs.kennis import controleer, laad_kennisbank
from wegwijs.kennis.looptijd import aflopend
from wegwijs.toets import ONZEKER_DOOR_DATUM, toets

HULP_2026 = regeling_yaml("spaarhulp", """
    - feit: leeftijd
      minimaal: 18
    - feit: vermogen
      maximaal: participatiewet.vermogensgrens
""", naam="Spaarhulp", tot="2026-12-31")

LEEFTIJD_2026 = regeling_yaml("jongerenpas", """
    - feit: leeftijd
      maximaal: 26
""", naam="Jongerenpas", tot="2026-12-31")

GESTOPT = regeling_yaml("proef", """
    - feit: leeftijd
      minimaal: 18
""", naam="Proefregeling", tot="2026-12-31") + "stopt: true\n"

VOLGEND_JAAR = regeling_yaml("nieuw", """
    - feit: leeftijd
      minimaal: 18
""", naam="Nieuwe regeling", vanaf="2027-01-01")

_VERMOGENSGRENS = "          waarden: {2026-01-01: {alleenstaand: 7500, alleenstaande_ouder: 15000, paar: 15000, paar_met_kinderen: 15000}}"
# the bijstandsnorm and the vermogensgrens are known up to the end of 2026
BEKEND_TOT = {"participatiewet.yaml": NORMEN["participatiewet.yaml"].replace(
    "          bron: [{titel: Testnorm}]", "          bron: [{titel: Testnorm}]\n          bekend_tot: 2026-12-31", 1
).replace(_VERMOGENSGRENS, _VERMOGENSGRENS + "\n          bekend_tot: 2026-12-31")}


@pytest.fixture
def kb(kennis_map):
    maak_kennis(kennis_map, {"spaarhulp.yaml": HULP_2026, "jongerenpas.yaml": LEEFTIJD_2026, "proef.yaml": GESTOPT,
                             "nieuw.yaml": VOLGEND_JAAR}, normen=BEKEND_TOT)
    laad_kennisbank.cache_clear()
    return laad_kennisbank(kennis_map)


def _toets(kb, peildatum: str, **velden) -> dict:
    return toets({"peildatum": peildatum, "aanvrager": {"leeftijd": 22}, "vermogen": 1000, **velden}, kb)


def _over_bedragen(resultaat: dict) -> list[str]:
    return [o for o in resultaat["opmerkingen"] if "bedragen" in o]


def _uitkomsten(resultaat: dict) -> dict[str, str]:
    return {r["id"]: r["uitkomst"] for r in resultaat["regelingen"]}


def test_in_2026_everything_as_known(kb):
    resultaat = _toets(kb, "2026-12-31")
    assert _uitkomsten(resultaat) == {"spaarhulp": "waarschijnlijk_wel", "jongerenpas": "waarschijnlijk_wel",
                                      "proef": "waarschijnlijk_wel"}
    assert _over_bedragen(resultaat) == []


@pytest.mark.parametrize("peildatum, jaar", [("2027-01-04", 2027), ("2028-06-15", 2028)])
def test_past_the_end_the_last_rules_are_used_and_the_person_is_told(kb, peildatum, jaar):
    resultaat = _toets(kb, peildatum)
    uitkomsten = _uitkomsten(resultaat)
    # an amount decides Spaarhulp: no surer than misschien; an age limit is not an amount; the stopped one is gone
    assert uitkomsten == {"spaarhulp": "misschien", "jongerenpas": "waarschijnlijk_wel", "nieuw": "waarschijnlijk_wel"}
    assert _over_bedragen(resultaat) == [f"De bedragen voor {jaar} zijn nog niet bekend. Ik reken met die van 2026. "
                                        f"Daarom is de uitkomst minder zeker dan anders."]
    spaarhulp = next(r for r in resultaat["regelingen"] if r["id"] == "spaarhulp")
    assert spaarhulp["redenen"][0] == ONZEKER_DOOR_DATUM


def test_a_no_that_an_amount_decides_becomes_misschien_a_no_by_age_stays(kb):
    resultaat = _toets(kb, "2027-02-01", vermogen=50000, aanvrager={"leeftijd": 40})
    assert _uitkomsten(resultaat)["spaarhulp"] == "misschien"
    assert _uitkomsten(resultaat)["jongerenpas"] == "waarschijnlijk_niet"


def test_a_norm_past_its_known_date_alone_makes_amounts_uncertain(kennis_map):
    zonder_einde = regeling_yaml("spaarhulp", """
        - feit: vermogen
          maximaal: participatiewet.vermogensgrens
    """, naam="Spaarhulp")
    maak_kennis(kennis_map, {"spaarhulp.yaml": zonder_einde}, normen=BEKEND_TOT)
    laad_kennisbank.cache_clear()
    kb = laad_kennisbank(kennis_map)
    assert _uitkomsten(_toets(kb, "2026-12-31")) == {"spaarhulp": "waarschijnlijk_wel"}
    resultaat = _toets(kb, "2027-03-01")
    assert _uitkomsten(resultaat) == {"spaarhulp": "misschien"}
    assert "De bedragen voor 2027 zijn nog niet bekend" in resultaat["opmerkingen"][0]


def test_the_real_knowledge_base_never_goes_silent_in_2027_and_2028():
    laad_kennisbank.cache_clear()
    for peildatum in ("2027-01-04", "2028-01-04"):
        for gemeente in ("Amsterdam", "Rotterdam"):
            resultaat = toets({"peildatum": peildatum, "gemeente": gemeente, "aanvrager": {"leeftijd": 40},
                               "inkomen": {"netto_per_maand": 1100}})
            assert len(resultaat["regelingen"]) >= 10, (peildatum, gemeente)
            assert resultaat["opmerkingen"], (peildatum, gemeente)  # and it says why it is less sure
            assert "waarschijnlijk_wel" not in {r["uitkomst"] for r in resultaat["regelingen"]
                                                if r["id"] in ("bijstand", "zorgtoeslag", "huurtoeslag")}


def test_editors_are_warned_sixty_days_ahead_with_file_and_field(kb):
    assert aflopend(kb, dt.date(2026, 10, 31)) == []
    warnings = {(w.bestand, w.veld) for w in aflopend(kb, dt.date(2026, 11, 2))}
    assert warnings == {("regelingen/spaarhulp.yaml", "geldig_tot"), ("regelingen/jongerenpas.yaml", "geldig_tot"),
                        ("normen/participatiewet.yaml", "norm.bekend_tot"),
                        ("normen/participatiewet.yaml", "vermogensgrens.bekend_tot")}
    [spaarhulp] = [w for w in aflopend(kb, dt.date(2026, 12, 2)) if w.bestand == "regelingen/spaarhulp.yaml"]
    assert "loopt af op 31 december 2026 (over 29 dagen)" in spaarhulp.melding
    assert "geldig_vanaf: 2027-01-01" in spaarhulp.melding
    [verlopen] = [w for w in aflopend(kb, dt.date(2027, 1, 4)) if w.bestand == "regelingen/spaarhulp.yaml"]
    assert "is verlopen op 31 december 2026" in verlopen.melding


def test_a_scheme_with_a_successor_gives_no_warning(kennis_map):
    opvolger = regeling_yaml("spaarhulp", """
        - feit: leeftijd
          minimaal: 18
    """, naam="Spaarhulp", vanaf="2027-01-01")
    maak_kennis(kennis_map, {"spaarhulp.yaml": HULP_2026, "spaarhulp_2027.yaml": opvolger})
    laad_kennisbank.cache_clear()
    assert aflopend(laad_kennisbank(kennis_map), dt.date(2026, 12, 2)) == []


@pytest.mark.parametrize("regel, melding", [
    ("stopt: misschien\n", "stopt: true"),
])
def test_a_wrong_stopt_is_explained(kennis_map, regel, melding):
    maak_kennis(kennis_map, {"spaarhulp.yaml": HULP_2026 + regel})
    _, gevonden = controleer(kennis_map)
    assert any(melding in str(b) and b.veld == "stopt" for b in gevonden)


def test_stopt_without_an_end_date_is_refused(kennis_map):
    zonder = regeling_yaml("proef", "- feit: leeftijd\n  minimaal: 18", naam="Proef") + "stopt: true\n"
    maak_kennis(kennis_map, {"proef.yaml": zonder})
    _, gevonden = controleer(kennis_map)
    assert any(b.veld == "stopt" and "geldig_tot" in b.melding for b in gevonden)


def test_bekend_tot_before_the_last_value_is_refused(kennis_map):
    fout = {"participatiewet.yaml": NORMEN["participatiewet.yaml"].replace(
        "          bron: [{titel: Testnorm}]", "          bron: [{titel: Testnorm}]\n          bekend_tot: 2026-03-01", 1)}
    maak_kennis(kennis_map, normen=fout)
    _, gevonden = controleer(kennis_map)
    assert any(b.veld == "norm.bekend_tot" for b in gevonden)


def test_only_the_schemes_that_read_a_norm_past_its_known_date_are_less_sure(kennis_map):
    """Each scheme is weighed by the norms it reads itself, also when a fact was worked out for an earlier one."""
    gat = regeling_yaml("aanvulling", """
        - feit: inkomen
          maximaal: sociaal_minimum
    """, naam="Aanvulling", extra='bedrag_per_maand: "max(0, sociaal_minimum - inkomen)"')
    nog_een = regeling_yaml("pas", """
        - feit: inkomen_percentage_sociaal_minimum
          maximaal: 130
    """, naam="Pas")
    toeslag = regeling_yaml("toeslag", """
        - feit: toetsingsinkomen
          maximaal: 30000
    """, naam="Toeslag")
    maak_kennis(kennis_map, {"aanvulling.yaml": gat, "pas.yaml": nog_een, "toeslag.yaml": toeslag}, normen=BEKEND_TOT)
    laad_kennisbank.cache_clear()
    kb = laad_kennisbank(kennis_map)
    resultaat = toets({"peildatum": "2027-02-01", "aanvrager": {"leeftijd": 30}, "partner": None, "kinderen": [],
                       "andere_volwassenen_in_huis": 0, "inkomen": {"netto_per_maand": 900},
                       "toetsingsinkomen": 14000}, kb)
    assert _uitkomsten(resultaat) == {"aanvulling": "misschien", "pas": "misschien", "toeslag": "waarschijnlijk_wel"}


def test_a_norm_not_checked_against_an_official_source_makes_its_outcomes_misschien_and_says_so(kennis_map):
    from wegwijs.toets import NIET_NAGEKEKEN

    ongecontroleerd = {"participatiewet.yaml": NORMEN["participatiewet.yaml"].replace(
        _VERMOGENSGRENS, _VERMOGENSGRENS + "\n          nagekeken: false")}
    maak_kennis(kennis_map, {"spaarhulp.yaml": HULP_2026}, normen=ongecontroleerd)
    laad_kennisbank.cache_clear()
    resultaat = _toets(laad_kennisbank(kennis_map), "2026-06-01")
    assert _uitkomsten(resultaat) == {"spaarhulp": "misschien"}
    assert NIET_NAGEKEKEN in resultaat["opmerkingen"]


def test_a_wrong_nagekeken_is_explained(kennis_map):
    fout = {"participatiewet.yaml": NORMEN["participatiewet.yaml"].replace(
        _VERMOGENSGRENS, _VERMOGENSGRENS + "\n          nagekeken: nee")}
    maak_kennis(kennis_map, normen=fout)
    _, gevonden = controleer(kennis_map)
    assert any(b.veld == "vermogensgrens.nagekeken" and "nagekeken: false" in b.melding for b in gevonden)
