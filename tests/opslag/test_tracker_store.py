"""Rasa's tracker stores of Wegwijs: after 'verwijder mijn gegevens' (a Restarted event) nothing before it is kept,
in memory (make run) and in Redis (production)."""
from __future__ import annotations

import os
import uuid

import pytest
import redis
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.opslag import WisbareRedisTrackerStore, WisbareTrackerStore

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def redis_draait() -> bool:
    try:
        return redis.Redis(host=REDIS_HOST, port=REDIS_PORT, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(params=["geheugen", "redis"])
def store(request):
    domain = Domain.empty()
    if request.param == "geheugen":
        yield WisbareTrackerStore(domain)
        return
    if not redis_draait():
        pytest.skip(f"Redis draait niet op {REDIS_HOST}:{REDIS_PORT}")
    prefix = f"test{uuid.uuid4().hex[:8]}"
    yield WisbareRedisTrackerStore(domain, host=REDIS_HOST, port=REDIS_PORT, db=0, key_prefix=prefix, record_exp=60)
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT)
    for sleutel in client.scan_iter(f"{prefix}:*"):
        client.delete(sleutel)


async def test_nothing_before_a_restart_is_kept(store):
    gesprek = f"burger-{uuid.uuid4().hex[:6]}"
    tracker = DialogueStateTracker.from_events(gesprek, [
        ActionExecuted("action_listen"), UserUttered("ik heb 3000 euro schuld bij de deurwaarder"),
        BotUttered("Dank u. ..."), ActionExecuted("action_verwijder_gegevens"), Restarted(),
        ActionExecuted("action_listen"),
    ])
    await store.save(tracker)
    bewaard = await store.retrieve(gesprek)
    teksten = [e.text for e in bewaard.events if isinstance(e, (UserUttered, BotUttered))]
    assert "ik heb 3000 euro schuld bij de deurwaarder" not in teksten
    assert [type(e).__name__ for e in bewaard.events] == ["ActionExecuted"]


async def test_a_conversation_without_restart_is_kept_whole(store):
    gesprek = f"burger-{uuid.uuid4().hex[:6]}"
    await store.save(DialogueStateTracker.from_events(gesprek, [ActionExecuted("action_listen"), UserUttered("hoi")]))
    assert [e.text for e in (await store.retrieve(gesprek)).events if isinstance(e, UserUttered)] == ["hoi"]


def test_production_endpoints_name_redis_for_trackers_and_locks(monkeypatch):
    from rasa.utils.endpoints import read_endpoint_config

    from bot.start_rasa import omgeving_voor

    # what the launcher fills in from the one documented setting
    for naam, waarde in omgeving_voor(["run"], {"REDIS_URL": "redis://127.0.0.1:6379/0"}).items():
        monkeypatch.setenv(naam, waarde)
    pad = os.path.join(os.path.dirname(__file__), "..", "..", "bot", "endpoints.productie.yml")
    assert read_endpoint_config(pad, "tracker_store").type == "bot.opslag.WisbareRedisTrackerStore"
    assert read_endpoint_config(pad, "lock_store").type == "bot.sloten.AtomischRedisLockStore"


BSN_ZIN = "ik heb schulden bij de deurwaarder, mijn BSN is 111222333"


async def _beurt(store, gesprek, *events):
    """One message as Rasa's processor handles it: read the (last session of the) tracker, add events, save."""
    tracker = await store.retrieve(gesprek) or DialogueStateTracker(gesprek, slots=[])
    for event in events:
        tracker.update(event)
    await store.save(tracker)


def _alles(store, gesprek) -> str:
    """Everything the store holds for one conversation, as text (Redis: the stored value itself)."""
    if isinstance(store, WisbareRedisTrackerStore):
        return store.red.get(store.key_prefix + gesprek) or ""
    return store.store.get(gesprek) or ""


async def test_deletion_removes_every_earlier_event_after_several_saves(store):
    gesprek = f"burger-{uuid.uuid4().hex[:6]}"
    for i in range(5):   # several messages before the deletion, each one saved
        await _beurt(store, gesprek, ActionExecuted("action_listen"), UserUttered(f"bericht {i}: ik kan de huur niet betalen"),
                     BotUttered(f"antwoord {i}"))
    assert "bericht 4" in _alles(store, gesprek)
    await _beurt(store, gesprek, ActionExecuted("action_listen"), UserUttered("verwijder mijn gegevens"),
                 ActionExecuted("action_verwijder_gegevens"), BotUttered("Ik heb alles gewist."), Restarted(),
                 ActionExecuted("action_listen"))
    for i in range(3):   # and after it
        await _beurt(store, gesprek, UserUttered(f"nieuw {i}"), BotUttered("ok"), ActionExecuted("action_listen"))
    opgeslagen = _alles(store, gesprek)
    assert "ik kan de huur niet betalen" not in opgeslagen and "verwijder mijn gegevens" not in opgeslagen
    assert "nieuw 2" in opgeslagen
    teksten = [e.text for e in (await store.retrieve_full_tracker(gesprek)).events if isinstance(e, UserUttered)]
    assert teksten == ["nieuw 0", "nieuw 1", "nieuw 2"]
    if isinstance(store, WisbareRedisTrackerStore):   # the deletion did not make the conversation live longer
        assert 0 < store.red.ttl(store.key_prefix + gesprek) <= 60


async def test_a_dropped_old_session_stays_dropped(store):
    gesprek = f"burger-{uuid.uuid4().hex[:6]}"
    await _beurt(store, gesprek, ActionExecuted("action_session_start"), ActionExecuted("action_listen"),
                 UserUttered("oude sessie: mijn man slaat mij"))
    await _beurt(store, gesprek, ActionExecuted("action_session_start"), ActionExecuted("action_listen"),
                 UserUttered("nieuwe sessie"))
    await _beurt(store, gesprek, BotUttered("ok"), ActionExecuted("action_listen"))
    assert "oude sessie" not in _alles(store, gesprek) and "nieuwe sessie" in _alles(store, gesprek)


async def test_no_bsn_or_iban_is_saved_whatever_the_channel_did(store):
    gesprek = f"burger-{uuid.uuid4().hex[:6]}"
    bericht = f"{BSN_ZIN} en IBAN NL91ABNA0417164300\x00"
    await _beurt(store, gesprek, ActionExecuted("action_listen"), UserUttered(
        bericht, intent={"name": "nlu_fallback", "confidence": 0.3},
        parse_data={"text": bericht, "intent": {"name": "nlu_fallback", "confidence": 0.3}, "entities": []}))
    opgeslagen = _alles(store, gesprek)
    assert "111222333" not in opgeslagen and "NL91ABNA0417164300" not in opgeslagen and "\\u0000" not in opgeslagen
    assert "ik heb schulden bij de deurwaarder" in opgeslagen


async def test_the_memory_store_forgets_idle_conversations(monkeypatch):
    import bot.opslag as opslag

    store = WisbareTrackerStore(Domain.empty(), record_exp=60)
    nu = [1_000_000.0]
    monkeypatch.setattr(opslag.time, "time", lambda: nu[0])
    await _beurt(store, "burger-oud", ActionExecuted("action_listen"), UserUttered("hallo"))
    nu[0] += 61
    assert await store.retrieve("burger-oud") is None and list(await store.keys()) == []
