"""The atomic Redis lock store (bot/sloten.py) on the real Redis: tickets are never given twice or lost when
several processes ask at once, and only one of them holds a conversation at a time."""
from __future__ import annotations

import asyncio
import threading
import uuid

import pytest

from bot.sloten import AtomischRedisLockStore
from rasa.core.lock import TicketLock
from rasa.utils.endpoints import EndpointConfig

DB = 8  # a database of the local Redis of its own; keys under a fresh prefix per test


@pytest.fixture
def maak_store():
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, db=DB).ping()
    except redis.RedisError as fout:
        pytest.skip(f"Redis draait niet op 127.0.0.1:6379 ({type(fout).__name__})")
    prefix = f"test{uuid.uuid4().hex[:10]}"
    gemaakt = []

    def maak() -> AtomischRedisLockStore:
        store = AtomischRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=DB, key_prefix=prefix))
        gemaakt.append(store)
        return store

    yield maak
    sleutels = list(gemaakt[0].red.scan_iter(match=f"{prefix}:*")) if gemaakt else []
    if sleutels:
        gemaakt[0].red.delete(*sleutels)


def test_tickets_asked_at_the_same_time_by_several_processes_are_all_different_and_all_kept(maak_store):
    stores = [maak_store() for _ in range(8)]
    start = threading.Barrier(len(stores))
    nummers: list[int] = []

    def vraag(store):
        start.wait()
        for _ in range(50):
            nummers.append(store.issue_ticket("web-een", lock_lifetime=60))

    draden = [threading.Thread(target=vraag, args=(store,)) for store in stores]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(60)
    assert len(nummers) == 400 and len(set(nummers)) == 400          # no ticket given twice
    lock = stores[0].get_lock("web-een")
    assert isinstance(lock, TicketLock) and len(lock.tickets) == 400  # none written away
    for nummer in nummers:
        stores[nummer % 8].cleanup("web-een", nummer)
    assert stores[0].get_lock("web-een") is None                      # the last release removes the lock


def test_only_one_process_holds_a_conversation_at_a_time(maak_store):
    binnen, meeste, rondes = [0], [0], []
    teller = threading.Lock()

    async def gebruik(store):
        for _ in range(25):
            async with store.lock("web-twee", lock_lifetime=30, wait_time_in_seconds=0.002):
                with teller:
                    binnen[0] += 1
                    meeste[0] = max(meeste[0], binnen[0])
                await asyncio.sleep(0.001)
                with teller:
                    binnen[0] -= 1
                rondes.append(1)

    draden = [threading.Thread(target=lambda s=maak_store(): asyncio.run(gebruik(s))) for _ in range(4)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(120)
    assert len(rondes) == 100 and meeste[0] == 1


def test_the_stored_lock_keeps_rasas_own_format(maak_store):
    store = maak_store()
    nummer = store.issue_ticket("web-drie", lock_lifetime=5)
    lock = store.get_lock("web-drie")
    assert lock.last_issued == nummer == 0 and not lock.is_locked(nummer)
    assert store.issue_ticket("web-drie", lock_lifetime=5) == 1 and store.get_lock("web-drie").is_locked(1)
