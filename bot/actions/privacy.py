"""'Verwijder mijn gegevens': forget everything of this conversation.

The action withdraws the handoffs of this conversation (the worker sees only that they were deleted on request),
resets every slot and ends in a `Restarted` event, which also lifts a worker's pause. The tracker store
(bot/opslag.py) then keeps only the events after that restart, so the earlier messages and answers are removed
from storage, not just hidden. It also runs while a worker has the conversation (bot/componenten/verwijderen.py).
See docs/bewaren.md.
"""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, FollowupAction, Restarted
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.overdracht import kanaal, meld_fout, opslag
from wegwijs.gesprek.overdracht import OOK_AANVRAAG_GEWIST


class ActionVerwijderGegevens(Action):
    def name(self) -> Text:
        return "action_verwijder_gegevens"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_gegevens_verwijderd")
        try:   # the handoff records of this conversation too (the buurtteam's copy included)
            if await asyncio.to_thread(opslag().verwijder_gesprek, kanaal(tracker), tracker.sender_id):
                dispatcher.utter_message(text=OOK_AANVRAAG_GEWIST)
        except Exception:
            meld_fout("Aanvraag niet gewist")
            dispatcher.utter_message(text="Uw aanvraag bij het buurtteam kon ik nu niet wissen. Vraag het buurtteam "
                                          "om die te wissen, of probeer het later nog eens.")
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
