"""Unit tests of the custom actions (bot/actions), with a fake knowledge base; no Rasa server needed."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

import bot.actions.gedeeld as gedeeld
from bot.actions.hulp import ActionAntwoordAanbod, ActionFallback, ActionPersoon, ActionSchulden
from bot.actions.opening import eerste_vraag, onthoud_eerste_vraag
from bot.actions.privacy import ActionVerwijderGegevens
from bot.actions.regelingen import ActionRegelingInfo
from bot.actions.toets import ActionAskBevestigd, ValidateToetsForm, voorinvullen
from tests.gesprek.nep import NepKennisbank
from wegwijs.gesprek.invoer import OVERGESLAGEN
from wegwijs.gesprek.regelingen import RegelingHerkenner

DOMAIN = {"slots": {}, "forms": {"toets_form": {"required_slots": []}}}


@pytest.fixture(autouse=True)
def nep_kennisbank(monkeypatch):
    kb = NepKennisbank()
    gedeeld.kennisbank.cache_clear()
    gedeeld.herkenner.cache_clear()
    for module in ("bot.actions.gedeeld", "bot.actions.toets", "bot.actions.hulp", "bot.actions.regelingen"):
        monkeypatch.setattr(f"{module}.kennisbank", lambda: kb, raising=False)
    herkenner = RegelingHerkenner.uit_kennisbank(kb)
    monkeypatch.setattr("bot.actions.regelingen.herkenner", lambda: herkenner)
    return kb


def tracker(tekst="", intent="inform", slots=None, events=None, entities=None, loop=None):
    return Tracker("test", slots or {}, {"text": tekst, "intent": {"name": intent}, "entities": entities or []},
                   events or [], False, None, {"name": loop} if loop else {}, "action_listen")


def bot(utter):
    return {"event": "bot", "text": "...", "metadata": {"utter_action": utter}}


def teksten(d):
    return "\n".join(m.get("text") or m.get("response") or "" for m in d.messages)


def valideer(slot, tekst, slots=None):
    d = CollectingDispatcher()
    uit = ValidateToetsForm()._valideer(slot, tekst, d, tracker(tekst, slots=slots))
    return uit, teksten(d)


def test_leeftijd_vrije_tekst():
    assert valideer("leeftijd", "ik ben vijfenveertig")[0] == {"leeftijd": 45}


def test_leeftijd_overslaan_vraagt_schatting():
    uit, tekst = valideer("leeftijd", "weet ik niet")
    assert uit == {"leeftijd": None} and "schatting" in tekst


def test_andere_vraag_overslaan():
    assert valideer("inkomen", "sla over")[0] == {"inkomen": OVERGESLAGEN}


def test_niet_begrepen_geeft_voorbeeld():
    uit, tekst = valideer("huur", "best veel")
    assert uit == {"huur": None} and "bijvoorbeeld" in tekst


def test_correctie_tijdens_andere_vraag():
    uit, tekst = valideer("inkomen", "nee, ik heb 3 kinderen", {"kinderen": [4, 9]})
    assert uit["kinderen"] is None and uit["inkomen"] is None and "aangepast" in tekst


def test_terug_naar_vorige_vraag():
    slots = {"leeftijd": 40, "partner": False, "kinderen": []}
    uit, tekst = valideer("andere_volwassenen", "terug", slots)
    assert uit == {"andere_volwassenen": None, "kinderen": None, "bevestig_stap": None}


def test_kinderen():
    assert valideer("kinderen", "geen")[0] == {"kinderen": []}
    assert valideer("kinderen", "4 en 9")[0] == {"kinderen": [4, 9]}
    assert valideer("kinderen", "2 kinderen van 3 en 5")[0] == {"kinderen": [3, 5]}
    uit, tekst = valideer("kinderen", "2 kinderen")
    assert uit == {"kinderen": None} and "Hoe oud" in tekst


def test_bevestigen_en_aanpassen():
    assert valideer("bevestigd", "ja")[0] == {"bevestigd": True, "bevestig_stap": None}
    assert valideer("bevestigd", "nee")[0] == {"bevestigd": None, "bevestig_stap": "aanpassen"}
    uit, _ = valideer("bevestigd", "mijn huur is 800")
    assert uit["huur"] == 800.0 and uit["bevestigd"] is None


def test_gemeente_via_postcode():
    assert valideer("gemeente", "3011 AB")[0] == {"gemeente": {"naam": "Rotterdam", "bekend": True}}


def test_vooringevuld_antwoord_blijft_staan_bij_het_begin_van_de_check():
    # the check starts after "alleenstaande moeder van 2 kids ...": partner was filled in from that sentence
    zin = "hallo ik ben alleenstaande moeder van 2 kids en ik kom niet rond"
    d = CollectingDispatcher()
    assert ValidateToetsForm()._valideer("partner", False, d, tracker(zin)) == {"partner": False}
    assert d.messages == []


def vormbeurt(tekst, intent, gevraagd, slots=None):
    beurt = [{"event": "user", "text": tekst, "parse_data": {"intent": {"name": intent}}},
             {"event": "slot", "name": gevraagd, "value": tekst}]
    t = Tracker("test", {**(slots or {}), "requested_slot": gevraagd, gevraagd: tekst},
                {"text": tekst, "intent": {"name": intent}, "entities": []}, beurt, False, None,
                {"name": "toets_form"}, "action_listen")
    domein = {"slots": {s: {"mappings": [{"type": "from_text"}]} for s in ("partner", "inkomen_bron")},
              "forms": {"toets_form": {"required_slots": ["partner", "inkomen_bron"]}}}
    return t, domein


async def test_vraag_over_een_regeling_midden_in_de_check_krijgt_kort_antwoord_en_dezelfde_vraag():
    d = CollectingDispatcher()
    t, domein = vormbeurt("wat is huurtoeslag eigenlijk", "ask_scheme_info", "partner", {"leeftijd": 45})
    events = await ValidateToetsForm().run(d, t, domein)
    assert events == [SlotSet("partner", None), SlotSet("requested_slot", "partner")]  # the same question again
    assert "Huurtoeslag" in teksten(d) and "We gaan verder" in teksten(d)


async def test_laat_maar_stopt_de_check_zonder_uitkomst():
    from rasa_sdk.events import ActiveLoop
    from bot.actions.toets import ActionToets

    d = CollectingDispatcher()
    t, domein = vormbeurt("laat maar, ik wil stoppen", "deny", "partner", {"leeftijd": 45})
    assert await ValidateToetsForm().run(d, t, domein) == [SlotSet("partner", None), ActiveLoop(None)]
    assert "stoppen met de vragen" in teksten(d)
    d = CollectingDispatcher()   # the form ends; without a confirmed summary there is no result
    assert await ActionToets().run(d, tracker(slots={"leeftijd": 45}), DOMAIN) == [] and d.messages == []


async def test_een_regeling_als_antwoord_telt_als_antwoord():
    d = CollectingDispatcher()
    t, domein = vormbeurt("bijstand", "ask_scheme_info", "inkomen_bron", {"leeftijd": 45, "partner": False})
    events = await ValidateToetsForm().run(d, t, domein)
    assert SlotSet("inkomen_bron", "bijstand") in events and "We gaan verder" not in teksten(d)


def test_voorinvullen():
    assert voorinvullen("ik ben alleenstaande moeder, 34 jaar") == {"partner": False, "leeftijd": 34}


async def test_samenvatting_en_aanpassen():
    d = CollectingDispatcher()
    await ActionAskBevestigd().run(d, tracker(slots={"leeftijd": 40, "partner": False, "kinderen": []}), DOMAIN)
    assert "Dit heb ik van u begrepen" in teksten(d) and "Klopt dit?" in teksten(d)
    d = CollectingDispatcher()
    await ActionAskBevestigd().run(d, tracker(slots={"bevestig_stap": "aanpassen"}), DOMAIN)
    assert d.messages[0]["response"] == "utter_aanpassen"


def user(tekst, intent):
    return {"event": "user", "text": tekst, "parse_data": {"intent": {"name": intent}}}


def test_eerste_vraag_letterlijk_bewaard():
    t = tracker("45", "inform", events=[bot("utter_opening_wat"), user("hoi", "greet"), bot("utter_vraag_hulp"),
                                        user("kzit krap, wat nu?", "check_eligibility"), user("45", "inform")])
    assert eerste_vraag(t) == "kzit krap, wat nu?"
    assert onthoud_eerste_vraag(t) == [SlotSet("eerste_vraag", "kzit krap, wat nu?")]
    assert onthoud_eerste_vraag(tracker(slots={"eerste_vraag": "al bewaard"})) == []


def test_eerste_vraag_na_herstart_opnieuw():
    t = tracker(events=[user("ik heb schulden", "mention_debt"), {"event": "restart"}, user("hoi", "greet"),
                        user("wat is huurtoeslag", "ask_scheme_info")])
    assert eerste_vraag(t) == "wat is huurtoeslag"


def test_eerste_vraag_niet_een_kaal_verzoek_om_een_mens():
    kaal = tracker(events=[user("ik wil een mens spreken", "request_human")])
    assert eerste_vraag(kaal) is None
    met_vraag = tracker(events=[user("ik wil iemand spreken over de brief van de belasting", "request_human")])
    assert eerste_vraag(met_vraag) == "ik wil iemand spreken over de brief van de belasting"


def test_eerste_vraag_niet_uit_antwoorden_in_een_formulier():
    t = tracker(events=[user("ik wil een mens spreken", "request_human"),
                        {"event": "active_loop", "name": "overdracht_form"}, user("na drie uur", "out_of_scope"),
                        user("ik wil een mens over mijn schulden", "request_human")])
    assert eerste_vraag(t) == "ik wil een mens over mijn schulden"


async def test_schulden_vraagt_naar_haast():
    d = CollectingDispatcher()
    events = await ActionSchulden().run(d, tracker("ik heb schulden", "mention_debt"), DOMAIN)
    assert [m["response"] for m in d.messages] == ["utter_schulden_erkenning", "utter_vraag_urgentie"]
    assert SlotSet("schulden", True) in events


async def test_schulden_dringend_met_gemeente():
    d = CollectingDispatcher()
    await ActionSchulden().run(d, tracker("de deurwaarder komt", "mention_debt",
                                          slots={"gemeente": {"naam": "Rotterdam"}}), DOMAIN)
    tekst = teksten(d)
    assert "utter_schulden_dringend" in tekst and "14 010" in tekst and "De gemeente helpt gratis." in tekst


async def test_ja_op_aanbod_persoon():
    d = CollectingDispatcher()
    events = await ActionAntwoordAanbod().run(d, tracker("ja", "affirm", events=[bot("utter_aanbod_persoon")]),
                                              DOMAIN)
    assert FollowupAction("overdracht_form") in events and "Zonder uw ja geef ik niets door" in teksten(d)


async def test_ja_op_aanbod_toets_start_de_check():
    d = CollectingDispatcher()
    events = await ActionAntwoordAanbod().run(d, tracker("ja", "affirm", events=[bot("utter_aanbod_toets")]), DOMAIN)
    assert FollowupAction("toets_form") in events


async def test_opnieuw_beginnen_wist_alleen_ingevulde_antwoorden():
    d = CollectingDispatcher()
    vorige_check = {"leeftijd": 38, "huur": 720.0, "bevestigd": True}
    events = await ActionAntwoordAanbod().run(
        d, tracker("ja", "affirm", slots=vorige_check, events=[bot("utter_aanbod_toets")]), DOMAIN)
    assert [e for e in events if e["event"] == "slot"] == [SlotSet(s, None) for s in ("leeftijd", "huur", "bevestigd")]


async def test_fallback_tweede_keer_biedt_persoon():
    d = CollectingDispatcher()
    await ActionFallback().run(d, tracker("blabla", "nlu_fallback", events=[bot("utter_opnieuw_zeggen")]), DOMAIN)
    assert [m["response"] for m in d.messages] == ["utter_nog_steeds_niet", "utter_aanbod_persoon"]


async def test_persoon_start_overdracht_met_team_van_gemeente():
    d = CollectingDispatcher()
    events = await ActionPersoon().run(d, tracker(slots={"gemeente": {"naam": "Amsterdam"},
                                                         "eerste_vraag": "kzit krap"}), DOMAIN)
    assert SlotSet("ov_team", "amsterdam_centrum") in events and events[-1] == FollowupAction("overdracht_form")


async def test_regeling_info_uit_kennisbank_met_typfout():
    d = CollectingDispatcher()
    events = await ActionRegelingInfo().run(d, tracker("hoe vraag ik huurtoeslach aan", "ask_scheme_info"), DOMAIN)
    assert "Huurtoeslag aanvragen: Zo vraagt u het aan." in teksten(d)
    assert SlotSet("regeling", "huurtoeslag") in events


async def test_verwijderen_herstart_gesprek():
    d = CollectingDispatcher()
    events = await ActionVerwijderGegevens().run(d, tracker("verwijder mijn gegevens", "delete_data"), DOMAIN)
    assert Restarted() in events and events[-1] == FollowupAction("action_listen")


def test_opslag_houdt_niets_van_voor_herstart():
    from rasa.shared.core.events import ActionExecuted, Restarted as R, UserUttered
    from bot.opslag import te_bewaren

    events = [ActionExecuted("action_session_start"), UserUttered("mijn huur is 700"), R(),
              ActionExecuted("action_listen")]
    assert te_bewaren(events) == events[3:]


def test_nlu_componenten():
    from rasa.shared.nlu.training_data.message import Message

    from bot.componenten.regelingen import BsnHerkenner, RegelingNormaliseerder

    m = Message(data={"text": "mijn bsn is 111222333", "intent": {"name": "privacy_question", "confidence": 0.6}})
    BsnHerkenner().process([m])
    assert m.get("intent")["name"] == "mention_bsn"
    gewoon = Message(data={"text": "ik verdien 1.250,50", "intent": {"name": "inform", "confidence": 0.9}})
    BsnHerkenner().process([gewoon])
    assert gewoon.get("intent")["name"] == "inform"

    normaliseerder = RegelingNormaliseerder()
    normaliseerder._h = RegelingHerkenner.uit_kennisbank(NepKennisbank())
    m = Message(data={"text": "wat is kwijtscelding", "intent": {"name": "ask_scheme_info", "confidence": 0.9},
                      "entities": [{"entity": "regeling", "value": "kwijtscelding", "start": 7, "end": 20}]})
    zonder = Message(data={"text": "hoe vraag ik huurtoeslach aan", "entities": [],
                           "intent": {"name": "ask_scheme_info", "confidence": 0.9}})
    normaliseerder.process([m, zonder])
    assert m.get("entities")[0]["value"] == "kwijtschelding_gemeentelijke_belastingen"
    assert zonder.get("entities")[0]["value"] == "huurtoeslag"


@pytest.mark.parametrize("tekst, verwacht", [("een kind van 5", [5]), ("een zoon van 16 en een dochter van 12", [16, 12]),
                                             ("2 kinderen van 3 en 5", [3, 5])])
def test_children_with_the_article_een(tekst, verwacht):
    from bot.actions.toets import ValidateToetsForm
    assert ValidateToetsForm._lees("kinderen", tekst, None) == verwacht
