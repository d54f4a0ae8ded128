import dataclasses
import datetime as dt
import json

import pytest

from wegwijs.fouten import OngeldigeInvoer
from wegwijs.overdracht import (Toestemming, geef_toestemming, maak_pakket, onderdelen, toestemmingsvraag,
                                urgentie_van_pakket)

NU = dt.datetime(2026, 11, 23, 14, 2, tzinfo=dt.timezone.utc)


def test_de_vraag_laat_alles_zien_met_team_en_gevaar(gegevens, contact, team):
    getoond = onderdelen(gegevens, contact)
    assert [o.sleutel for o in getoond] == ["vraag", "zorgen", "huishouden", "regelingen", "budget", "contact"]
    tekst = toestemmingsvraag(getoond, team)
    assert "Buurtteam Noord" in tekst and "in gevaar" in tekst and "weglaten" in tekst
    for onderdeel in getoond:
        assert all(regel in tekst for regel in onderdeel.regels)
    assert "Ik weet niet meer hoe ik de huur moet betalen" in tekst


def test_alleen_wat_gekozen_is_gaat_mee(gegevens, contact, team):
    getoond = onderdelen(gegevens, contact)
    toestemming = geef_toestemming(["vraag", "contact"], team, getoond, NU)
    pakket = maak_pakket(gegevens, contact, toestemming, team)
    assert pakket["vraag"] == "Ik weet niet meer hoe ik de huur moet betalen"
    assert list(pakket)[:2] == ["versie", "vraag"]  # the person's own question at the top
    assert not {"huishouden", "regelingen", "budget", "zorgen", "signalen"} & set(pakket)
    assert pakket["toestemming"]["onderdelen"] == ["vraag", "contact"]
    assert pakket["toestemming"]["tijdstip"] == NU.isoformat() and pakket["toestemming"]["team_id"] == team.id
    assert "810" not in json.dumps(pakket)  # the rent was not consented to
    assert urgentie_van_pakket(pakket) == 0


def test_alles_gekozen(gegevens, contact, team):
    getoond = onderdelen(gegevens, contact)
    pakket = maak_pakket(gegevens, contact, geef_toestemming([o.sleutel for o in getoond], team, getoond, NU), team)
    assert pakket["zorgen"] == ["Er komt een deurwaarder langs"]
    assert pakket["signalen"][0]["sleutel"] == "deurwaarder" and urgentie_van_pakket(pakket) == 1
    assert "Kinderen thuis: 2 (4 en 9 jaar)" in pakket["huishouden"]
    assert pakket["regelingen"][0]["redenen"] == ["Uw huur is niet te hoog."]
    assert pakket["contact"]["telefoon"] == "06 12345678" and pakket["contact"]["vertrouwenspersoon"] is True
    json.dumps(pakket)  # JSON-able


def test_zonder_contact_geen_overdracht(gegevens, contact, team):
    with pytest.raises(OngeldigeInvoer, match="020 123 4567"):
        geef_toestemming(["vraag"], team, onderdelen(gegevens, contact), NU)


def test_niet_getoond_of_onbekend(gegevens, team):
    getoond = onderdelen(dataclasses.replace(gegevens, uitslag=None), None)
    with pytest.raises(OngeldigeInvoer):
        geef_toestemming(["contact", "budget"], team, getoond, NU)
    with pytest.raises(OngeldigeInvoer):
        geef_toestemming(["contact", "bsn"], team, getoond, NU)


def test_aangepaste_vraag_gaat_mee_zoals_getoond(gegevens, contact, team):
    aangepast = dataclasses.replace(gegevens, vraag="Ik wil hulp bij mijn huur")
    getoond = onderdelen(aangepast, contact)
    toestemming = geef_toestemming(["vraag", "contact"], team, getoond, NU)
    assert maak_pakket(aangepast, contact, toestemming, team)["vraag"] == "Ik wil hulp bij mijn huur"
    with pytest.raises(OngeldigeInvoer, match="veranderd"):
        maak_pakket(gegevens, contact, toestemming, team)  # not what the person saw


def test_toestemming_voor_een_ander_team(gegevens, contact, team):
    ander = dataclasses.replace(team, id="testdorp_zuid", naam="Buurtteam Zuid")
    toestemming = geef_toestemming(["contact"], ander, onderdelen(gegevens, contact), NU)
    with pytest.raises(OngeldigeInvoer, match="Buurtteam Zuid"):
        maak_pakket(gegevens, contact, toestemming, team)


def test_toestemming_als_json(gegevens, contact, team):
    toestemming = geef_toestemming(["vraag", "contact"], team, onderdelen(gegevens, contact), NU)
    assert Toestemming.uit_dict(json.loads(json.dumps(toestemming.als_dict()))) == toestemming


def test_geen_labels_of_oordelen(gegevens, contact, team):
    getoond = onderdelen(gegevens, contact)
    tekst = json.dumps(maak_pakket(gegevens, contact, geef_toestemming([o.sleutel for o in getoond], team, getoond, NU),
                                   team), ensure_ascii=False).lower()
    for woord in ("gemotiveerd", "fraude", "verslaafd", "stoornis", "probleemgezin", "multiprobleem"):
        assert woord not in tekst
