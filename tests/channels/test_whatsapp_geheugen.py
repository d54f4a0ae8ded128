"""The channel's memory, in this process and in Redis (skipped with a reason when no Redis runs)."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from channels.whatsapp.geheugen import BERICHT_ID_BEWAREN, KEUZES_BEWAREN, WACHTRIJ_BEWAREN, GeheugenInProces
from whatsapp_hulp import redis_geheugen, ruim_redis_op

BURGER = "31612345678"


async def test_een_bericht_id_is_precies_een_keer_nieuw(geheugen):
    uitkomsten = await asyncio.gather(*[geheugen.eerste_keer("wamid.1") for _ in range(10)])
    assert sorted(uitkomsten) == [False] * 9 + [True]
    assert await geheugen.eerste_keer("wamid.2")


async def test_laatste_contact_gaat_alleen_vooruit(geheugen):
    nu = datetime.now(timezone.utc).replace(microsecond=0)
    assert await geheugen.laatste_contact(BURGER) is None
    await geheugen.noteer_contact(BURGER, nu - timedelta(minutes=5))
    await geheugen.noteer_contact(BURGER, nu)
    await geheugen.noteer_contact(BURGER, nu - timedelta(minutes=10))  # a late retry of an older message
    assert await geheugen.laatste_contact(BURGER) == nu


async def test_contact_van_meer_dan_een_dag_geleden_wordt_niet_bewaard(geheugen):
    await geheugen.noteer_contact(BURGER, datetime.now(timezone.utc) - timedelta(hours=25))
    assert await geheugen.laatste_contact(BURGER) is None


async def test_keuzes_gelden_voor_een_antwoord(geheugen):
    await geheugen.bewaar_keuzes(BURGER, ["/a", "/b"])
    assert await geheugen.neem_keuzes(BURGER) == ["/a", "/b"]
    assert await geheugen.neem_keuzes(BURGER) == []


async def test_wachtrij_op_volgorde_en_daarna_leeg(geheugen):
    assert await geheugen.zet_in_wachtrij(BURGER, {"text": "een"}) == 1
    assert await geheugen.zet_in_wachtrij(BURGER, {"text": "twee", "buttons": [{"title": "Ja", "payload": "ja"}]}) == 2
    assert await geheugen.zet_in_wachtrij("31600000000", {"text": "iemand anders"}) == 1
    assert await geheugen.neem_wachtrij(BURGER) == [
        {"text": "een"}, {"text": "twee", "buttons": [{"title": "Ja", "payload": "ja"}]}]
    assert await geheugen.neem_wachtrij(BURGER) == []


async def test_in_proces_verloopt_alles_na_zijn_tijd():
    tijd = [0.0]
    geheugen = GeheugenInProces(klok=lambda: tijd[0])
    nu = datetime.now(timezone.utc)
    await geheugen.eerste_keer("wamid.1")
    await geheugen.noteer_contact(BURGER, nu)
    await geheugen.bewaar_keuzes(BURGER, ["/a"])
    await geheugen.zet_in_wachtrij(BURGER, {"text": "een"})

    tijd[0] = KEUZES_BEWAREN.total_seconds() + 1
    assert await geheugen.neem_keuzes(BURGER) == []
    assert await geheugen.laatste_contact(BURGER) == nu
    tijd[0] = timedelta(hours=24).total_seconds() + 1
    assert await geheugen.laatste_contact(BURGER) is None
    tijd[0] = BERICHT_ID_BEWAREN.total_seconds() + 1
    assert await geheugen.eerste_keer("wamid.1")
    tijd[0] = WACHTRIJ_BEWAREN.total_seconds() + 1
    assert await geheugen.neem_wachtrij(BURGER) == []


async def test_redis_sleutels_hebben_een_vervaltijd():
    geheugen = await redis_geheugen()
    try:
        await _vul_en_controleer_ttl(geheugen)
    finally:
        await ruim_redis_op(geheugen)


async def _vul_en_controleer_ttl(geheugen):
    await geheugen.eerste_keer("wamid.1")
    await geheugen.noteer_contact(BURGER, datetime.now(timezone.utc))
    await geheugen.bewaar_keuzes(BURGER, ["/a"])
    await geheugen.zet_in_wachtrij(BURGER, {"text": "een"})
    sleutels = [s async for s in geheugen._redis.scan_iter(match=f"{geheugen._voorvoegsel}:*")]
    assert len(sleutels) == 4
    for sleutel in sleutels:
        assert 0 < await geheugen._redis.ttl(sleutel) <= WACHTRIJ_BEWAREN.total_seconds()


# --- messages kept until they have been handled ----------------------------------------------------------------

async def test_een_bericht_wordt_precies_een_keer_aangenomen_ook_na_klaar(geheugen):
    bericht = {"bericht_id": "wamid.1", "tekst": "hoi"}
    uitkomsten = await asyncio.gather(*[geheugen.neem_aan("wamid.1", bericht) for _ in range(10)])
    assert sorted(uitkomsten) == [False] * 9 + [True]
    await geheugen.klaar("wamid.1")
    assert not await geheugen.neem_aan("wamid.1", bericht)  # a redelivery after handling is still a duplicate


async def test_een_verstuurde_sleutel_kan_weer_vrij_worden(geheugen):
    assert await geheugen.eerste_keer("antwoord:a1")
    assert not await geheugen.eerste_keer("antwoord:a1")
    await geheugen.vergeet("antwoord:a1")
    assert await geheugen.eerste_keer("antwoord:a1")


async def test_redis_onafgemaakt_bericht_komt_vrij_als_de_claim_afloopt():
    """Two processes on one Redis: the second takes a message only once the first stopped renewing its claim."""
    eerste = await redis_geheugen(behandeling=timedelta(seconds=1))
    tweede = await redis_geheugen(eerste._voorvoegsel, behandeling=timedelta(seconds=1))
    try:
        assert await eerste.neem_aan("wamid.1", {"bericht_id": "wamid.1", "tekst": "hoi"})
        assert await tweede.onafgemaakt() == []          # the first process is handling it
        for _ in range(3):                                # ... and keeps its claim while it lives
            await asyncio.sleep(0.5)
            await eerste.verleng(["wamid.1"])
        assert await tweede.onafgemaakt() == []
        await asyncio.sleep(1.3)                          # the first process stopped
        assert await tweede.onafgemaakt() == [{"bericht_id": "wamid.1", "tekst": "hoi"}]
        assert await eerste.onafgemaakt() == []           # now claimed by the second
        await tweede.klaar("wamid.1")
        await asyncio.sleep(1.3)
        assert await eerste.onafgemaakt() == [] and await eerste._redis.hlen(eerste._ontvangen) == 0
    finally:
        await tweede.sluit()
        await ruim_redis_op(eerste)
