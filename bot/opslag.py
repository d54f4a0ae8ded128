"""Tracker stores for Wegwijs: nothing kept from before a restart or an old session, no BSN or IBAN, and idle
conversations forgotten.

"verwijder mijn gegevens" (action_verwijder_gegevens) and "opnieuw beginnen" end in a `Restarted` event; on the
next save these stores drop every event before it, so the person's earlier messages and answers are gone, not
just hidden. When a session expired (60 minutes idle, see domain session_config) the old session is dropped too.
Rasa 3.6's RedisTrackerStore merges the stored tracker back into every save; after such a drop the pruned tracker
is written over the stored one instead, or the deleted events would come back.

As a last line of defence every user message (its text and its parse data) passes `schoon_bericht` before it is
saved, whatever the channel did. See docs/bewaren.md for what each store keeps and for how long.
"""
from __future__ import annotations

import time
from typing import Any, Dict, Iterable, Optional, Text

from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore
from rasa.shared.core.events import ActionExecuted, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from wegwijs.gesprek.privacy import schoon_bericht
from wegwijs.opslag.opslag import schoon_waarde

SESSIE_START = "action_session_start"
BEWAARTIJD = 30 * 24 * 3600   # seconds: a conversation nobody touched for 30 days is forgotten (record_exp)


def te_bewaren(events: list[Any]) -> list[Any]:
    """The events to keep: those after the last restart, and from the start of the last session."""
    begin = 0
    for i, event in enumerate(events):
        if isinstance(event, Restarted):
            begin = i + 1
        elif isinstance(event, ActionExecuted) and event.action_name == SESSIE_START and i > begin:
            begin = i
    return events[begin:]


def _schoon_event(event: Any) -> bool:
    """Clean one user message in place; True when something changed."""
    if not isinstance(event, UserUttered) or event.text is None:
        return False
    tekst, parse_data = schoon_bericht(event.text).tekst, schoon_waarde(event.parse_data)   # entities copy the text
    if tekst == event.text and parse_data == event.parse_data:
        return False
    event.text = tekst
    event.intent, event.entities = parse_data.get("intent") or event.intent, parse_data.get("entities") or []
    event.parse_data = parse_data
    return True


class _Wisbaar:
    """Save only the events after the last restart and of the last session (see te_bewaren), cleaned."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        events = list(tracker.events)
        bewaren = te_bewaren(events)
        geschoond = [_schoon_event(e) for e in bewaren]
        if len(bewaren) != len(events) or any(geschoond):
            tracker = DialogueStateTracker.from_events(
                tracker.sender_id, bewaren, slots=self.domain.slots, max_event_history=tracker._max_event_history
            )
        await self._bewaar(tracker, vervang=len(bewaren) != len(events))

    async def _bewaar(self, tracker: DialogueStateTracker, vervang: bool) -> None:
        await super().save(tracker)


class WisbareTrackerStore(_Wisbaar, InMemoryTrackerStore):
    """For `make run`: one process, conversations in memory. A conversation idle for longer than `record_exp`
    seconds is forgotten (as Redis does), checked whenever a conversation is saved or read."""

    def __init__(self, domain: Any, record_exp: Optional[float] = BEWAARTIJD, **kwargs: Dict[Text, Any]) -> None:
        super().__init__(domain, **kwargs)
        self.record_exp = record_exp
        self.laatst: Dict[Text, float] = {}

    def _vergeet_oude(self) -> None:
        if not self.record_exp:
            return
        grens = time.time() - self.record_exp
        for gesprek in [g for g, t in self.laatst.items() if t < grens]:
            self.store.pop(gesprek, None)
            del self.laatst[gesprek]

    async def _bewaar(self, tracker: DialogueStateTracker, vervang: bool) -> None:
        self._vergeet_oude()
        await super()._bewaar(tracker, vervang)
        self.laatst[tracker.sender_id] = time.time()

    async def _retrieve(self, sender_id: Text, fetch_all_sessions: bool) -> Optional[DialogueStateTracker]:
        self._vergeet_oude()
        return await super()._retrieve(sender_id, fetch_all_sessions)

    async def keys(self) -> Iterable[Text]:
        self._vergeet_oude()
        return await super().keys()


class WisbareRedisTrackerStore(_Wisbaar, RedisTrackerStore):
    """For production (bot/endpoints.productie.yml): shared by several Rasa processes. Redis keeps the tracker as
    one value per conversation; `record_exp` lets idle conversations expire."""

    async def _bewaar(self, tracker: DialogueStateTracker, vervang: bool) -> None:
        if not vervang:
            await super()._bewaar(tracker, vervang)
            return
        # RedisTrackerStore.save would merge the stored (unpruned) tracker back in: write over it instead
        await self.stream_events(tracker)
        self.red.set(self.key_prefix + tracker.sender_id, self.serialise_tracker(tracker), ex=self.record_exp)
