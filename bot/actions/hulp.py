"""A person, debts, yes/no to the assistant's offers, and not understanding."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.gedeeld import gemeente_van, intent, kennisbank, laatste_utter, tekst
from bot.actions.opening import eerste_vraag, onthoud_eerste_vraag
from bot.actions.overdracht import open_aanvraag_tekst, start_overdracht_events
from bot.actions.toets import start_toets_events
from wegwijs.gesprek import berichten, overdracht


def persoon_berichten(tracker: Tracker) -> List[dict]:
    """Without a buurtteam for the person (no postcode or municipality known): who they can call."""
    try:
        alle = [g for _, g in sorted(kennisbank().gemeenten.items())]
    except Exception:
        alle = []
    return berichten.persoon(gemeente_van(tracker), alle, eerste_vraag(tracker))


async def naar_persoon(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """The warm handoff: an open request gets its status; otherwise the handoff form starts."""
    stand = await open_aanvraag_tekst(tracker)
    if stand is not None:
        dispatcher.utter_message(text=stand)
        return [FollowupAction("action_listen")]   # no form: the rule would otherwise start it
    dispatcher.utter_message(text=overdracht.INTRO)
    return start_overdracht_events(tracker)


class ActionPersoon(Action):
    """The person asks for a human: the warm handoff to a buurtteam (bot/actions/overdracht.py)."""

    def name(self) -> Text:
        return "action_persoon"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return onthoud_eerste_vraag(tracker) + await naar_persoon(dispatcher, tracker)


def schuldhulp(dispatcher: CollectingDispatcher, tracker: Tracker, dringend: bool) -> None:
    gemeente = gemeente_van(tracker)
    if dringend:
        dispatcher.utter_message(response="utter_schulden_dringend")
        if gemeente is not None:
            dispatcher.utter_message(text=berichten.contact_regel(gemeente))
    regeling = None
    try:
        regeling = kennisbank().regeling("schuldhulpverlening", gemeente.naam if gemeente else None)
    except Exception:
        regeling = None
    dispatcher.utter_message(text=berichten.schuldhulp_uitleg(regeling))
    dispatcher.utter_message(response="utter_aanbod_persoon")


class ActionSchulden(Action):
    """Debts: acknowledge without judgement, ask about urgency, explain schuldhulpverlening, offer the buurtteam."""

    def name(self) -> Text:
        return "action_schulden"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_schulden_erkenning")
        if berichten.schuld_is_urgent(tekst(tracker)):
            schuldhulp(dispatcher, tracker, dringend=True)
        else:
            dispatcher.utter_message(response="utter_vraag_urgentie")
        return [SlotSet("schulden", True)] + onthoud_eerste_vraag(tracker)


class ActionAntwoordAanbod(Action):
    """'ja' or 'nee' to the assistant's last offer (a person, the check, urgency of debts)."""

    def name(self) -> Text:
        return "action_antwoord_aanbod"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        ja = intent(tracker) == "affirm"
        aanbod = laatste_utter(tracker)
        if aanbod == "utter_vraag_urgentie":
            schuldhulp(dispatcher, tracker, dringend=ja)
            return []
        if aanbod == "utter_aanbod_persoon" and ja:
            return onthoud_eerste_vraag(tracker) + await naar_persoon(dispatcher, tracker)
        if aanbod == "utter_aanbod_toets" and ja:
            dispatcher.utter_message(response="utter_toets_uitleg")
            return start_toets_events(tracker)
        if ja and aanbod not in ("utter_aanbod_persoon", "utter_aanbod_toets"):
            dispatcher.utter_message(response="utter_vraag_hulp_weer")
            return []
        dispatcher.utter_message(response="utter_goed_verder")
        return []


class ActionFallback(Action):
    """Not understood: ask to rephrase once; the second time in a row, offer a person."""

    def name(self) -> Text:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        if laatste_utter(tracker) == "utter_opnieuw_zeggen":
            dispatcher.utter_message(response="utter_nog_steeds_niet")
            dispatcher.utter_message(response="utter_aanbod_persoon")
            return [FollowupAction("action_listen")]
        else:
            dispatcher.utter_message(response="utter_opnieuw_zeggen")
        return [FollowupAction("action_listen")]   # also when Rasa's core fallback chose this action: no loop
