"""Session start (the opening) and the person's first question, kept verbatim for the handoff."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from wegwijs.gesprek.overdracht import alleen_verzoek_om_mens
from wegwijs.gesprek.privacy import bevat_bsn

# Messages that are not the person's question: greetings, yes/no, answers to the check, ...
GEEN_VRAAG = {"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "restart", "delete_data", "inform",
              "ask_status", "mention_bsn", "nlu_fallback"}


class ActionSessionStart(Action):
    """A new conversation (or one idle for an hour): the opening, in two short messages."""

    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_opening_wie")
        dispatcher.utter_message(response="utter_opening_wat")
        return [SessionStarted(), ActionExecuted("action_listen")]


def eerste_vraag(tracker: Tracker) -> Optional[str]:
    """The person's first own question in this conversation (since the start or the last restart), verbatim:
    the first message that is not a greeting, a yes/no, a button, an answer to a question of the check or the
    handoff, or a bare request for a person ("ik wil een mens spreken" does not say what the help is for).
    Within a form only a request for a person that says what it is about counts."""
    if tracker.get_slot("eerste_vraag"):
        return tracker.get_slot("eerste_vraag")
    vraag, in_formulier = None, False
    for event in tracker.events:
        soort = event.get("event")
        if soort == "restart":
            vraag, in_formulier = None, False
        elif soort == "active_loop":
            in_formulier = bool(event.get("name"))
        elif soort == "user" and vraag is None:
            tekst = (event.get("text") or "").strip()
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if _telt_als_vraag(tekst, intent, in_formulier):
                vraag = tekst
    return vraag


def _telt_als_vraag(tekst: str, intent: Optional[str], in_formulier: bool) -> bool:
    if not tekst or tekst.startswith("/") or intent in GEEN_VRAAG or bevat_bsn(tekst):
        return False
    if intent == "request_human":
        return not alleen_verzoek_om_mens(tekst)
    return not in_formulier


def onthoud_eerste_vraag(tracker: Tracker) -> List[EventType]:
    """Set the slot eerste_vraag once, from the conversation so far (the actions that answer a question call this)."""
    if tracker.get_slot("eerste_vraag"):
        return []
    vraag = eerste_vraag(tracker)
    return [SlotSet("eerste_vraag", vraag)] if vraag else []
