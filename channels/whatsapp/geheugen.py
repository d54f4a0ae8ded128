"""What the WhatsApp channel remembers between calls, each item only as long as it is needed:

- which message ids were already taken on (Meta delivers a message again when it is not sure we got it), and which
  worker replies were already sent (the inbox may hand the same reply over again);
- each message taken on, until it has been handled: kept before Meta gets its 200, so that a message whose process
  stopped halfway (a deploy, a crash) is handled after all, by this process after a restart or by another one;
- when each citizen last wrote (for the 24-hour window);
- the choices behind a numbered list, until the person's next message;
- messages held back outside the 24-hour window, until the person writes again.

In this process by default; in Redis when `redis_url` is set, so that several Rasa processes share it and a
restart forgets nothing. Messages are kept after BSN and IBAN were taken out (kanaal.py)."""
from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterable, Protocol

from channels.whatsapp.venster import SERVICEVENSTER

BERICHT_ID_BEWAREN = timedelta(days=7)    # longer than Meta keeps trying to deliver one notification
KEUZES_BEWAREN = timedelta(hours=1)       # as long as an idle conversation lasts in the assistant
WACHTRIJ_BEWAREN = timedelta(days=30)
# A message being handled belongs to one process for this long; that process renews the claim while it lives
# (kanaal.py, every HERSTEL_INTERVAL), so only the messages of a stopped process become free for another.
BEHANDELING = timedelta(minutes=3)


class Geheugen(Protocol):
    async def eerste_keer(self, sleutel: str) -> bool:
        """True exactly once per key (atomically), for a week."""

    async def vergeet(self, sleutel: str) -> None:
        """The key counts as new again (what it stood for did not happen after all)."""

    async def neem_aan(self, bericht_id: str, bericht: dict[str, Any]) -> bool:
        """Keeps `bericht` until `klaar` and claims it for this process, exactly once per message id (atomically);
        False, and nothing kept, when the id was taken on before."""

    async def klaar(self, bericht_id: str) -> None:
        """The message has been handled: it is no longer kept (its id stays known)."""

    async def verleng(self, bericht_ids: Iterable[str]) -> None:
        """Renews this process's claim on the messages it is handling."""

    async def onafgemaakt(self) -> list[dict[str, Any]]:
        """The messages taken on but not handled whose claim ran out (their process stopped), each claimed now for
        this process."""

    async def noteer_contact(self, wa_id: str, moment: datetime) -> None: ...

    async def laatste_contact(self, wa_id: str) -> datetime | None: ...

    async def bewaar_keuzes(self, wa_id: str, keuzes: list[str]) -> None: ...

    async def neem_keuzes(self, wa_id: str) -> list[str]:
        """The stored choices, which are forgotten at once: they belong to one answer only."""

    async def zet_in_wachtrij(self, wa_id: str, bericht: dict[str, Any]) -> int:
        """Holds a message back; returns how many are now waiting for this person."""

    async def neem_wachtrij(self, wa_id: str) -> list[dict[str, Any]]:
        """The held messages in order, removed from the queue."""


def maak_geheugen(redis_url: str | None) -> Geheugen:
    return RedisGeheugen(redis_url) if redis_url else GeheugenInProces()


def _resterend(moment: datetime, nu: datetime) -> timedelta:
    return SERVICEVENSTER - (nu - moment)


class _Verlopend:
    """A dict whose entries expire. Expired entries are dropped when read, and all of them now and then."""

    OPRUIMEN_NA = 1000

    def __init__(self, klok: Callable[[], float]) -> None:
        self._klok = klok
        self._items: dict[str, tuple[Any, float]] = {}
        self._schrijfacties = 0

    def zet(self, sleutel: str, waarde: Any, duur: timedelta) -> None:
        self._items[sleutel] = (waarde, self._klok() + duur.total_seconds())
        self._schrijfacties += 1
        if self._schrijfacties % self.OPRUIMEN_NA == 0:
            nu = self._klok()
            self._items = {s: (w, tot) for s, (w, tot) in self._items.items() if tot > nu}

    def haal(self, sleutel: str) -> Any:
        item = self._items.get(sleutel)
        if item is None or item[1] <= self._klok():
            self._items.pop(sleutel, None)
            return None
        return item[0]

    def neem(self, sleutel: str) -> Any:
        waarde = self.haal(sleutel)
        self._items.pop(sleutel, None)
        return waarde


class GeheugenInProces:
    """Lost on a restart: then a retried message may be answered twice, and the window counts as closed (so a
    template is sent, which is always allowed). Use Redis where that matters."""

    def __init__(self, klok: Callable[[], float] = time.monotonic,
                 wandklok: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self._wandklok = wandklok
        self._gezien = _Verlopend(klok)
        self._contact = _Verlopend(klok)
        self._keuzes = _Verlopend(klok)
        self._wachtrij = _Verlopend(klok)
        self._ontvangen: dict[str, dict[str, Any]] = {}  # all claimed by this process: it is the only one

    async def eerste_keer(self, sleutel: str) -> bool:
        if self._gezien.haal(sleutel):
            return False
        self._gezien.zet(sleutel, True, BERICHT_ID_BEWAREN)
        return True

    async def vergeet(self, sleutel: str) -> None:
        self._gezien.neem(sleutel)

    async def neem_aan(self, bericht_id: str, bericht: dict[str, Any]) -> bool:
        if not await self.eerste_keer(f"bericht:{bericht_id}"):
            return False
        self._ontvangen[bericht_id] = json.loads(json.dumps(bericht))
        return True

    async def klaar(self, bericht_id: str) -> None:
        self._ontvangen.pop(bericht_id, None)

    async def verleng(self, bericht_ids: Iterable[str]) -> None:
        pass  # nobody else can take them

    async def onafgemaakt(self) -> list[dict[str, Any]]:
        return []  # whatever this process took on, it is handling

    async def noteer_contact(self, wa_id: str, moment: datetime) -> None:
        vorige = self._contact.haal(wa_id)
        if vorige is None or moment > vorige:
            self._contact.zet(wa_id, moment, _resterend(moment, self._wandklok()))

    async def laatste_contact(self, wa_id: str) -> datetime | None:
        return self._contact.haal(wa_id)

    async def bewaar_keuzes(self, wa_id: str, keuzes: list[str]) -> None:
        self._keuzes.zet(wa_id, list(keuzes), KEUZES_BEWAREN)

    async def neem_keuzes(self, wa_id: str) -> list[str]:
        return self._keuzes.neem(wa_id) or []

    async def zet_in_wachtrij(self, wa_id: str, bericht: dict[str, Any]) -> int:
        wachtend = (self._wachtrij.haal(wa_id) or []) + [json.loads(json.dumps(bericht))]
        self._wachtrij.zet(wa_id, wachtend, WACHTRIJ_BEWAREN)
        return len(wachtend)

    async def neem_wachtrij(self, wa_id: str) -> list[dict[str, Any]]:
        return self._wachtrij.neem(wa_id) or []


# Marks the id as seen, keeps the message and claims it, all or nothing (a script runs atomically in Redis).
_NEEM_AAN = """
if redis.call('SET', KEYS[1], 1, 'NX', 'EX', ARGV[1]) then
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
  redis.call('SET', KEYS[3], 1, 'EX', ARGV[2])
  return 1
end
return 0
"""


class RedisGeheugen:
    def __init__(self, url: str, voorvoegsel: str = "wegwijs:whatsapp", behandeling: timedelta = BEHANDELING) -> None:
        import redis.asyncio  # only needed when Redis is configured

        self._redis = redis.asyncio.from_url(url)
        self._voorvoegsel = voorvoegsel
        self._behandeling = behandeling
        self._neem_aan = self._redis.register_script(_NEEM_AAN)

    def _sleutel(self, soort: str, naam: str) -> str:
        return f"{self._voorvoegsel}:{soort}:{naam}"

    @property
    def _ontvangen(self) -> str:
        return f"{self._voorvoegsel}:ontvangen"

    async def eerste_keer(self, sleutel: str) -> bool:
        return bool(await self._redis.set(self._sleutel("gezien", sleutel), 1, nx=True, ex=BERICHT_ID_BEWAREN))

    async def vergeet(self, sleutel: str) -> None:
        await self._redis.delete(self._sleutel("gezien", sleutel))

    async def neem_aan(self, bericht_id: str, bericht: dict[str, Any]) -> bool:
        sleutels = [self._sleutel("gezien", f"bericht:{bericht_id}"), self._ontvangen, self._sleutel("bezig", bericht_id)]
        return bool(await self._neem_aan(keys=sleutels, args=[int(BERICHT_ID_BEWAREN.total_seconds()),
                                                             max(1, int(self._behandeling.total_seconds())), bericht_id,
                                                             json.dumps(bericht)]))

    async def klaar(self, bericht_id: str) -> None:
        async with self._redis.pipeline(transaction=True) as pijp:
            await pijp.hdel(self._ontvangen, bericht_id).delete(self._sleutel("bezig", bericht_id)).execute()

    async def verleng(self, bericht_ids: Iterable[str]) -> None:
        async with self._redis.pipeline(transaction=False) as pijp:
            for bericht_id in bericht_ids:
                pijp.set(self._sleutel("bezig", bericht_id), 1, ex=self._behandeling)
            await pijp.execute()

    async def onafgemaakt(self) -> list[dict[str, Any]]:
        vrij = []
        for bericht_id, bericht in (await self._redis.hgetall(self._ontvangen)).items():
            if await self._redis.set(self._sleutel("bezig", bericht_id.decode()), 1, nx=True, ex=self._behandeling):
                vrij.append(json.loads(bericht))
        return vrij

    async def noteer_contact(self, wa_id: str, moment: datetime) -> None:
        sleutel = self._sleutel("contact", wa_id)
        vorige = await self._redis.get(sleutel)
        if vorige is not None and float(vorige) >= moment.timestamp():
            return
        resterend = _resterend(moment, datetime.now(timezone.utc))
        if resterend.total_seconds() >= 1:
            await self._redis.set(sleutel, moment.timestamp(), ex=resterend)

    async def laatste_contact(self, wa_id: str) -> datetime | None:
        waarde = await self._redis.get(self._sleutel("contact", wa_id))
        return None if waarde is None else datetime.fromtimestamp(float(waarde), tz=timezone.utc)

    async def bewaar_keuzes(self, wa_id: str, keuzes: list[str]) -> None:
        await self._redis.set(self._sleutel("keuzes", wa_id), json.dumps(keuzes), ex=KEUZES_BEWAREN)

    async def neem_keuzes(self, wa_id: str) -> list[str]:
        sleutel = self._sleutel("keuzes", wa_id)
        async with self._redis.pipeline(transaction=True) as pijp:
            waarde, _ = await pijp.get(sleutel).delete(sleutel).execute()
        return json.loads(waarde) if waarde else []

    async def zet_in_wachtrij(self, wa_id: str, bericht: dict[str, Any]) -> int:
        sleutel = self._sleutel("wachtrij", wa_id)
        async with self._redis.pipeline(transaction=True) as pijp:
            lengte, _ = await pijp.rpush(sleutel, json.dumps(bericht)).expire(sleutel, WACHTRIJ_BEWAREN).execute()
        return int(lengte)

    async def neem_wachtrij(self, wa_id: str) -> list[dict[str, Any]]:
        sleutel = self._sleutel("wachtrij", wa_id)
        async with self._redis.pipeline(transaction=True) as pijp:
            waarden, _ = await pijp.lrange(sleutel, 0, -1).delete(sleutel).execute()
        return [json.loads(waarde) for waarde in waarden]

    async def sluit(self) -> None:
        await self._redis.close()
