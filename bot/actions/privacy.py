"""'Verwijder mijn gegevens': forget everything of this conversation.

The action resets every slot and ends in a `Restarted` event. The tracker store (bot/opslag.py) then keeps only
the events after that restart, so the earlier messages and answers are removed from storage, not just hidden.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, FollowupAction, Restarted
from rasa_sdk.executor import CollectingDispatcher


class ActionVerwijderGegevens(Action):
    def name(self) -> Text:
        return "action_verwijder_gegevens"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_gegevens_verwijderd")
        return opnieuw()


def opnieuw() -> List[EventType]:
    """Forget the conversation and wait for the person (after a restart the tracker is empty)."""
    return [AllSlotsReset(), Restarted(), FollowupAction("action_listen")]


class ActionRestart(Action):
    """'Opnieuw beginnen': replaces Rasa's default action_restart; also wipes what was said (bot/opslag.py)."""

    def name(self) -> Text:
        return "action_restart"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_restart")
        return opnieuw()
