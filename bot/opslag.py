"""Tracker store for Wegwijs: conversations in memory, and nothing kept from before a restart or an old session.

"verwijder mijn gegevens" (action_verwijder_gegevens) and "opnieuw beginnen" end in a `Restarted` event; on the
next save this store drops every event before it, so the person's earlier messages and answers are gone, not
just hidden. When a session expired (60 minutes idle, see domain session_config) the old session is dropped too.
"""
from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore
from rasa.shared.core.events import ActionExecuted, Restarted
from rasa.shared.core.trackers import DialogueStateTracker

SESSIE_START = "action_session_start"


def te_bewaren(events: list[Any]) -> list[Any]:
    """The events to keep: those after the last restart, and from the start of the last session."""
    begin = 0
    for i, event in enumerate(events):
        if isinstance(event, Restarted):
            begin = i + 1
        elif isinstance(event, ActionExecuted) and event.action_name == SESSIE_START and i > begin:
            begin = i
    return events[begin:]


class _Wisbaar:
    """Save only the events after the last restart and of the last session (see te_bewaren)."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        events = list(tracker.events)
        bewaren = te_bewaren(events)
        if len(bewaren) != len(events):
            tracker = DialogueStateTracker.from_events(
                tracker.sender_id, bewaren, slots=self.domain.slots, max_event_history=tracker._max_event_history
            )
        await super().save(tracker)


class WisbareTrackerStore(_Wisbaar, InMemoryTrackerStore):
    """For `make run`: one process, conversations in memory."""


class WisbareRedisTrackerStore(_Wisbaar, RedisTrackerStore):
    """For production (bot/endpoints.productie.yml): shared by several Rasa processes. Redis keeps the tracker as
    one value per conversation, so saving the pruned tracker replaces what was there; `record_exp` lets idle
    conversations expire."""
