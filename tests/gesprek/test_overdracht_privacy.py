"""No BSN or IBAN in what a handoff stores (packet, consent text), on SQLite and PostgreSQL, whatever the NLU made of
the message; no message or packet contents in the action server's log when the database fails."""
import functools
import logging
import uuid

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import create_engine, text

import bot.actions.overdracht as ov
from wegwijs.gesprek import overdracht as g
from tests.gesprek.test_overdracht import KLAAR, teksten, tracker
from tests.opslag.conftest import POSTGRES, POSTGRES_REDEN

BERICHT = "ik heb schulden bij de belasting, BSN 111222333 en IBAN NL91ABNA0417164300, wat nu?\x00"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path, monkeypatch):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'wegwijs.db'}"
        monkeypatch.setenv("DATABASE_URL", url)
        yield url
        return
    if POSTGRES is None:
        pytest.skip(f"geen PostgreSQL-server bereikbaar ({POSTGRES_REDEN})")
    schema = f"wegwijs_test_{uuid.uuid4().hex[:12]}"
    beheer = create_engine(POSTGRES)
    with beheer.begin() as verbinding:
        verbinding.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("DATABASE_URL", url)
    ov.opslag.cache_clear()
    try:
        yield url
    finally:
        ov.opslag().engine.dispose()
        ov.opslag.cache_clear()
        with beheer.begin() as verbinding:
            verbinding.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        beheer.dispose()


def _alles_opgeslagen(url) -> str:
    engine = create_engine(url)
    with engine.connect() as verbinding:
        rijen = [str(r) for tabel in ("overdrachten", "toestemmingen")
                 for r in verbinding.execute(text(f"SELECT * FROM {tabel}"))]
    engine.dispose()
    return "\n".join(rijen)


async def test_an_nlu_fallback_message_with_bsn_and_iban_is_handed_off_without_them(database):
    events = [{"event": "user", "text": BERICHT, "input_channel": "rest",
               "parse_data": {"intent": {"name": "mention_debt"}}}]
    d = CollectingDispatcher()
    await ov.ActionOverdracht().run(d, tracker(slots={**KLAAR, "eerste_vraag": BERICHT}, intent="nlu_fallback",
                                              events=events), {})
    assert "doorgegeven aan Buurtteam Centrum" in teksten(d)
    opgeslagen = _alles_opgeslagen(database)
    assert "ik heb schulden bij de belasting" in opgeslagen
    assert "111222333" not in opgeslagen and "NL91ABNA0417164300" not in opgeslagen and "\x00" not in opgeslagen


async def test_a_failing_database_leaves_no_contents_in_the_log(tmp_path, monkeypatch, caplog):
    from wegwijs.opslag import Opslag

    from wegwijs.opslag import modellen as m

    kapot = Opslag(f"sqlite:///{tmp_path / 'half.db'}")   # teams but no handoff table: the insert of the packet fails
    m.Team.__table__.create(kapot.engine)
    monkeypatch.setattr(ov, "opslag", functools.lru_cache(maxsize=1)(lambda: kapot))
    d = CollectingDispatcher()
    with caplog.at_level(logging.DEBUG):
        await ov.ActionOverdracht().run(d, tracker(slots=KLAAR), {})
    assert g.NIET_GELUKT in teksten(d)
    assert "Overdracht niet opgeslagen" in caplog.text
    for inhoud in ("6 12345678", "12345678", "deurwaarder", "na 15.00 uur"):
        assert inhoud not in caplog.text
