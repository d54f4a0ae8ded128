"""The warm handoff to a buurtteam: a form (contact questions, then the consent question), storing the handoff,
and the status question. Thin adapters over wegwijs.overdracht (rules) and wegwijs.opslag (the store)."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sys
import traceback
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from bot.actions.gedeeld import gemeente_van, kennisbank, wis
from bot.actions.opening import eerste_vraag
from bot.actions.toets import _antwoorden
from wegwijs.fouten import OngeldigeInvoer
from wegwijs.gesprek import overdracht as g
from wegwijs.gesprek.antwoorden import maak_huishouden
from wegwijs.gesprek.invoer import OVERGESLAGEN, lees_gemeente, lees_ja_nee, wil_stoppen
from wegwijs.overdracht import (Contactvoorkeur, geef_toestemming, geen_aanvraag, kies_team, maak_contactvoorkeur,
                                maak_pakket, na_overdracht, onderdelen, stand_tekst, team_bij_id, toestemmingsvraag,
                                zonder_toestemming)
from wegwijs.overdracht.contact import NODIG_TELEFOON
from wegwijs.toets import toets

logger = logging.getLogger(__name__)

FORM_SLOTS = ["ov_postcode", "ov_vraag", "ov_manier", "ov_telefoon", "ov_wanneer", "ov_taal", "ov_vertrouwenspersoon",
              "ov_clientondersteuner", "ov_toestemming"]
HULP_SLOTS = ["ov_team", "ov_weglaten", "ov_aanpassen"]
ZORG_INTENTS = ("mention_debt", "crisis")
# What the form answers itself when it comes instead of an answer, before asking its question again
ONDERBREKINGEN = {"request_human": {"text": g.AL_ONDERWEG}, "privacy_question": {"response": "utter_privacy"},
                  "bot_challenge": {"response": "utter_bot_challenge"}}
VRIJE_VRAGEN = ("ov_vraag", "ov_wanneer", "ov_taal")


def meld_fout(wat: str) -> None:
    """Log the error being handled without its message: a database or input error can quote what was stored or
    typed (a packet, a phone number, the person's words), and logs are not deleted with a conversation."""
    soort, _, sporen = sys.exc_info()
    logger.error("%s: %s\n%s", wat, soort.__name__ if soort else "?", "".join(traceback.format_tb(sporen)).rstrip())


@lru_cache(maxsize=1)
def opslag() -> Any:
    from wegwijs.opslag import Opslag

    winkel = Opslag()        # DATABASE_URL, default sqlite:///wegwijs.db
    winkel.upgrade()
    winkel.synchroniseer_teams(kennisbank())   # maak_overdracht needs the team row to exist (foreign key)
    return winkel


def kanaal(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "onbekend"


def team_van(tracker: Tracker) -> Any:
    try:
        return team_bij_id(kennisbank(), tracker.get_slot("ov_team"))
    except Exception:
        logger.exception("Kennisbank niet geladen")
        return None


def team_bij_gemeente(tracker: Tracker) -> Any:
    gemeente = gemeente_van(tracker)
    slot = tracker.get_slot("gemeente")
    postcode = slot.get("postcode") if isinstance(slot, dict) else None
    if gemeente is None and not postcode:
        return None
    try:
        return kies_team(kennisbank(), postcode=postcode, gemeente=gemeente.naam if gemeente else None)
    except Exception:
        logger.exception("Geen team gevonden")
        return None


def zorgen(tracker: Tracker) -> List[str]:
    """The person's own sentences about debts or danger in this conversation, verbatim."""
    uit: List[str] = []
    for event in tracker.events:
        if event.get("event") == "restart":
            uit = []
        elif event.get("event") == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            tekst = (event.get("text") or "").strip()
            if intent in ZORG_INTENTS and tekst and not tekst.startswith("/"):
                uit.append(tekst)
    return uit


def check_gegevens(tracker: Tracker) -> tuple[Optional[dict], Optional[dict]]:
    """The household and the full result of the check, when the person did the check in this conversation."""
    if not tracker.get_slot("uitslag"):
        return None, None
    try:
        huishouden = maak_huishouden(_antwoorden(tracker), dt.date.today().isoformat())
        return huishouden, toets(huishouden, kennisbank())
    except Exception:
        meld_fout("Check niet opnieuw te berekenen")
        return None, None


def contactvoorkeur(tracker: Tracker) -> Contactvoorkeur:
    s = {slot: g.ingevuld(tracker.get_slot(slot)) for slot in FORM_SLOTS}
    return maak_contactvoorkeur(s["ov_manier"], s["ov_telefoon"], s["ov_wanneer"], s["ov_taal"],
                                bool(s["ov_vertrouwenspersoon"]), bool(s["ov_clientondersteuner"]))


def getoond(tracker: Tracker) -> tuple[Any, Contactvoorkeur, list]:
    """The conversation data, the contact preference and the items shown for consent (without those left out)."""
    huishouden, uitslag = check_gegevens(tracker)
    gegevens = g.gesprekgegevens(eerste_vraag(tracker), zorgen(tracker), huishouden, uitslag)
    contact = contactvoorkeur(tracker)
    weg = set(tracker.get_slot("ov_weglaten") or [])
    return gegevens, contact, [o for o in onderdelen(gegevens, contact) if o.sleutel not in weg]


def start_overdracht_events(tracker: Tracker) -> List[EventType]:
    team = team_bij_gemeente(tracker)
    return (wis(tracker, FORM_SLOTS + HULP_SLOTS) + [SlotSet("ov_team", team.id if team else None)]
            + [FollowupAction("overdracht_form")])


async def open_aanvraag_tekst(tracker: Tracker) -> Optional[str]:
    """The status text when this conversation already has an open handoff (no second one without asking)."""
    try:
        winkel = opslag()
        if await asyncio.to_thread(winkel.open_overdracht, kanaal(tracker), tracker.sender_id) is None:
            return None
        stand = await asyncio.to_thread(winkel.stand, kanaal(tracker), tracker.sender_id)
    except Exception:
        meld_fout("Opslag niet bereikbaar")
        return None
    return stand_tekst(stand, team_bij_id(kennisbank(), stand.team_id)) if stand else None


class ValidateOverdrachtForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_overdracht_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        gevraagd = tracker.get_slot("requested_slot")
        laatste = tracker.latest_message.get("text") or ""
        if gevraagd and wil_stoppen(laatste) and not (gevraagd in g.ZIJVRAGEN and g.hoeft_niet(laatste)):
            # "laat maar": the form ends as after "Niet delen" (action_overdracht: nothing passed on, the number)
            return [SlotSet(gevraagd, None), SlotSet("ov_toestemming", g.NIET_DELEN), SlotSet("requested_slot", None)]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if gevraagd and intent in ONDERBREKINGEN and not await self._is_antwoord(gevraagd, intent, tracker, domain):
            dispatcher.utter_message(**ONDERBREKINGEN[intent])
            return [SlotSet(gevraagd, None)]
        return await super().run(dispatcher, tracker, domain)

    async def _is_antwoord(self, slot: str, intent: str, tracker: Tracker, domain: Dict[Text, Any]) -> bool:
        """Whether a message that looks like an interruption still answers the question: "bellen" answers how to be
        reached; "ik wil een mens spreken" or "wat doen jullie met mijn gegevens?" answers nothing."""
        tekst = tracker.latest_message.get("text") or ""
        if slot in VRIJE_VRAGEN or tracker.get_slot("ov_aanpassen") == g.VRAAG_VERANDEREN:
            return intent == "request_human" and not g.alleen_verzoek_om_mens(tekst)
        uit = await getattr(self, f"validate_{slot}")(tekst, CollectingDispatcher(), tracker, domain)
        return uit.get(slot) is not None

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
        # first what the help is for, when the person only asked for a person (answered or skipped, it stays)
        vragen = ["ov_vraag"] if tracker.get_slot("ov_vraag") or not eerste_vraag(tracker) else []
        if not tracker.get_slot("ov_team"):
            return vragen + ["ov_postcode"]   # filled without a team: the form ends, action_overdracht says what now
        vragen.append("ov_manier")
        if tracker.get_slot("ov_manier") in NODIG_TELEFOON:
            vragen.append("ov_telefoon")
        return vragen + ["ov_wanneer", "ov_taal", "ov_vertrouwenspersoon", "ov_clientondersteuner", "ov_toestemming"]

    async def validate_ov_postcode(self, waarde, dispatcher, tracker, domain) -> Dict[Text, Any]:
        tekst = str(waarde or "")
        postcode = g.lees_postcode(tekst)
        gemeente = None if postcode else lees_gemeente(tekst, kennisbank())
        if gemeente == OVERGESLAGEN:
            return {"ov_postcode": OVERGESLAGEN}
        if postcode is None and not (isinstance(gemeente, dict) and gemeente.get("naam")):
            dispatcher.utter_message(text=g.GEEN_POSTCODE)
            return {"ov_postcode": None}
        team = kies_team(kennisbank(), postcode=postcode, gemeente=None if postcode else gemeente["naam"])
        if team is None:
            dispatcher.utter_message(text=g.GEEN_TEAM)
            return {"ov_postcode": OVERGESLAGEN}
        return {"ov_postcode": postcode or gemeente["naam"], "ov_team": team.id}

    async def validate_ov_vraag(self, waarde, dispatcher, tracker, domain) -> Dict[Text, Any]:
        vraag = g.lees_vrije_tekst(str(waarde or ""))
        if vraag == OVERGESLAGEN:
            return {"ov_vraag": OVERGESLAGEN}
        return {"ov_vraag": vraag, "eerste_vraag": vraag}   # kept verbatim, as a first question is

    async def validate_ov_manier(self, waarde, dispatcher, tracker, domain) -> Dict[Text, Any]:
        manier = g.lees_manier(str(waarde or ""))
        if manier in (None, OVERGESLAGEN):
            dispatcher.utter_message(text=g.MANIER_NODIG if manier else g.KIES_MANIER)
            return {"ov_manier": None}
        return {"ov_manier": manier}

    async def validate_ov_telefoon(self, waarde, dispatcher, tracker, domain) -> Dict[Text, Any]:
        tekst = str(waarde or "")
        if g.lees_vrije_tekst(tekst) == OVERGESLAGEN:
            dispatcher.utter_message(text=g.GEEN_TELEFOON)
            return {"ov_telefoon": None, "ov_manier": None}
        try:
            contact = maak_contactvoorkeur(tracker.get_slot("ov_manier"), tekst)
        except OngeldigeInvoer as fout:
            dispatcher.utter_message(text=str(fout))
            return {"ov_telefoon": None}
        return {"ov_telefoon": contact.telefoon}

    async def validate_ov_wanneer(self, waarde, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._vrij("ov_wanneer", waarde, dispatcher, tracker)

    async def validate_ov_taal(self, waarde, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._vrij("ov_taal", waarde, dispatcher, tracker)

    async def validate_ov_vertrouwenspersoon(self, waarde, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._ja_nee("ov_vertrouwenspersoon", waarde, dispatcher)

    async def validate_ov_clientondersteuner(self, waarde, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._ja_nee("ov_clientondersteuner", waarde, dispatcher)

    async def validate_ov_toestemming(self, waarde, dispatcher, tracker, domain) -> Dict[Text, Any]:
        tekst = str(waarde or "")
        aanpassen = tracker.get_slot("ov_aanpassen")
        if aanpassen == g.VRAAG_VERANDEREN:   # the new question, verbatim; shown again before consent
            nieuw = " ".join(tekst.split())
            return {"ov_toestemming": None, "ov_aanpassen": None, **({"eerste_vraag": nieuw} if nieuw else {})}
        if aanpassen == g.WEGLATEN:
            _, _, items = getoond(tracker)
            sleutel = g.lees_weglaten(tekst, items)
            if sleutel is None:
                dispatcher.utter_message(text=g.WELK_WEGLATEN)
                return {"ov_toestemming": None}
            if sleutel == g.VRAAG_VERANDEREN:
                return {"ov_toestemming": None, "ov_aanpassen": g.VRAAG_VERANDEREN}
            weg = list(tracker.get_slot("ov_weglaten") or [])
            if sleutel:
                titel = next(o.titel for o in items if o.sleutel == sleutel)
                dispatcher.utter_message(text=g.WEGGELATEN.format(titel=titel))
                weg.append(sleutel)
            return {"ov_toestemming": None, "ov_aanpassen": None, "ov_weglaten": weg}
        keuze = g.lees_toestemming(tekst)
        if keuze == g.WEGLATEN:
            # a yes with a condition ("goed, maar zonder mijn inkomen"): what it names is left out, and the
            # question comes again with what remains, for an explicit yes; naming nothing asks what to leave out
            _, _, items = getoond(tracker)
            weg = g.voorwaarde_weglaten(tekst, items)
            if not weg:
                return {"ov_toestemming": None, "ov_aanpassen": g.WEGLATEN}
            for o in items:
                if o.sleutel in weg:
                    dispatcher.utter_message(text=g.WEGGELATEN.format(titel=o.titel))
            return {"ov_toestemming": None, "ov_aanpassen": None,
                    "ov_weglaten": list(tracker.get_slot("ov_weglaten") or []) + weg}
        if keuze is None:
            dispatcher.utter_message(text=g.KIES_TOESTEMMING)
        return {"ov_toestemming": keuze}

    @staticmethod
    def _vrij(slot: str, waarde: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        antwoord = g.lees_vrije_tekst(str(waarde or ""))
        try:   # the core limits the length; a too long answer gets its message and the question again
            maak_contactvoorkeur(tracker.get_slot("ov_manier"), tracker.get_slot("ov_telefoon"),
                                 **{slot[3:]: g.ingevuld(antwoord)})
        except OngeldigeInvoer as fout:
            dispatcher.utter_message(text=str(fout))
            return {slot: None}
        return {slot: antwoord}

    @staticmethod
    def _ja_nee(slot: str, waarde: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        antwoord = False if g.hoeft_niet(str(waarde or "")) else lees_ja_nee(str(waarde or ""))
        if antwoord is None:
            dispatcher.utter_message(text="Typ 'ja' of 'nee'. Of 'sla over'.")
        return {slot: antwoord}


class ActionAskOvClientondersteuner(Action):
    def name(self) -> Text:
        return "action_ask_ov_clientondersteuner"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(text=g.CLIENTONDERSTEUNER_VRAAG, buttons=[
            {"title": "Ja", "payload": "ja"}, {"title": "Nee", "payload": "nee"},
            {"title": "Sla over", "payload": "sla over"}])
        return []


class ActionAskOvToestemming(Action):
    """Exactly what will be shared, with which team and why, with the three choices; or what to leave out or change."""

    def name(self) -> Text:
        return "action_ask_ov_toestemming"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        _, _, items = getoond(tracker)
        aanpassen = tracker.get_slot("ov_aanpassen")
        if aanpassen == g.VRAAG_VERANDEREN:
            dispatcher.utter_message(text=g.NIEUWE_VRAAG)
        elif aanpassen == g.WEGLATEN:
            dispatcher.utter_message(text=g.WELK_WEGLATEN, buttons=g.weglaat_knoppen(items))
        else:
            dispatcher.utter_message(text=toestemmingsvraag(items, team_van(tracker)), buttons=g.toestemming_knoppen())
        return []


class ActionOverdracht(Action):
    """After the form: store the handoff with only the consented items, or give the team's number."""

    def name(self) -> Text:
        return "action_overdracht"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        from bot.actions.hulp import persoon_berichten
        from bot.actions.gedeeld import stuur

        team = team_van(tracker)
        opruimen = wis(tracker, FORM_SLOTS + HULP_SLOTS)
        if team is None:
            stuur(dispatcher, persoon_berichten(tracker))
            return opruimen
        if tracker.get_slot("ov_toestemming") != g.JA_DELEN:
            dispatcher.utter_message(text=zonder_toestemming(team))
            return opruimen
        try:
            gegevens, contact, items = getoond(tracker)
            toestemming = geef_toestemming([o.sleutel for o in items], team, items)
            pakket = maak_pakket(gegevens, contact, toestemming, team)
            overdracht = await asyncio.to_thread(opslag().maak_overdracht, kanaal(tracker), tracker.sender_id,
                                                 team, pakket, toestemming)
        except OngeldigeInvoer as fout:
            dispatcher.utter_message(text=f"{fout} {zonder_toestemming(team)}")
            return opruimen
        except Exception:
            meld_fout("Overdracht niet opgeslagen")
            dispatcher.utter_message(text=f"{g.NIET_GELUKT} {zonder_toestemming(team)}")
            return opruimen
        dispatcher.utter_message(text=na_overdracht(team, contact, overdracht.reactie_uiterlijk))
        return opruimen


class ActionStand(Action):
    """'Hoe staat het met mijn aanvraag?': the real status from the store, for this conversation."""

    def name(self) -> Text:
        return "action_stand"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        try:
            stand = await asyncio.to_thread(opslag().stand, kanaal(tracker), tracker.sender_id)
        except Exception:
            meld_fout("Opslag niet bereikbaar")
            dispatcher.utter_message(text="Sorry, ik kan dat nu niet opzoeken. Probeer het later nog eens.")
            return []
        if stand is None:
            dispatcher.utter_message(text=geen_aanvraag())
        else:
            dispatcher.utter_message(text=stand_tekst(stand, team_bij_id(kennisbank(), stand.team_id)))
        return []
