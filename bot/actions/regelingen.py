"""Answers about one scheme, from the knowledge base (never from texts in the domain)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.gedeeld import herkenner, kennisbank, stuur, tekst
from bot.actions.opening import onthoud_eerste_vraag
from wegwijs.gesprek import berichten
from wegwijs.gesprek.regelingen import alle_regelingen


def _entiteit(tracker: Tracker, naam: str) -> Optional[str]:
    waarden = [e.get("value") for e in (tracker.latest_message or {}).get("entities", []) if e.get("entity") == naam]
    return str(waarden[-1]) if waarden else None


def zoek_regeling(kb: Any, regeling_id: str, gemeente: Optional[str]) -> Any:
    """The scheme in the person's municipality, else nationally, else in any municipality."""
    dag = dt.date.today()
    regeling = kb.regeling(regeling_id, gemeente, dag)
    if regeling is None:
        for naam in sorted(kb.gemeenten):
            regeling = kb.regeling(regeling_id, kb.gemeenten[naam].naam, dag)
            if regeling is not None:
                break
    return regeling


class ActionRegelingInfo(Action):
    def name(self) -> Text:
        return "action_regeling_info"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = kennisbank()
        bericht = tekst(tracker)
        regeling_id = _entiteit(tracker, "regeling")
        if regeling_id is None or regeling_id not in herkenner().woorden.values():
            regeling_id = herkenner().herken(regeling_id) or herkenner().herken(bericht) or tracker.get_slot("regeling")
        onderwerp = _entiteit(tracker, "onderwerp") or berichten.herken_onderwerp(bericht)
        gemeente_slot = tracker.get_slot("gemeente")
        gemeente = gemeente_slot.get("naam") if isinstance(gemeente_slot, dict) else None
        regeling = zoek_regeling(kb, regeling_id, gemeente) if regeling_id else None
        if regeling is None:
            namen = sorted(alle_regelingen(kb).values())
            stuur(dispatcher, [berichten.onbekende_regeling(namen)])
            return [SlotSet("onderwerp", None)]
        uitslag = tracker.get_slot("uitslag") or {}
        uitkomst = next((r for r in uitslag.get("regelingen", []) if r.get("id") == regeling.id), None)
        stuur(dispatcher, berichten.regeling_info(regeling, onderwerp, uitkomst))
        if regeling.gemeente and regeling.gemeente != gemeente:
            dispatcher.utter_message(text=f"Dit is de regeling van de gemeente {regeling.gemeente}. Woont u ergens "
                                          f"anders? Dan kan het bij uw gemeente anders zijn.")
        return [SlotSet("regeling", regeling.id), SlotSet("onderwerp", None)] + onthoud_eerste_vraag(tracker)
