import pytest

from tests.gesprek.nep import NepKennisbank
from wegwijs.gesprek.getallen import getal_in_woorden, lees_cijfers
from wegwijs.gesprek.invoer import (
    OVERGESLAGEN, is_overslaan, is_terug, lees_aantal, lees_bedrag, lees_bron, lees_correctie, lees_gemeente,
    lees_ja_nee, lees_leeftijd, lees_leeftijden, lees_woning,
)


@pytest.mark.parametrize("tekst, verwacht", [
    ("1.250,50", 1250.5), ("ongeveer 1200 euro", 1200), ("1200 per maand", 1200), ("twaalfhonderd", 1200),
    ("geen", 0), ("niks", 0), ("€ 1250,-", 1250), ("1,250.50", 1250.5), ("1.250", 1250), ("12,5", 12.5),
    ("15000 per jaar", 1250), ("300 per week", 1300), ("1,5k", 1500), ("2 duizend", 2000),
    ("duizend tweehonderd", 1200), ("tussen 1100 en 1300", 1200), ("1100 van werk en 300 van uwv", 1400),
    ("zo'n 900 euro netto", 900), ("EUR 980", 980), ("tweeduizendvijfhonderd", 2500), ("rond de 1.500", 1500),
])
def test_bedragen(tekst, verwacht):
    assert lees_bedrag(tekst) == pytest.approx(verwacht, abs=0.01)


@pytest.mark.parametrize("tekst", ["weet ik niet", "sla over", "Weet ik niet!", "geen idee", "kweenie", "skip",
                                   "overslaan", "idk", "?", "zeg ik liever niet", "weet niet"])
def test_overslaan(tekst):
    assert is_overslaan(tekst)
    assert lees_bedrag(tekst) == OVERGESLAGEN
    assert lees_leeftijd(tekst) == OVERGESLAGEN


def test_niet_begrepen_geeft_none():
    assert lees_bedrag("een beetje") is None
    assert lees_leeftijd("oud") is None
    assert lees_woning("appeltaart") is None


@pytest.mark.parametrize("tekst, verwacht", [("45", 45), ("ik ben 45 jaar", 45), ("vijfenveertig", 45),
                                              ("bijna 50", 49), ("tweeënzestig", 62), ("67 jr", 67)])
def test_leeftijd(tekst, verwacht):
    assert lees_leeftijd(tekst) == verwacht


def test_leeftijd_buiten_bereik():
    assert lees_leeftijd("1250") is None


@pytest.mark.parametrize("tekst, verwacht", [("2", 2), ("twee", 2), ("geen", 0), ("nee", 0), ("1 kind", 1),
                                              ("een zoon en een dochter", 2)])
def test_aantal(tekst, verwacht):
    assert lees_aantal(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [("3, 7 en 12", [3, 7, 12]), ("drie en vijf", [3, 5]),
                                              ("baby van 6 maanden en 4", [0, 4]), ("3,7,12", [3, 7, 12])])
def test_leeftijden(tekst, verwacht):
    assert lees_leeftijden(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [("ja", True), ("jep", True), ("klopt", True), ("Ja hoor!", True),
                                              ("nee", False), ("nope", False), ("nee hoor", False),
                                              ("sla over", OVERGESLAGEN), ("misschien", None)])
def test_ja_nee(tekst, verwacht):
    assert lees_ja_nee(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [("huur", "huur"), ("sociale huurwoning", "huur"), ("koophuis", "koop"),
                                              ("ik woon bij mijn ouders", "inwonend"), ("dakloos", "geen")])
def test_woning(tekst, verwacht):
    assert lees_woning(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [("werk", "werk"), ("bijstand", "bijstand"), ("WW", "uitkering"),
                                              ("aow", "aow"), ("stufi", "studie"), ("zzp", "zzp"),
                                              ("geen inkomen", "geen"), ("uitkering van de gemeente", "bijstand")])
def test_bron(tekst, verwacht):
    assert lees_bron(tekst) == verwacht


def test_terug():
    assert is_terug("terug") and is_terug("vorige vraag") and not is_terug("ik wil terugbetalen")


def test_gemeente():
    kb = NepKennisbank()
    assert lees_gemeente("rotterdam", kb) == {"naam": "Rotterdam", "bekend": True}
    assert lees_gemeente("Rotterdm", kb) == {"naam": "Rotterdam", "bekend": True}
    assert lees_gemeente("1012 AB", kb) == {"naam": "Amsterdam", "bekend": True}
    assert lees_gemeente("ik woon in utrecht", kb) == {"naam": "Utrecht", "bekend": False}
    assert lees_gemeente("weet ik niet", kb) == OVERGESLAGEN


@pytest.mark.parametrize("tekst, verwacht", [
    ("nee, ik heb 3 kinderen", {"aantal_kinderen": 3}),
    ("mijn huur is 750", {"huur": 750.0}),
    ("ik ben 52", {"leeftijd": 52}),
    ("ik verdien 1400 per maand", {"inkomen": 1400.0}),
    ("geen partner", {"partner": False}),
    ("ik heb 2 kinderen en mijn huur is 800 euro", {"aantal_kinderen": 2, "huur": 800.0}),
    ("mijn partner is 40", {"leeftijd_partner": 40, "partner": True}),
])
def test_correcties(tekst, verwacht):
    assert lees_correctie(tekst) == verwacht


def test_getallen_in_woorden():
    assert getal_in_woorden("twaalfhonderd") == 1200
    assert getal_in_woorden("eenentwintig") == 21
    assert getal_in_woorden("appel") is None
    assert lees_cijfers("1.250,50") == 1250.5


@pytest.mark.parametrize("tekst, aantal, verwacht", [
    ("1", 2, 1), ("geen", 2, 0), ("nee", 1, 0), ("ja", 1, 1), ("allebei", 2, 2), ("ze zijn allemaal jonger", 3, 0),
    ("24 en 30", 2, 1), ("nee die is 24", 1, 0), ("hij is 31", 1, 1), ("30", 1, 1), ("5", 2, None),
    ("sla over", 2, OVERGESLAGEN), ("volgend jaar misschien", 2, None),
    ("zeg ik niet", 2, OVERGESLAGEN), ("gaat je niks aan", 1, OVERGESLAGEN), ("privé", 1, OVERGESLAGEN),
])
def test_hoeveel_huisgenoten_27_of_ouder(tekst, aantal, verwacht):
    from wegwijs.gesprek.invoer import lees_vanaf_27

    assert lees_vanaf_27(tekst, aantal) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("altijd", 0), ("ik ben hier geboren", 0), ("mijn hele leven", 0), ("30", 30), ("sinds mijn 30e", 30),
    ("toen ik 30 was", 30), ("sinds 1990", 34), ("ik woon hier 40 jaar", 30), ("al 40 jaar", 30),
    ("80", None), ("sinds 2030", None), ("sla over", OVERGESLAGEN), ("weet niet", OVERGESLAGEN),
    ("ergens in de jaren zeventig", None), ("zeg ik niet", OVERGESLAGEN), ("dat gaat u niks aan", OVERGESLAGEN),
])
def test_sinds_welke_leeftijd_in_nederland(tekst, verwacht):
    from wegwijs.gesprek.invoer import lees_in_nederland_sinds

    assert lees_in_nederland_sinds(tekst, leeftijd=70, dit_jaar=2026) == verwacht


@pytest.mark.parametrize("tekst", ["gaat je niks aan", "zeg ik niet", "dat vertel ik niet", "privé"])
def test_een_weigering_is_geen_bedrag_van_nul(tekst):
    assert lees_bedrag(tekst) == OVERGESLAGEN


@pytest.mark.parametrize("tekst, verwacht", [
    ("huurtoeslag en zorgtoeslag", ["huurtoeslag", "zorgtoeslag"]),
    ("huur- en zorgtoeslag", ["huurtoeslag", "zorgtoeslag"]),
    ("Zorgtoeslag, geen huurtoeslag", ["zorgtoeslag"]),
    ("niet de huurtoeslag maar wel zorgtoeslag", ["zorgtoeslag"]),
    ("kinderbijslag en kgb", ["kindgebonden_budget", "kinderbijslag"]),
    ("ik heb een stadspas", ["gemeente"]),
    ("kinderopvangtoeslag", ["kinderopvangtoeslag"]),
    ("niets", []), ("nee", []), ("Niets hiervan", []), ("nee, geen huurtoeslag", []), ("nog niks", []),
    ("weet ik niet", OVERGESLAGEN), ("gaat je niks aan", OVERGESLAGEN), ("zeg ik niet", OVERGESLAGEN),
    ("hond", None), ("", None),
])
def test_what_the_household_already_gets(tekst, verwacht):
    from wegwijs.gesprek.invoer import lees_ontvangt_al
    assert lees_ontvangt_al(tekst) == verwacht


@pytest.mark.parametrize("tekst", ["toeslagen", "alle toeslagen", "ja alles", "de toeslagen"])
def test_toeslagen_alone_is_asked_back_never_guessed(tekst):
    from wegwijs.gesprek.invoer import lees_ontvangt_al
    soort, vraag = lees_ontvangt_al(tekst)
    assert soort == "vraag" and "Welke" in vraag


@pytest.mark.parametrize("tekst, verwacht", [
    ("een zoon van 16", [16]), ("een dochter van 5 en een zoon van 8", [5, 8]), ("nee, alleen een hond", None),
    ("drie: 4, 8 en 11", [4, 8, 11]), ("een jaar en 4", [1, 4]),
])
def test_een_is_an_article_not_a_child_of_one(tekst, verwacht):
    assert lees_leeftijden(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("ik woon in een huurhuis", "huur"), ("ik woon in een flat", "huur"), ("ik woon in een koophuis", "koop"),
    ("ik woon in bij mijn moeder", "inwonend"), ("woon bij mijn ouders", "inwonend"),
])
def test_housing_in_a_sentence(tekst, verwacht):
    assert lees_woning(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("ik heb geen werk", "geen"), ("ik werk niet", "geen"), ("geen werk, ik heb ww", "uitkering"),
    ("ik werk niet meer, ik heb bijstand", "bijstand"), ("werk", "werk"),
])
def test_what_someone_does_not_have_is_no_source_of_income(tekst, verwacht):
    assert lees_bron(tekst) == verwacht


@pytest.mark.parametrize("tekst, naam", [
    ("r'dam", "Rotterdam"), ("A'dam", "Amsterdam"), ("mokum", "Amsterdam"), ("010", "Rotterdam"), ("020", "Amsterdam"),
    ("Hoogvliet", "Rotterdam"), ("de Pijp", "Amsterdam"), ("ik woon in Nieuw-West", "Amsterdam"), ("3011", "Rotterdam"),
    ("1012", "Amsterdam"), ("postcode 3011", "Rotterdam"),
])
def test_municipality_from_nicknames_districts_and_four_digits(tekst, naam):
    from wegwijs.kennis import laad_kennisbank
    assert lees_gemeente(tekst, laad_kennisbank()) == {"naam": naam, "bekend": True}


def test_a_refusal_is_no_municipality_and_four_digits_elsewhere_stay_a_postcode():
    from wegwijs.gesprek.antwoorden import maak_huishouden
    from wegwijs.kennis import laad_kennisbank
    assert lees_gemeente("zeg ik niet", laad_kennisbank()) == OVERGESLAGEN
    elders = lees_gemeente("9711", laad_kennisbank())
    assert elders == {"naam": None, "postcode": "9711", "bekend": False}
    assert "postcode" not in maak_huishouden({"leeftijd": 40, "gemeente": elders})   # the contract wants six characters


@pytest.mark.parametrize("tekst, verwacht", [
    ("anderhalf duizend", 1500.0), ("1100 en 300 toeslag", 1100.0), ("1100 plus 200 huurtoeslag", 1100.0),
    ("weet niet precies, rond de 1100", 1100.0), ("weet ik niet", OVERGESLAGEN), ("1100 netto, 1400 bruto", 1100.0),
])
def test_amounts_as_people_type_them(tekst, verwacht):
    from wegwijs.gesprek.invoer import lees_inkomen
    assert lees_inkomen(tekst) == verwacht


def test_a_gross_amount_is_asked_back_never_taken_as_net():
    from wegwijs.gesprek.invoer import NETTO_VRAAG, lees_inkomen
    assert lees_inkomen("bruto 2000") == ("vraag", NETTO_VRAAG)


@pytest.mark.parametrize("tekst, verwacht", [("ik sta 500 rood", -500.0), ("500 schuld", -500.0), ("2000", 2000.0),
                                             ("1000 gespaard", 1000.0), ("geen", 0.0)])
def test_debts_are_negative_savings(tekst, verwacht):
    from wegwijs.gesprek.invoer import lees_vermogen
    assert lees_vermogen(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [("geboren in 1960", 66), ("ik ben van 1980", 46),
                                             ("ik ben 35 en heb 2 kinderen", 35), ("bijna 50", 49)])
def test_ages_from_a_year_of_birth_and_from_a_sentence(tekst, verwacht):
    assert lees_leeftijd(tekst, 12, 120, 2026) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("Utrecht", {"naam": "Utrecht", "bekend": False}), ("den haag", {"naam": "'s-Gravenhage", "bekend": False}),
    ("sudwest fryslan", {"naam": "Súdwest-Fryslân", "bekend": False}), ("huur", None), ("blauw", None),
    ("utrect", ("vraag", "Bedoelt u Utrecht? Typ dan de naam nog eens, of uw postcode.")),
])
def test_any_word_is_no_municipality_a_real_one_is_and_a_near_one_is_asked_back(tekst, verwacht):
    from wegwijs.kennis import laad_kennisbank
    assert lees_gemeente(tekst, laad_kennisbank()) == verwacht


def test_the_list_holds_every_municipality_of_2026():
    import yaml
    from wegwijs.kennis.laden import STANDAARD_MAP
    lijst = yaml.safe_load((STANDAARD_MAP / "gemeentelijst.yaml").read_text(encoding="utf-8"))
    assert len(lijst["gemeenten"]) == 342   # CBS, gemeentelijke indeling op 1 januari 2026
    assert lijst["gemeenten"]["GM0363"] == "Amsterdam" and lijst["gemeenten"]["GM0599"] == "Rotterdam"


def test_one_name_for_two_municipalities_is_asked_back():
    from wegwijs.kennis import laad_kennisbank
    soort, vraag = lees_gemeente("Bergen", laad_kennisbank())
    assert soort == "vraag" and "Bergen (L.)" in vraag and "Bergen (NH.)" in vraag
    assert lees_gemeente("bergen nh", laad_kennisbank()) == {"naam": "Bergen (NH.)", "bekend": False}


def test_the_svb_alone_is_no_kinderbijslag():
    from wegwijs.gesprek.invoer import lees_ontvangt_al
    assert lees_ontvangt_al("alleen aow van de svb") is None   # not one of these: asked again, never guessed
