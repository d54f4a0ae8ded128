"""`wegwijs db opruimen` (also run by every `wegwijs outbox bezorg` round): closed handoffs go after
WEGWIJS_BEWAAR_DAGEN days, open ones stay; a wrong setting changes nothing. On SQLite and PostgreSQL."""
from sqlalchemy import select

from wegwijs.cli import main
from wegwijs.opslag import modellen as m

from .conftest import NU, maak_overdracht


def _ids(opslag):
    with opslag._transactie() as s:
        return sorted(s.scalars(select(m.Overdracht.id)))


def test_db_opruimen_removes_closed_handoffs_past_the_period(opslag, teams, medewerkers, monkeypatch, capsys):
    open_ = maak_overdracht(opslag, teams["a"], gesprek="open")
    dicht = maak_overdracht(opslag, teams["a"], gesprek="dicht")
    opslag.pak_op(medewerkers["a"], dicht.id, NU)
    opslag.zet_status(medewerkers["a"], dicht.id, "afgerond", "Geholpen.", NU)
    monkeypatch.setenv("DATABASE_URL", opslag.url)
    monkeypatch.setenv("WEGWIJS_BEWAAR_DAGEN", "nul")
    assert main(["db", "opruimen"]) == 2 and "niets verwijderd" in capsys.readouterr().err
    assert _ids(opslag) == sorted([open_.id, dicht.id])
    monkeypatch.setenv("WEGWIJS_BEWAAR_DAGEN", "1")   # NU lies more than a day before today
    assert main(["db", "opruimen"]) == 0 and "Verwijderd: 1" in capsys.readouterr().out
    assert _ids(opslag) == [open_.id]
