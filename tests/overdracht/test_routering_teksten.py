import dataclasses
import datetime as dt
import shutil

import pytest

from wegwijs.kennis import controleer, laad_kennisbank
from wegwijs.kennis.laden import STANDAARD_MAP
from wegwijs.overdracht import Stand, kies_team, na_overdracht, stand_tekst, team_bij_id, zonder_toestemming

UTC = dt.timezone.utc


@pytest.mark.parametrize("postcode, gemeente, team_id", [
    ("1012 AB", None, "amsterdam_centrum"), ("1094", None, "amsterdam_zeeburg"), ("1102", None, "amsterdam_zuidoost"),
    ("1381", None, "amsterdam_weesp"), (None, "Amsterdam", "amsterdam_centrum"), ("3072 AB", None, "rotterdam_feijenoord"),
    (None, "rotterdam", "rotterdam_centrum"), ("9999", None, None), (None, "Utrecht", None),
])
def test_routering(postcode, gemeente, team_id):
    team = kies_team(laad_kennisbank(), postcode, gemeente)
    assert (team.id if team else None) == team_id


def test_inhoud_van_de_teams():
    kennisbank = laad_kennisbank()
    for team in (t for g in kennisbank.gemeenten.values() for t in g.teams):
        assert team.telefoon and team.openingstijden and team.bron and 1 <= team.reactie_werkdagen <= 20
        assert team.webhook_env is None or team.webhook_env.isupper()
    assert team_bij_id(kennisbank, "amsterdam_noord").naam == "Buurtteam Noord"


@pytest.fixture
def kennismap(tmp_path):
    doel = tmp_path / "knowledge"
    shutil.copytree(STANDAARD_MAP, doel)
    return doel


def test_fouten_met_bestand_regel_en_veld(kennismap):
    bestand = kennismap / "gemeenten" / "amsterdam" / "buurtteams.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    tekst = tekst.replace('postcodes: ["1020-1039"]', 'postcodes: ["1011-1012"]', 1)  # already Centrum's
    tekst = tekst.replace("webhook_url_env: BUURTTEAM_AMSTERDAM_WEST_WEBHOOK", "webhook_url_env: https://geheim.example/x", 1)
    tekst = tekst.replace("reactie_werkdagen: 2", "reactie_werkdagen: twee", 1)
    bestand.write_text(tekst, encoding="utf-8")
    _, bevindingen = controleer(kennismap)
    teksten = [str(b) for b in bevindingen]
    regels = tekst.splitlines()
    assert any("buurtteams.yaml" in t and "teams[2].postcodes[1]" in t and "hoort al bij amsterdam_centrum" in t
               for t in teksten), teksten
    assert any("NAAM van een omgevingsvariabele" in t and "teams[3].melding.webhook_url_env" in t for t in teksten)
    werkdagen = next(b for b in bevindingen if b.veld.endswith("reactie_werkdagen"))
    assert "reactie_werkdagen: twee" in regels[werkdagen.regel - 1]


def test_team_buiten_de_gemeente(kennismap):
    bestand = kennismap / "gemeenten" / "rotterdam" / "buurtteams.yaml"
    bestand.write_text(bestand.read_text(encoding="utf-8").replace('["3151"]', '["1011"]'), encoding="utf-8")
    _, bevindingen = controleer(kennismap)
    assert any("hoort niet bij Rotterdam" in str(b) for b in bevindingen)


def _stand(team, **anders):
    basis = Stand("nieuw", team.id, team.naam, None, "bellen", dt.datetime(2026, 11, 23, 10, tzinfo=UTC),
                  dt.date(2026, 11, 25))
    return dataclasses.replace(basis, **anders)


def test_stand_voor_de_burger(team):
    nu = dt.datetime(2026, 11, 24, 10, tzinfo=UTC)
    nieuw = stand_tekst(_stand(team), team, nu)
    assert "Buurtteam Noord" in nieuw and "woensdag 25 november" in nieuw and "gebeld" in nieuw
    opgepakt = stand_tekst(_stand(team, status="opgepakt", voornaam="Fatima"), team, nu)
    assert opgepakt.startswith("Fatima van Buurtteam Noord") and "woensdag 25 november" in opgepakt
    te_laat = stand_tekst(_stand(team), team, dt.datetime(2026, 11, 27, 10, tzinfo=UTC))
    assert "sorry" in te_laat and "020 123 4567" in te_laat
    assert "contact met u gehad" in stand_tekst(_stand(team, status="contact_gehad", voornaam="Fatima"), team, nu)
    assert "afgerond" in stand_tekst(_stand(team, status="afgerond"), team, nu)


def test_teksten_rond_toestemming(team, contact):
    assert "020 123 4567" in zonder_toestemming(team) and "niets door" in zonder_toestemming(team)
    tekst = na_overdracht(team, contact, dt.date(2026, 11, 25))
    assert "woensdag 25 november" in tekst and "06 12345678" in tekst and "Hoe staat het met mijn aanvraag" in tekst
