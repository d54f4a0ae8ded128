"""What the actions share: the knowledge base, the scheme recogniser, sending messages, the last offer."""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Iterable, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def kennisbank() -> Any:
    from wegwijs.kennis import laad_kennisbank

    return laad_kennisbank()


@lru_cache(maxsize=1)
def herkenner() -> Any:
    from wegwijs.gesprek.regelingen import RegelingHerkenner, lees_synoniemen

    try:
        return RegelingHerkenner.uit_kennisbank(kennisbank())
    except Exception:  # pragma: no cover - knowledge base broken: synonyms only
        logger.exception("Kennisbank niet geladen")
        return RegelingHerkenner({}, lees_synoniemen())


def wis(tracker: Tracker, slots: Iterable[str]) -> List[EventType]:
    """Empty these slots. Only slots that hold something get an event: every event is kept for the rest of the
    conversation and read again on every message."""
    return [SlotSet(slot, None) for slot in slots if tracker.get_slot(slot) is not None]


def stuur(dispatcher: CollectingDispatcher, berichten: Iterable[dict]) -> None:
    for b in berichten:
        dispatcher.utter_message(text=b["text"], buttons=b.get("buttons") or None)


def laatste_utter(tracker: Tracker) -> str | None:
    """The response name of the assistant's last message (Rasa stores it in the event's metadata)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            continue
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action")
        if event.get("event") == "restart":
            return None
    return None


def laatste_utter_voor_gebruiker(tracker: Tracker) -> str | None:
    """The response name of the assistant's last message before the latest user message."""
    gezien_gebruiker = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if gezien_gebruiker:
                return None
            gezien_gebruiker = True
            continue
        if event.get("event") == "restart":
            return None
        if gezien_gebruiker and event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action")
    return None


def bot_sprak_al(tracker: Tracker) -> bool:
    """Has the assistant said anything since the start (or the last restart), before the latest message?"""
    return any(e.get("event") == "bot" for e in tracker.events)


def gemeente_van(tracker: Tracker) -> Any:
    """The person's municipality from the knowledge base, or None."""
    waarde = tracker.get_slot("gemeente")
    if not isinstance(waarde, dict) or not waarde.get("naam"):
        return None
    try:
        return kennisbank().gemeenten.get(str(waarde["naam"]).lower())
    except Exception:
        return None


def tekst(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")
