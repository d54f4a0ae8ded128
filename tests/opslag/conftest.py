"""Every store test runs on SQLite and on PostgreSQL (each test in a fresh schema, dropped afterwards). Without a
PostgreSQL server those runs are skipped with the reason."""
from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from wegwijs.kennis.model import Buurtteam
from wegwijs.opslag import Opslag
from wegwijs.overdracht import Gesprekgegevens, geef_toestemming, maak_contactvoorkeur, maak_pakket, onderdelen

UTC = dt.timezone.utc
NU = dt.datetime(2026, 11, 23, 10, tzinfo=UTC)  # a Monday
POSTGRES_URLS = [os.environ["WEGWIJS_TEST_POSTGRES"]] if os.environ.get("WEGWIJS_TEST_POSTGRES") else [
    "postgresql://postgres@127.0.0.1:5432/test", "postgresql://root@127.0.0.1:5432/test"]


def _postgres() -> tuple[str | None, str]:
    redenen = []
    for url in POSTGRES_URLS:
        try:
            with create_engine(url, connect_args={"connect_timeout": 3}).connect():
                return url, ""
        except OperationalError as fout:
            redenen.append(f"{url}: {str(fout.orig).strip().splitlines()[0]}")
    return None, "; ".join(redenen)


POSTGRES, POSTGRES_REDEN = _postgres()


@pytest.fixture(params=["sqlite", "postgresql"])
def opslag(request, tmp_path):
    if request.param == "sqlite":
        yield _klaar(Opslag(f"sqlite:///{tmp_path / 'test.db'}"))
        return
    if POSTGRES is None:
        pytest.skip(f"geen PostgreSQL-server bereikbaar ({POSTGRES_REDEN})")
    schema = f"wegwijs_test_{uuid.uuid4().hex[:12]}"
    beheer = create_engine(POSTGRES)
    with beheer.begin() as verbinding:
        verbinding.execute(text(f'CREATE SCHEMA "{schema}"'))
    opslag = Opslag(f"{POSTGRES}?options=-csearch_path%3D{schema}")
    try:
        yield _klaar(opslag)
    finally:
        opslag.engine.dispose()
        with beheer.begin() as verbinding:
            verbinding.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        beheer.dispose()


def _klaar(opslag: Opslag) -> Opslag:
    opslag.upgrade()
    for team in TEAMS.values():
        opslag.bewaar_team(team.id, team.naam, team.gemeente)
    return opslag


def _team(team_id: str, naam: str, gemeente: str, **anders) -> Buurtteam:
    return Buurtteam(team_id, naam, gemeente, "Gebied.", ((1000, 1099),), "020 123 4567", "Werkdagen 9-17 uur.", 2,
                     **anders)


TEAMS = {
    "a": _team("stad_a", "Buurtteam A", "Stad", webhook_env="TEAM_A_WEBHOOK"),
    "b": _team("stad_b", "Buurtteam B", "Stad"),
    "c": _team("dorp_c", "Buurtteam C", "Dorp"),
}
WACHTWOORD = "een-lang-wachtwoord"


@pytest.fixture
def teams():
    return TEAMS


@pytest.fixture
def medewerkers(opslag):
    return {
        "a": opslag.voeg_medewerker_toe("Fatima el Amrani", "fatima@a.nl", "stad_a", "medewerker", WACHTWOORD),
        "a2": opslag.voeg_medewerker_toe("Piet de Vries", "piet@a.nl", "stad_a", "medewerker", WACHTWOORD),
        "b": opslag.voeg_medewerker_toe("Bram Bos", "bram@b.nl", "stad_b", "medewerker", WACHTWOORD),
        "coordinator": opslag.voeg_medewerker_toe("Cor Stad", "cor@stad.nl", "stad_b", "coordinator", WACHTWOORD),
        "c": opslag.voeg_medewerker_toe("Carla Dorp", "carla@c.nl", "dorp_c", "coordinator", WACHTWOORD),
    }


def maak_overdracht(opslag, team, gesprek="gesprek-1", zorgen=(), nu=NU, kanaal="rest"):
    from wegwijs.overdracht import herken_signalen

    gegevens = Gesprekgegevens(vraag="<script>alert(1)</script> Ik kan de huur niet betalen", zorgen=tuple(zorgen),
                               signalen=herken_signalen(zorgen))
    contact = maak_contactvoorkeur("bellen", "0612345678")
    getoond = onderdelen(gegevens, contact)
    toestemming = geef_toestemming([o.sleutel for o in getoond], team, getoond, nu)
    return opslag.maak_overdracht(kanaal, gesprek, team, maak_pakket(gegevens, contact, toestemming, team), toestemming, nu)
