"""The check (toets) on a small knowledge base: outcomes, reasons, amounts, dates and municipalities."""
from __future__ import annotations

import datetime as dt
import textwrap

import pytest
import yaml

from kennisbouw import NORMEN, maak_kennis, regeling_yaml
from wegwijs.fouten import OngeldigeInvoer
from wegwijs.kennis import laad_kennisbank
from wegwijs.toets import toets

SPAREN = regeling_yaml("spaarhulp", """
    - feit: leeftijd
      minimaal: 18
    - feit: vermogen
      maximaal: participatiewet.vermogensgrens
""", naam="Spaarhulp", extra='bedrag_per_maand: "max(0, sociaal_minimum - inkomen)"')

TOESLAG = regeling_yaml("toeslag", """
    - feit: toetsingsinkomen
      maximaal: 30000
""", naam="Toeslag")

GROEP = regeling_yaml("pas", """
    - een_van_deze:
        - feit: inkomen_bron
          is: bijstand
        - feit: inkomen_percentage_sociaal_minimum
          maximaal: 120
    - feit: woonsituatie
      een_van: [huur, inwonend]
""", naam="Pas")

KINDEREN = regeling_yaml("kinderhulp", """
    - feit: aantal_kinderen
      minimaal: 1
""", naam="Kinderhulp", extra='bedrag_per_maand: "(100 * kinderen(0, 5) + 150 * kinderen(6, 17)) / 3"')

ZACHT = regeling_yaml("bijzonder", """
    - feit: inkomen_percentage_sociaal_minimum
      maximaal: 110
      bij_niet_voldaan: misschien
""", naam="Bijzondere hulp")


@pytest.fixture
def kb(kennis_map):
    maak_kennis(kennis_map, {"spaarhulp.yaml": SPAREN, "toeslag.yaml": TOESLAG, "kinderhulp.yaml": KINDEREN},
                gemeenten={"Testdam": {"pas.yaml": GROEP, "bijzonder.yaml": ZACHT}})
    laad_kennisbank.cache_clear()
    return laad_kennisbank(kennis_map)


def uitkomst(resultaat: dict, id: str) -> dict:
    return next(r for r in resultaat["regelingen"] if r["id"] == id)


def huishouden(**velden) -> dict:
    return {"peildatum": "2026-03-01", "aanvrager": {"leeftijd": 30}, **velden}


def test_all_conditions_hold_gives_waarschijnlijk_wel_with_a_reason_each(kb):
    r = uitkomst(toets(huishouden(vermogen=5000, inkomen={"netto_per_maand": 1000}), kb), "spaarhulp")
    assert r["uitkomst"] == "waarschijnlijk_wel"
    assert len(r["redenen"]) == 2
    assert "Uw spaargeld en bezit (min schulden) (€\u00a05.000) is niet hoger dan de grens voor Spaarhulp (€\u00a07.500)." in r["redenen"]
    assert r["bedrag_per_maand"] == 400  # 1400 - 1000


def test_a_failed_condition_says_by_how_much_and_names_the_limit_from_the_norms(kb):
    r = uitkomst(toets(huishouden(vermogen=160000), kb), "spaarhulp")
    assert r["uitkomst"] == "waarschijnlijk_niet"
    assert r["redenen"][0] == ("Uw spaargeld en bezit (min schulden) (€\u00a0160.000) is €\u00a0152.500 hoger dan de grens "
                               "voor Spaarhulp (€\u00a07.500).")
    assert r["bedrag_per_maand"] is None


def test_just_under_and_just_over_the_limit(kb):
    assert uitkomst(toets(huishouden(vermogen=7500), kb), "spaarhulp")["uitkomst"] == "waarschijnlijk_wel"
    assert uitkomst(toets(huishouden(vermogen=7500.01), kb), "spaarhulp")["uitkomst"] == "waarschijnlijk_niet"


def test_a_missing_fact_gives_misschien_and_names_what_is_missing(kb):
    r = uitkomst(toets(huishouden(), kb), "spaarhulp")
    assert r["uitkomst"] == "misschien"
    assert r["redenen"][0].startswith("We weten uw spaargeld en bezit (min schulden) nog niet.")


def test_a_missing_answer_behind_a_derived_fact_is_named(kb):
    r = uitkomst(toets(huishouden(), kb), "toeslag")
    assert r["uitkomst"] == "misschien"
    assert r["redenen"][0].startswith("We weten uw netto inkomen nog niet.")


def test_an_estimate_near_the_limit_gives_misschien_far_from_it_a_clear_answer(kb):
    # toetsingsinkomen = netto * 12 * 1.25; limit 30000, margin 10%
    assert uitkomst(toets(huishouden(inkomen={"netto_per_maand": 2000}), kb), "toeslag")["uitkomst"] == "misschien"
    assert uitkomst(toets(huishouden(inkomen={"netto_per_maand": 1500}), kb), "toeslag")["uitkomst"] == "waarschijnlijk_wel"
    assert uitkomst(toets(huishouden(inkomen={"netto_per_maand": 2500}), kb), "toeslag")["uitkomst"] == "waarschijnlijk_niet"
    near = uitkomst(toets(huishouden(inkomen={"netto_per_maand": 2000}), kb), "toeslag")["redenen"][0]
    assert "dicht bij de grens" in near and "schatting" in near


def test_the_norm_in_force_on_the_peildatum_is_used(kb):
    voor = toets(huishouden(inkomen={"netto_per_maand": 1000}, vermogen=0), kb)
    na = toets({**huishouden(inkomen={"netto_per_maand": 1000}, vermogen=0), "peildatum": "2026-07-01"}, kb)
    assert uitkomst(voor, "spaarhulp")["bedrag_per_maand"] == 400
    assert uitkomst(na, "spaarhulp")["bedrag_per_maand"] == 450


def test_kostendelersnorm_lowers_the_sociaal_minimum(kb):
    alleen = toets(huishouden(inkomen={"netto_per_maand": 0}), kb)["budget"]["sociaal_minimum"]
    gedeeld = toets(huishouden(inkomen={"netto_per_maand": 0}, andere_volwassenen_in_huis=1, andere_volwassenen_vanaf_27=1),
                    kb)["budget"]["sociaal_minimum"]
    assert alleen == 1400
    assert gedeeld == pytest.approx(2000 * (40 + 2 * 30) / 2 / 100)  # 50% of the couples' norm


@pytest.mark.parametrize("kind, norm", [(23, 1400), (26, 1400), (27, 1000), (30, 1000)])
def test_a_child_at_home_counts_for_the_kostendelersnorm_from_27(kb, kind, norm):
    gezin = huishouden(aanvrager={"leeftijd": 55}, inkomen={"netto_per_maand": 0}, kinderen=[{"leeftijd": kind}])
    assert toets(gezin, kb)["budget"]["sociaal_minimum"] == pytest.approx(norm)   # 1000: 50% of the couples' 2000


@pytest.fixture
def kb_gemengd(kennis_map):
    """The test norms plus a norm for a couple of whom one is under 21: the young partner's part is 300."""
    data = yaml.safe_load(textwrap.dedent(NORMEN["participatiewet.yaml"]))
    data["norm"]["waarden"][dt.date(2026, 1, 1)]["een_jonger_dan_21"] = {"paar": 1300, "paar_met_kinderen": 1600}
    maak_kennis(kennis_map, normen={"participatiewet.yaml": yaml.safe_dump(data)})
    return laad_kennisbank.__wrapped__(kennis_map)


@pytest.mark.parametrize("aanvrager, partner, kinderen, norm", [
    (20, 24, [], 1300),     # one under 21: their own norm, not the 21+ couple's 2000
    (24, 19, [1], 1600),    # the same with a child
    (21, 20, [], 1300),     # 21 is no longer under 21
    (20, 19, [], 600),      # both under 21
    (21, 30, [], 2000),     # both 21 or older
    (20, 70, [], 2100),     # one at AOW age: the AOW couple's norm, whatever the other's age
])
def test_a_couple_with_one_partner_under_21_gets_its_own_norm(kb_gemengd, aanvrager, partner, kinderen, norm):
    budget = toets(huishouden(aanvrager={"leeftijd": aanvrager}, partner={"leeftijd": partner},
                              kinderen=[{"leeftijd": k} for k in kinderen], inkomen={"netto_per_maand": 650}),
                   kb_gemengd)["budget"]
    assert budget["sociaal_minimum"] == norm
    assert budget["inkomen_percentage_sociaal_minimum"] == pytest.approx(650 / norm * 100, abs=0.1)


@pytest.mark.parametrize("anderen, norm", [
    (1, 300 + 2000 * (40 + 2 * 30) / 2 / 100),  # A = 2 (one other + the partner of 21+): 50%, the norm stays 1300
    (2, 300 + 2000 * (40 + 3 * 30) / 3 / 100),  # A = 3: 43.33%
])
def test_kostendelersnorm_for_a_couple_with_one_under_21_is_for_the_older_partner_only(kb_gemengd, anderen, norm):
    """Art. 22a lid 3: the partner under 21 keeps their part and is not counted in A."""
    budget = toets(huishouden(aanvrager={"leeftijd": 30}, partner={"leeftijd": 18}, andere_volwassenen_in_huis=anderen,
                             andere_volwassenen_vanaf_27=anderen,
                              inkomen={"netto_per_maand": 0}), kb_gemengd)["budget"]
    assert budget["sociaal_minimum"] == pytest.approx(norm, abs=0.01)


def test_formula_counts_children_by_age(kb):
    r = uitkomst(toets(huishouden(kinderen=[{"leeftijd": 3}, {"leeftijd": 14}, {"leeftijd": 19}]), kb), "kinderhulp")
    assert r["uitkomst"] == "waarschijnlijk_wel"
    assert r["bedrag_per_maand"] == pytest.approx((100 + 150) / 3, abs=0.01)


def test_skipped_question_is_unknown_not_none(kb):
    r = uitkomst(toets(huishouden(onbekend=["kinderen"]), kb), "kinderhulp")
    assert r["uitkomst"] == "misschien"
    assert uitkomst(toets(huishouden(), kb), "kinderhulp")["uitkomst"] == "waarschijnlijk_niet"


JEUGD = regeling_yaml("jeugdtegoed", """
    - kind_thuis: {van: 4, tot: 11}
""", naam="Jeugdtegoed")

ZWEMLES = regeling_yaml("zwemles", """
    - kind_thuis: {van: 5, tot: 5}
      bij_niet_voldaan: misschien
      reden_wel: Uw kind is 5 jaar, de leeftijd voor zwemles.
      reden_niet: Zwemles is voor kinderen van 5 jaar. Soms kan het ook voor een ouder kind.
""", naam="Zwemles")

SPORT = regeling_yaml("sport", """
    - een_van_deze:
        - kind_thuis: {van: 0, tot: 3}
        - kind_thuis: {van: 12, tot: 17}
""", naam="Sport")


@pytest.fixture
def kb_kind(kennis_map):
    maak_kennis(kennis_map, {"jeugdtegoed.yaml": JEUGD, "zwemles.yaml": ZWEMLES, "sport.yaml": SPORT})
    return laad_kennisbank.__wrapped__(kennis_map)


def met_kinderen(*leeftijden: int, **velden) -> dict:
    return huishouden(kinderen=[{"leeftijd": leeftijd} for leeftijd in leeftijden], **velden)


@pytest.mark.parametrize("leeftijden, verwacht", [
    ((4,), "waarschijnlijk_wel"),       # the youngest age counts
    ((11,), "waarschijnlijk_wel"),      # and so does the oldest
    ((3,), "waarschijnlijk_niet"),
    ((12,), "waarschijnlijk_niet"),
    ((3, 12), "waarschijnlijk_niet"),
    ((2, 7, 15), "waarschijnlijk_wel"),
    ((), "waarschijnlijk_niet"),
])
def test_kind_thuis_holds_when_a_child_of_those_ages_lives_at_home(kb_kind, leeftijden, verwacht):
    assert uitkomst(toets(met_kinderen(*leeftijden), kb_kind), "jeugdtegoed")["uitkomst"] == verwacht


def test_kind_thuis_gives_plain_reasons(kb_kind):
    wel = uitkomst(toets(met_kinderen(7), kb_kind), "jeugdtegoed")
    assert wel["redenen"] == ["Er woont een kind van 4 tot en met 11 jaar bij u."]
    niet = uitkomst(toets(met_kinderen(12), kb_kind), "jeugdtegoed")
    assert niet["redenen"] == ["Er woont geen kind van 4 tot en met 11 jaar bij u. Jeugdtegoed is daarom waarschijnlijk "
                               "niet voor u."]


def test_kind_thuis_does_not_count_a_child_living_elsewhere(kb_kind):
    elders = huishouden(kinderen=[{"leeftijd": 7, "woont_thuis": False}])
    assert uitkomst(toets(elders, kb_kind), "jeugdtegoed")["uitkomst"] == "waarschijnlijk_niet"
    ook_thuis = huishouden(kinderen=[{"leeftijd": 7, "woont_thuis": False}, {"leeftijd": 9}])
    assert uitkomst(toets(ook_thuis, kb_kind), "jeugdtegoed")["uitkomst"] == "waarschijnlijk_wel"


def test_kind_thuis_is_unknown_not_no_when_the_children_are_not_known(kb_kind):
    resultaat = toets(huishouden(onbekend=["kinderen"]), kb_kind)
    jeugd, zwemles = uitkomst(resultaat, "jeugdtegoed"), uitkomst(resultaat, "zwemles")
    assert jeugd["uitkomst"] == zwemles["uitkomst"] == "misschien"
    assert jeugd["redenen"] == ["We weten nog niet of er een kind van 4 tot en met 11 jaar bij u woont. Daardoor kunnen "
                                "we nog niet zeggen of u Jeugdtegoed kunt krijgen."]
    assert zwemles["redenen"][0].startswith("We weten nog niet of er een kind van 5 jaar bij u woont.")


def test_kind_thuis_takes_the_editors_own_reasons_and_bij_niet_voldaan(kb_kind):
    vijf = uitkomst(toets(met_kinderen(5), kb_kind), "zwemles")
    assert vijf["uitkomst"] == "waarschijnlijk_wel"
    assert vijf["redenen"] == ["Uw kind is 5 jaar, de leeftijd voor zwemles."]
    zes = uitkomst(toets(met_kinderen(6), kb_kind), "zwemles")
    assert zes["uitkomst"] == "misschien"
    assert zes["redenen"] == ["Zwemles is voor kinderen van 5 jaar. Soms kan het ook voor een ouder kind."]


@pytest.mark.parametrize("leeftijden, verwacht", [
    ((0,), "waarschijnlijk_wel"),
    ((3, 8), "waarschijnlijk_wel"),
    ((17,), "waarschijnlijk_wel"),
    ((4, 11, 18), "waarschijnlijk_niet"),
])
def test_kind_thuis_in_een_van_deze(kb_kind, leeftijden, verwacht):
    assert uitkomst(toets(met_kinderen(*leeftijden), kb_kind), "sport")["uitkomst"] == verwacht


def test_kind_thuis_in_een_van_deze_names_each_age_range(kb_kind):
    niet = uitkomst(toets(met_kinderen(8), kb_kind), "sport")
    assert "Er woont geen kind jonger dan 4 jaar bij u." in niet["redenen"][0]
    assert "Er woont geen kind van 12 tot en met 17 jaar bij u." in niet["redenen"][0]
    assert uitkomst(toets(huishouden(onbekend=["kinderen"]), kb_kind), "sport")["uitkomst"] == "misschien"


def test_municipal_schemes_only_for_that_municipality(kb):
    landelijk = {r["id"] for r in toets(huishouden(), kb)["regelingen"]}
    testdam = {r["id"] for r in toets(huishouden(gemeente="testdam"), kb)["regelingen"]}
    assert "pas" not in landelijk and {"pas", "bijzonder", "spaarhulp"} <= testdam


def test_postcode_finds_the_municipality(kb):
    resultaat = toets(huishouden(postcode="1012 AB"), kb)
    assert resultaat["gemeente"] == "Testdam"
    assert any(r["id"] == "pas" for r in resultaat["regelingen"])


def test_unknown_municipality_is_said_plainly(kb):
    resultaat = toets(huishouden(gemeente="Nergenshuizen"), kb)
    assert resultaat["gemeente"] == "Nergenshuizen"
    assert "Nergenshuizen" in resultaat["opmerkingen"][0]


def test_een_van_deze_holds_when_one_part_holds(kb):
    via_bijstand = toets(huishouden(gemeente="Testdam", inkomen={"bron": "bijstand"}, woning={"soort": "huur"}), kb)
    assert uitkomst(via_bijstand, "pas")["uitkomst"] == "waarschijnlijk_wel"
    te_hoog = toets(huishouden(gemeente="Testdam", inkomen={"bron": "werk", "netto_per_maand": 2000},
                               woning={"soort": "huur"}), kb)
    assert uitkomst(te_hoog, "pas")["uitkomst"] == "waarschijnlijk_niet"
    onbekend = toets(huishouden(gemeente="Testdam", inkomen={"bron": "werk"}, woning={"soort": "huur"}), kb)
    assert uitkomst(onbekend, "pas")["uitkomst"] == "misschien"


def test_a_word_condition_that_fails_names_the_situation(kb):
    r = uitkomst(toets(huishouden(gemeente="Testdam", inkomen={"bron": "bijstand"}, woning={"soort": "koop"}), kb), "pas")
    assert r["uitkomst"] == "waarschijnlijk_niet"
    assert r["redenen"][0] == "Uw woonsituatie: koop. Pas is daarom waarschijnlijk niet voor u."


def test_case_by_case_condition_gives_misschien_not_no(kb):
    r = uitkomst(toets(huishouden(gemeente="Testdam", inkomen={"netto_per_maand": 1800}), kb), "bijzonder")
    assert r["uitkomst"] == "misschien"
    assert "De gemeente kijkt wel naar uw eigen situatie." in r["redenen"][0]


def test_results_are_sorted_most_likely_first(kb):
    uitkomsten = [r["uitkomst"] for r in toets(huishouden(vermogen=100, inkomen={"netto_per_maand": 900}), kb)["regelingen"]]
    volgorde = {"waarschijnlijk_wel": 0, "misschien": 1, "waarschijnlijk_niet": 2}
    assert uitkomsten == sorted(uitkomsten, key=volgorde.get)


def test_a_scheme_not_started_yet_or_stopped_for_good_is_left_out_an_ended_one_goes_on(kennis_map):
    oud = regeling_yaml("oud", "- feit: leeftijd\n  minimaal: 18", vanaf="2025-01-01", tot="2025-12-31")
    gestopt = regeling_yaml("gestopt", "- feit: leeftijd\n  minimaal: 18", vanaf="2025-01-01", tot="2025-12-31")
    later = regeling_yaml("later", "- feit: leeftijd\n  minimaal: 18", vanaf="2026-06-01")
    maak_kennis(kennis_map, {"oud.yaml": oud, "gestopt.yaml": gestopt + "stopt: true\n", "later.yaml": later})
    kb = laad_kennisbank.__wrapped__(kennis_map)
    assert [r["id"] for r in toets(huishouden(), kb)["regelingen"]] == ["oud"]  # the last known rules
    assert sorted(r["id"] for r in toets({**huishouden(), "peildatum": "2025-06-01"}, kb)["regelingen"]) == [
        "gestopt", "oud"]
    assert sorted(r["id"] for r in toets({**huishouden(), "peildatum": "2026-06-01"}, kb)["regelingen"]) == [
        "later", "oud"]


@pytest.mark.parametrize("document, veld", [
    ({}, "aanvrager"),
    ({"aanvrager": {"leeftijd": "dertig"}}, "aanvrager.leeftijd"),
    ({"aanvrager": {"leeftijd": 30}, "vermogen": "veel"}, "vermogen"),
    ({"aanvrager": {"leeftijd": 30}, "woning": {"soort": "kasteel"}}, "woning.soort"),
    ({"aanvrager": {"leeftijd": 30}, "postcode": "12"}, "postcode"),
    ({"aanvrager": {"leeftijd": 30}, "peildatum": "morgen"}, "peildatum"),
    ({"aanvrager": {"leeftijd": 30}, "bsn": "123456782"}, "bsn"),
    ({"aanvrager": {"leeftijd": 30}, "kinderen": [{"leeftijd": -1}]}, "kinderen[1].leeftijd"),
])
def test_invalid_household_is_refused_naming_the_field(kb, document, veld):
    with pytest.raises(OngeldigeInvoer) as fout:
        toets(document, kb)
    assert f"'{veld}'" in str(fout.value)


def test_every_condition_holds_but_the_amount_is_zero_gives_waarschijnlijk_niet_with_the_reason(kb):
    # Spaarhulp pays the gap up to the bijstandsnorm (1400 in the test norms): none at an income of 1500
    resultaat = uitkomst(toets(huishouden(vermogen=100, inkomen={"netto_per_maand": 1500}), kb), "spaarhulp")
    assert resultaat["uitkomst"] == "waarschijnlijk_niet" and resultaat["bedrag_per_maand"] == 0
    assert resultaat["redenen"][0] == "Met wat u heeft opgegeven, komt Spaarhulp voor u uit op €\u00a00 per maand."
    lager = uitkomst(toets(huishouden(vermogen=100, inkomen={"netto_per_maand": 1300}), kb), "spaarhulp")
    assert (lager["uitkomst"], lager["bedrag_per_maand"]) == ("waarschijnlijk_wel", 100)


def test_only_housemates_of_27_or_older_lower_the_norm_and_unknown_ages_are_not_guessed(kb):
    def norm(**velden):
        return toets(huishouden(inkomen={"netto_per_maand": 0}, **velden), kb)["budget"]["sociaal_minimum"]

    assert norm(andere_volwassenen_in_huis=1, andere_volwassenen_vanaf_27=0) == 1400  # a housemate of 24
    assert norm(kinderen=[{"leeftijd": 23}]) == 1400                                  # a son of 23 at home
    assert norm(kinderen=[{"leeftijd": 27}]) == 1000                                  # 50% of 2000
    assert norm(andere_volwassenen_in_huis=1) is None                                 # age not known
    assert norm(andere_volwassenen_in_huis=1, onbekend=["andere_volwassenen_vanaf_27"]) is None


def test_a_child_of_18_to_20_at_home_is_pointed_to_its_own_rights(kb):
    from wegwijs.toets import EIGEN_RECHTEN_18_TOT_21

    assert EIGEN_RECHTEN_18_TOT_21 in toets(huishouden(kinderen=[{"leeftijd": 19}]), kb)["opmerkingen"]
    assert EIGEN_RECHTEN_18_TOT_21 not in toets(huishouden(kinderen=[{"leeftijd": 17}, {"leeftijd": 21}]), kb)["opmerkingen"]
    assert EIGEN_RECHTEN_18_TOT_21 not in toets(huishouden(kinderen=[{"leeftijd": 19, "woont_thuis": False}]), kb)["opmerkingen"]


def test_a_failed_group_names_the_limit_that_failed_and_the_consequence_once(kb):
    resultaat = uitkomst(toets(huishouden(gemeente="Testdam", inkomen={"netto_per_maand": 3000, "bron": "werk"},
                                          woning={"soort": "huur"}), kb), "pas")
    assert resultaat["uitkomst"] == "waarschijnlijk_niet"
    [reden] = [r for r in resultaat["redenen"] if "grens" in r]
    assert "120%" in reden and reden.endswith("Pas is daarom waarschijnlijk niet voor u.")
    assert reden.count("waarschijnlijk niet") == 1 and "werk" not in reden


def test_a_toetsingsinkomen_given_exactly_is_used_as_it_is_and_not_treated_as_an_estimate(kb):
    # Toeslag has a limit of 30000: an estimate just under it is 'misschien', the exact figure is not
    geschat = uitkomst(toets(huishouden(inkomen={"netto_per_maand": 1950}), kb), "toeslag")   # 1950*12*1.25 = 29250
    exact = uitkomst(toets(huishouden(inkomen={"netto_per_maand": 1950}, toetsingsinkomen=29250), kb), "toeslag")
    assert geschat["uitkomst"] == "misschien" and exact["uitkomst"] == "waarschijnlijk_wel"
    boven = uitkomst(toets(huishouden(toetsingsinkomen=30001), kb), "toeslag")
    assert boven["uitkomst"] == "waarschijnlijk_niet"
