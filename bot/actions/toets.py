"""The check: starting it, reading each free-text answer, the summary to confirm, and the result."""
from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.gedeeld import herkenner, intent, kennisbank, stuur, tekst, wis
from bot.actions.opening import eerste_vraag, onthoud_eerste_vraag
from bot.actions.regelingen import zoek_regeling
from wegwijs.gesprek import berichten
from wegwijs.gesprek.antwoorden import VRAGEN, maak_huishouden, nodige_vragen
from wegwijs.gesprek.invoer import (
    OVERGESLAGEN, heeft_correctiewoord, is_overslaan, is_terug, lees_aantal, lees_bedrag, lees_bron,
    lees_correctie, lees_gemeente, lees_in_nederland_sinds, lees_inkomen, lees_ja_nee, lees_leeftijd, lees_leeftijden,
    lees_ontvangt_al, lees_vanaf_27, lees_vermogen, lees_woning, schoon, wil_stoppen,
)

logger = logging.getLogger(__name__)

FORM_SLOTS = VRAGEN + ["bevestigd", "bevestig_stap"]
STOPPEN = ("Goed, we stoppen met de vragen. Wilt u later toch kijken waar u recht op heeft? Typ dan 'check'. "
           "Waar kan ik u nog mee helpen?")

NIET_BEGREPEN = {
    "leeftijd": "Ik begreep uw leeftijd niet. Typ alleen het getal, bijvoorbeeld: 42.",
    "leeftijd_verplicht": "Uw leeftijd heb ik wel nodig, want bijna elke regeling hangt ervan af. "
                          "Een schatting is goed, bijvoorbeeld: 40.",
    "in_nederland_sinds": "Typ de leeftijd waarop u in Nederland kwam wonen, bijvoorbeeld: 30. Of het jaar, "
                          "bijvoorbeeld: 1990. Altijd hier gewoond? Typ 'altijd'.",
    "partner": "Typ 'ja' als u samenwoont of getrouwd bent, en anders 'nee'.",
    "leeftijd_partner": "Typ de leeftijd van uw partner als getal, bijvoorbeeld: 39. Weet u het niet? Typ 'sla over'.",
    "kinderen": "Typ de leeftijden van uw kinderen, bijvoorbeeld: 3 en 8. Geen kinderen thuis? Typ 'geen'.",
    "kinderopvang": "Typ 'ja' of 'nee'.",
    "andere_volwassenen": "Typ het aantal andere volwassenen in huis, bijvoorbeeld: 1. Niemand? Typ 'geen'.",
    "volwassenen_vanaf_27": "Typ hoeveel van hen 27 jaar of ouder zijn, bijvoorbeeld: 1. Niemand? Typ 'geen'. "
                            "Weet u het niet? Typ 'sla over'.",
    "woning": "Typ 'huur', 'koop', 'ik woon bij iemand in' of 'geen vaste woning'.",
    "huur": "Typ uw huur per maand als bedrag, bijvoorbeeld: 725 of 725,50.",
    "servicekosten": "Typ de servicekosten per maand, bijvoorbeeld: 45. Geen servicekosten? Typ 'geen'. "
                     "Weet u het niet? Typ 'weet niet'.",
    "inkomen_bron": "Typ bijvoorbeeld: werk, bijstand, uitkering, AOW, pensioen, studie, eigen bedrijf of geen.",
    "inkomen": "Typ het bedrag per maand, bijvoorbeeld: 1450 of 1.450,50. Per week of per jaar mag ook: "
               "'350 per week'.",
    "ontvangt_al": "Typ wat u nu al krijgt, bijvoorbeeld: huurtoeslag en kinderbijslag. Krijgt u niets hiervan? "
                   "Typ 'niets'. Weet u het niet? Typ 'weet niet'.",
    "vermogen": "Typ ongeveer hoeveel spaargeld u heeft, bijvoorbeeld: 2000. Geen spaargeld? Typ 'geen'.",
    "gemeente": "Typ de naam van uw gemeente, bijvoorbeeld: Rotterdam, of uw postcode, bijvoorbeeld: 3011 AB.",
    "bevestigd": "Klopt alles? Typ 'ja'. Wilt u iets veranderen? Typ 'nee', of typ meteen wat er anders moet.",
}
PERSONEN = r"\b(zoon|dochter|huisgenoot|huisgenote|moeder|vader|broer|zus|oma|opa|vriend|vriendin|" \
           r"kamergenoot|neef|nicht|oom|tante|schoonmoeder|schoonvader|kind)\b"


def aow_leeftijd() -> float | None:
    """The AOW age today, from the knowledge base (None when it cannot be read: then the question is not asked)."""
    try:
        return kennisbank().norm_op("aow.leeftijd", dt.date.today())
    except Exception:
        return None


def _antwoorden(tracker: Tracker) -> Dict[str, Any]:
    return {s: tracker.get_slot(s) for s in VRAGEN + ["schulden"]}


def voorinvullen(tekst_: str) -> Dict[str, Any]:
    """Answers the person already gave in their own words ('alleenstaande moeder met 2 kids, 34 jaar')."""
    try:
        kb = kennisbank()
    except Exception:
        kb = None
    correctie = lees_correctie(tekst_, kb)
    slots: Dict[str, Any] = {}
    for slot, waarde in correctie.items():
        if slot == "aantal_kinderen":
            if waarde == 0:
                slots["kinderen"] = []
        elif slot in VRAGEN:
            slots[slot] = waarde
    if re.search(r"\balleenstaande (moeder|vader|ouder)\b", schoon(tekst_)):
        slots["partner"] = False
    return slots


class ActionStartToets(Action):
    """Starts the check: explains how it works, forgets a previous check, uses what the person already said."""

    def name(self) -> Text:
        return "action_start_toets"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_toets_uitleg")
        events: List[EventType] = wis(tracker, FORM_SLOTS) + onthoud_eerste_vraag(tracker)
        al_gezegd = " ".join(filter(None, [eerste_vraag(tracker), tekst(tracker)]))
        for slot, waarde in voorinvullen(al_gezegd).items():
            events.append(SlotSet(slot, waarde))
        return events


class ValidateToetsForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_toets_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        return nodige_vragen(_antwoorden(tracker), aow_leeftijd()) + ["bevestigd"]

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        gevraagd = tracker.get_slot("requested_slot")
        # "laat maar": the questions end; without a confirmed summary action_toets gives no result
        if gevraagd and wil_stoppen(tekst(tracker)):
            dispatcher.utter_message(text=STOPPEN)
            return [SlotSet(gevraagd, None), ActiveLoop(None)]
        # "wat is huurtoeslag?" in the middle of the questions: a short answer, then the same question again.
        # Only when the message is no answer: "bijstand" or "huur" are answers that name a scheme.
        regeling = self._gevraagde_regeling(tracker) if gevraagd and intent(tracker) == "ask_scheme_info" else None
        if regeling is not None and not self._is_antwoord(gevraagd, tracker):
            stuur(dispatcher, berichten.regeling_info(regeling)[:1])
            dispatcher.utter_message(text=f"Na de vragen kunt u meer vragen over {regeling.naam}. We gaan verder.")
            # the same question again (Rasa would otherwise pick the first empty slot of the domain's list)
            return [SlotSet(gevraagd, None), SlotSet("requested_slot", gevraagd)]
        return await super().run(dispatcher, tracker, domain)

    @staticmethod
    def _gevraagde_regeling(tracker: Tracker) -> Any:
        regeling_id = herkenner().herken(tekst(tracker))
        if regeling_id is None:
            return None
        gemeente = tracker.get_slot("gemeente")
        return zoek_regeling(kennisbank(), regeling_id, gemeente.get("naam") if isinstance(gemeente, dict) else None)

    def _is_antwoord(self, slot: str, tracker: Tracker) -> bool:
        waarde = self._lees(slot, tekst(tracker), tracker)
        if slot == "gemeente":   # any words could be the name of a place Wegwijs does not know
            return isinstance(waarde, dict) and bool(waarde.get("bekend"))
        return waarde is not None and not isinstance(waarde, tuple)

    # Rasa calls validate_<slot> for the slot just answered; all go through one method.
    async def validate_leeftijd(self, v, d, t, dom): return self._valideer("leeftijd", v, d, t)
    async def validate_in_nederland_sinds(self, v, d, t, dom): return self._valideer("in_nederland_sinds", v, d, t)
    async def validate_partner(self, v, d, t, dom): return self._valideer("partner", v, d, t)
    async def validate_leeftijd_partner(self, v, d, t, dom): return self._valideer("leeftijd_partner", v, d, t)
    async def validate_kinderen(self, v, d, t, dom): return self._valideer("kinderen", v, d, t)
    async def validate_kinderopvang(self, v, d, t, dom): return self._valideer("kinderopvang", v, d, t)
    async def validate_andere_volwassenen(self, v, d, t, dom): return self._valideer("andere_volwassenen", v, d, t)
    async def validate_volwassenen_vanaf_27(self, v, d, t, dom): return self._valideer("volwassenen_vanaf_27", v, d, t)
    async def validate_woning(self, v, d, t, dom): return self._valideer("woning", v, d, t)
    async def validate_huur(self, v, d, t, dom): return self._valideer("huur", v, d, t)
    async def validate_servicekosten(self, v, d, t, dom): return self._valideer("servicekosten", v, d, t)
    async def validate_ontvangt_al(self, v, d, t, dom): return self._valideer("ontvangt_al", v, d, t)
    async def validate_inkomen_bron(self, v, d, t, dom): return self._valideer("inkomen_bron", v, d, t)
    async def validate_inkomen(self, v, d, t, dom): return self._valideer("inkomen", v, d, t)
    async def validate_vermogen(self, v, d, t, dom): return self._valideer("vermogen", v, d, t)
    async def validate_gemeente(self, v, d, t, dom): return self._valideer("gemeente", v, d, t)
    async def validate_bevestigd(self, v, d, t, dom): return self._valideer("bevestigd", v, d, t)

    def _valideer(self, slot: str, waarde_in_slot: Any, dispatcher: CollectingDispatcher,
                  tracker: Tracker) -> Dict[Text, Any]:
        antwoord = tekst(tracker)
        if waarde_in_slot != antwoord:
            # not this message's answer but a value an action set (what the person said before the check, or a
            # correction): it was read already; reading this message for it would undo it
            return {slot: waarde_in_slot}
        antwoorden = _antwoorden(tracker)
        vragen = nodige_vragen(antwoorden, aow_leeftijd()) + ["bevestigd"]
        if is_terug(antwoord):
            return self._terug(slot, vragen, dispatcher)
        correcties = self._correcties(slot, antwoord)
        waarde = self._lees(slot, antwoord, tracker)
        if correcties and (slot == "bevestigd" or heeft_correctiewoord(antwoord) or waarde is None):
            dispatcher.utter_message(text="Dank u, ik heb het aangepast.")
            correcties.setdefault(slot, None)
            if slot == "bevestigd":
                correcties["bevestig_stap"] = None
            return correcties
        if slot == "bevestigd":
            return self._bevestig(waarde, dispatcher)
        if waarde is None:
            dispatcher.utter_message(text=NIET_BEGREPEN[slot])
            return {slot: None}
        if waarde == OVERGESLAGEN and slot == "leeftijd":
            dispatcher.utter_message(text=NIET_BEGREPEN["leeftijd_verplicht"])
            return {slot: None}
        if isinstance(waarde, tuple):   # ("vraag", text): ask again more precisely
            dispatcher.utter_message(text=waarde[1])
            return {slot: None}
        uitkomst: Dict[Text, Any] = {slot: waarde}
        if slot == "vermogen" and (re.search(r"schuld", schoon(antwoord)) or isinstance(waarde, float) and waarde < 0):
            uitkomst["schulden"] = True
        return uitkomst

    @staticmethod
    def _terug(slot: str, vragen: List[str], dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        positie = vragen.index(slot) if slot in vragen else len(vragen)
        if positie == 0:
            dispatcher.utter_message(text="Dit is de eerste vraag.")
            return {slot: None}
        vorige = vragen[positie - 1]
        dispatcher.utter_message(text="Goed, we gaan terug naar de vorige vraag.")
        return {slot: None, vorige: None, "bevestig_stap": None}

    @staticmethod
    def _correcties(slot: str, antwoord: str) -> Dict[Text, Any]:
        try:
            kb = kennisbank()
        except Exception:
            kb = None
        uitkomst: Dict[Text, Any] = {}
        for naam, waarde in lees_correctie(antwoord, kb).items():
            if naam == "aantal_kinderen":
                if slot == "kinderen":
                    continue
                uitkomst["kinderen"] = [] if waarde == 0 else None   # ages are asked again
                uitkomst["kinderopvang"] = None
            elif naam != slot:
                uitkomst[naam] = waarde
        if "woning" in uitkomst and uitkomst["woning"] != "huur":
            uitkomst["huur"] = None
        if "huur" in uitkomst:
            uitkomst["servicekosten"] = None   # part of the rent: asked again for the new rent
        return uitkomst

    @staticmethod
    def _bevestig(waarde: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        if waarde is True:
            return {"bevestigd": True, "bevestig_stap": None}
        if waarde is False:
            return {"bevestigd": None, "bevestig_stap": "aanpassen"}
        dispatcher.utter_message(text=NIET_BEGREPEN["bevestigd"])
        return {"bevestigd": None}

    @staticmethod
    def _lees(slot: str, antwoord: str, tracker: Tracker) -> Any:
        t = schoon(antwoord)
        if slot == "leeftijd":
            return lees_leeftijd(antwoord, 12, 120, dt.date.today().year)
        if slot == "leeftijd_partner":
            return lees_leeftijd(antwoord, 14, 120)
        if slot == "in_nederland_sinds":
            leeftijd = tracker.get_slot("leeftijd")
            return lees_in_nederland_sinds(antwoord, int(leeftijd) if isinstance(leeftijd, (int, float)) else 120,
                                           dt.date.today().year)
        if slot in ("partner", "kinderopvang", "bevestigd"):
            if slot == "bevestigd" and re.search(r"\b(aanpassen|veranderen|wijzigen)\b", t):
                return False
            if slot == "kinderopvang" and re.search(r"\b(opvang|bso|gastouder|creche|kdv|kinderdagverblijf)\b", t) \
                    and not re.search(r"\b(geen|niet|nee)\b", t):
                return True
            if slot == "partner":
                correctie = lees_correctie(antwoord)
                if "partner" in correctie:
                    return correctie["partner"]
            return lees_ja_nee(antwoord)
        if slot == "kinderen":
            if is_overslaan(antwoord):
                return OVERGESLAGEN
            if re.fullmatch(r"(nee|geen|0|nul|niet|geen kinderen|nee geen|geen kids|nee hoor|nope|no|n)( thuis)?", t) \
                    or re.search(r"\bgeen (kinderen|kids|kind)\b", t):
                return []
            if re.fullmatch(r"(ja|jawel|jep|yes)", t):
                return ("vraag", "Hoe oud zijn ze? Bijvoorbeeld: 3 en 8.")
            m = re.search(r"\b(\d+|een|twee|drie|vier|vijf|zes)\s+(kinderen|kids|kind|kinders|kindjes)\b", t)
            leeftijden = lees_leeftijden(antwoord)
            if m and isinstance(leeftijden, list) and len(leeftijden) == 1 and (lees_aantal(m.group(1)) or 0) > 1:
                return ("vraag", f"Hoe oud zijn uw {m.group(1)} kinderen? Bijvoorbeeld: 3 en 8.")
            if m and isinstance(leeftijden, list) and len(leeftijden) > 1:
                aantal = lees_aantal(m.group(1))
                if isinstance(aantal, int) and aantal == len(leeftijden) - 1:
                    leeftijden = leeftijden[1:]   # "2 kinderen van 3 en 5"
            return leeftijden
        if slot == "andere_volwassenen":
            if re.fullmatch(r"(nee|geen|niemand|0|nul|nee niemand|nee hoor|no|n|alleen ik)", t):
                return 0
            personen = len(re.findall(PERSONEN, t))
            if personen and not re.search(r"\b(twee|drie|vier|\d)\s+(huisgenoten|kinderen)", t):
                return personen
            return lees_aantal(antwoord, 15)
        if slot == "volwassenen_vanaf_27":
            aantal = tracker.get_slot("andere_volwassenen")
            return lees_vanaf_27(antwoord, aantal if isinstance(aantal, int) else 1)
        if slot == "woning":
            return lees_woning(antwoord)
        if slot == "inkomen":
            return lees_inkomen(antwoord)
        if slot == "vermogen":
            return lees_vermogen(antwoord)
        if slot in ("huur", "servicekosten"):
            bedrag = lees_bedrag(antwoord)
            if slot == "huur" and isinstance(bedrag, float) and (bedrag <= 0 or bedrag > 10000):
                return None
            huur = tracker.get_slot("huur")
            if slot == "servicekosten" and isinstance(bedrag, float) and isinstance(huur, (int, float)) and bedrag > huur:
                return None   # more than the whole rent: asked again
            return bedrag
        if slot == "inkomen_bron":
            return lees_bron(antwoord)
        if slot == "ontvangt_al":
            return lees_ontvangt_al(antwoord)
        if slot == "gemeente":
            try:
                kb = kennisbank()
            except Exception:
                kb = None
            return lees_gemeente(antwoord, kb)
        return None


class ActionAskBevestigd(Action):
    """The summary to confirm, or the question what to change."""

    def name(self) -> Text:
        return "action_ask_bevestigd"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if tracker.get_slot("bevestig_stap") == "aanpassen":
            dispatcher.utter_message(response="utter_aanpassen")
            return []
        dispatcher.utter_message(text=berichten.samenvatting(_antwoorden(tracker)))
        dispatcher.utter_message(text="Klopt dit?", buttons=[
            {"title": "Ja, klopt", "payload": "ja"}, {"title": "Iets aanpassen", "payload": "aanpassen"}])
        return []


class ActionToets(Action):
    """Runs the check (wegwijs.toets) and shows the result."""

    def name(self) -> Text:
        return "action_toets"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        from wegwijs.fouten import OngeldigeInvoer
        from wegwijs.toets import toets

        if tracker.get_slot("bevestigd") is not True:   # the person stopped the questions before the summary
            return []
        huishouden = maak_huishouden(_antwoorden(tracker), dt.date.today().isoformat())
        try:
            kb = kennisbank()
            uitslag = toets(huishouden, kb)
        except OngeldigeInvoer as fout:
            dispatcher.utter_message(text=f"Er ging iets mis met uw antwoorden: {fout}")
            dispatcher.utter_message(response="utter_aanbod_persoon")
            return []
        except Exception:
            logger.exception("toets mislukt")
            dispatcher.utter_message(text="Sorry, de check lukt nu niet. Dat ligt aan mij, niet aan u.")
            dispatcher.utter_message(response="utter_aanbod_persoon")
            return []
        stuur(dispatcher, berichten.resultaat(uitslag, kb))
        if tracker.get_slot("schulden"):
            dispatcher.utter_message(text="U noemde ook schulden. Daar is gratis hulp voor. Typ 'schulden' als u "
                                          "daar meer over wilt weten.")
        kort = {"gemeente": uitslag.get("gemeente"),
                "regelingen": [{k: r.get(k) for k in ("id", "naam", "uitkomst", "redenen", "bedrag_per_maand")}
                               for r in uitslag.get("regelingen", [])]}
        return [SlotSet("uitslag", kort)]


def start_toets_events(tracker: Tracker) -> List[EventType]:
    return wis(tracker, FORM_SLOTS) + [FollowupAction("toets_form")]
