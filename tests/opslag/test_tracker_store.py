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

    for naam, waarde in {"ACTION_SERVER_URL": "http://127.0.0.1:5055/webhook", "REDIS_HOST": "127.0.0.1",
                         "REDIS_PORT": "6379"}.items():
        monkeypatch.setenv(naam, waarde)
    pad = os.path.join(os.path.dirname(__file__), "..", "..", "bot", "endpoints.productie.yml")
    assert read_endpoint_config(pad, "tracker_store").type == "bot.opslag.WisbareRedisTrackerStore"
    assert read_endpoint_config(pad, "lock_store").type == "redis"
