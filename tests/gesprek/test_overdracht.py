"""The handoff in the conversation: the pure readers (wegwijs.gesprek.overdracht) and the actions
(bot/actions/overdracht.py) with the real knowledge base and a temporary SQLite store (conftest.py)."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import bot.actions.overdracht as ov
from bot.actions.privacy import ActionVerwijderGegevens
from wegwijs.gesprek import overdracht as g
from wegwijs.gesprek.invoer import OVERGESLAGEN
from wegwijs.overdracht import Onderdeel

ITEMS = [Onderdeel("vraag", "Uw vraag, in uw eigen woorden", ("x",), "."),
         Onderdeel("zorgen", "Wat u zorgen geeft", ("y",), "."), Onderdeel("contact", "Hoe u contact wilt", ("z",), ".")]
KLAAR = {"ov_team": "amsterdam_centrum", "ov_postcode": OVERGESLAGEN, "ov_manier": "bellen",
         "ov_telefoon": "+31612345678", "ov_wanneer": "na 15.00 uur", "ov_taal": OVERGESLAGEN,
         "ov_vertrouwenspersoon": True, "ov_clientondersteuner": False, "ov_toestemming": "ja",
         "eerste_vraag": "De deurwaarder komt morgen, wat moet ik doen?"}


def tracker(tekst="", slots=None, sender="burger-1", intent="inform", events=None):
    return Tracker(sender, slots or {}, {"text": tekst, "intent": {"name": intent}, "entities": []},
                   events or [{"event": "user", "text": "hoi", "input_channel": "rest"}], False, None, {}, "action_listen")


def teksten(d):
    return "\n".join(m.get("text") or m.get("response") or "" for m in d.messages)


def knoppen(d):
    return [k["title"] for m in d.messages for k in (m.get("buttons") or [])]


@pytest.mark.parametrize("tekst, manier", [("Bellen", "bellen"), ("app me maar", "whatsapp"),
                                           ("kom maar langs", "langskomen"), ("afspraak op kantoor", "afspraak_op_kantoor"),
                                           ("weet ik niet", OVERGESLAGEN), ("blauw", None)])
def test_lees_manier(tekst, manier):
    assert g.lees_manier(tekst) == manier


@pytest.mark.parametrize("tekst, keuze", [("ja, delen", g.JA_DELEN), ("Iets weglaten", g.WEGLATEN),
                                          ("niet delen", g.NIET_DELEN), ("nee", g.NIET_DELEN), ("hmm", None)])
def test_lees_toestemming(tekst, keuze):
    assert g.lees_toestemming(tekst) == keuze


def test_lees_weglaten_nummer_woord_klaar_en_nooit_contact():
    assert g.lees_weglaten("2", ITEMS) == "zorgen"
    assert g.lees_weglaten("mijn zorgen", ITEMS) == "zorgen"
    assert g.lees_weglaten("klaar", ITEMS) == ""
    assert g.lees_weglaten("mijn vraag anders zeggen", ITEMS) == g.VRAAG_VERANDEREN
    assert g.lees_weglaten("3", ITEMS) is None and g.lees_weglaten("9", ITEMS) is None


def test_weglaat_knoppen_zonder_contact():
    assert [k["payload"] for k in g.weglaat_knoppen(ITEMS)] == ["1", "2", "vraag anders zeggen", "klaar"]


def test_gesprekgegevens_letterlijk_en_signalen():
    gegevens = g.gesprekgegevens("ik heb schulden", ["ik heb schulden", "de deurwaarder komt morgen"])
    assert gegevens.zorgen == ("de deurwaarder komt morgen",) and gegevens.signalen == {"deurwaarder"}


async def valideer(slot, tekst, slots=None):
    d = CollectingDispatcher()
    uit = await getattr(ov.ValidateOverdrachtForm(), f"validate_{slot}")(tekst, d, tracker(tekst, slots), {})
    return uit, teksten(d)


async def test_postcode_kiest_team_en_overslaan():
    assert (await valideer("ov_postcode", "1012 AB"))[0] == {"ov_postcode": "1012", "ov_team": "amsterdam_centrum"}
    assert (await valideer("ov_postcode", "sla over"))[0] == {"ov_postcode": OVERGESLAGEN}


async def test_verkeerd_telefoonnummer_wordt_opnieuw_gevraagd():
    uit, tekst = await valideer("ov_telefoon", "12345", {"ov_manier": "bellen"})
    assert uit == {"ov_telefoon": None} and "kan ik niet lezen" in tekst
    assert (await valideer("ov_telefoon", "06-1234 5678", {"ov_manier": "bellen"}))[0] == {"ov_telefoon": "+31612345678"}


async def test_manier_is_niet_over_te_slaan():
    uit, tekst = await valideer("ov_manier", "sla over")
    assert uit == {"ov_manier": None} and "bereiken" in tekst


async def test_telefoon_alleen_bij_bellen_of_whatsapp():
    form = ov.ValidateOverdrachtForm()
    vragen = await form.required_slots([], CollectingDispatcher(), tracker(slots={"ov_team": "x", "ov_manier": "langskomen"}), {})
    assert "ov_telefoon" not in vragen and vragen[-1] == "ov_toestemming"
    assert await form.required_slots([], CollectingDispatcher(), tracker(), {}) == ["ov_postcode"]


@pytest.mark.parametrize("tekst", ["ik wil een mens spreken", "Kan iemand me bellen?", "talk to a person",
                                   "echte persoon aub", "geef me een nummer om te bellen"])
def test_alleen_een_verzoek_om_een_mens(tekst):
    assert g.alleen_verzoek_om_mens(tekst)


@pytest.mark.parametrize("tekst", ["ik wil een mens spreken over mijn huurtoeslag",
                                   "ik krijg een brief van de belastingdienst, kan iemand helpen",
                                   "kan iemand me helpen met het formulier"])
def test_verzoek_om_een_mens_met_een_vraag_erin(tekst):
    assert not g.alleen_verzoek_om_mens(tekst)


async def test_eigen_vraag_alleen_gevraagd_als_die_er_nog_niet_is():
    form = ov.ValidateOverdrachtForm()
    alleen_verzoek = [{"event": "user", "text": "ik wil een mens", "parse_data": {"intent": {"name": "request_human"}}}]
    zonder_vraag = await form.required_slots([], CollectingDispatcher(),
                                             tracker(slots={"ov_team": "x"}, events=alleen_verzoek), {})
    assert zonder_vraag[0] == "ov_vraag"
    met_vraag = await form.required_slots([], CollectingDispatcher(),
                                          tracker(slots={"ov_team": "x", "eerste_vraag": "hulp bij mijn huur"}), {})
    assert "ov_vraag" not in met_vraag
    overgeslagen = await form.required_slots([], CollectingDispatcher(),
                                             tracker(slots={"ov_team": "x", "ov_vraag": OVERGESLAGEN}), {})
    assert overgeslagen[0] == "ov_vraag"   # answered (skipped): stays in the list, so it is not asked again


async def test_eigen_vraag_letterlijk_bewaard_of_overgeslagen():
    uit, _ = await valideer("ov_vraag", "  Ik krijg  een brief over terugbetalen ")
    assert uit == {"ov_vraag": "Ik krijg een brief over terugbetalen", "eerste_vraag": "Ik krijg een brief over terugbetalen"}
    assert (await valideer("ov_vraag", "sla over"))[0] == {"ov_vraag": OVERGESLAGEN}


async def onderbroken(tekst, intent, gevraagd, slots=None):
    d = CollectingDispatcher()
    beurt = [{"event": "user", "text": tekst, "parse_data": {"intent": {"name": intent}}},
             {"event": "slot", "name": gevraagd, "value": tekst}]     # what the slot mapping took from the message
    t = tracker(tekst, {**(slots or {}), "requested_slot": gevraagd, gevraagd: tekst}, intent=intent, events=beurt)
    domain = {"slots": {s: {"mappings": [{"type": "from_text"}]} for s in ov.FORM_SLOTS},
              "forms": {"overdracht_form": {"required_slots": ov.FORM_SLOTS}}}
    return await ov.ValidateOverdrachtForm().run(d, t, domain), d


@pytest.mark.parametrize("tekst, intent, gevraagd, antwoord", [
    ("ik wil gewoon een mens spreken", "request_human", "ov_wanneer", "al op weg"),
    ("ik wil iemand spreken", "request_human", "ov_manier", "al op weg"),
    ("kan iemand me bellen", "request_human", "ov_vraag", "al op weg"),
    ("wat doen jullie met mijn gegevens", "privacy_question", "ov_toestemming", "utter_privacy"),
    ("ben jij een robot", "bot_challenge", "ov_telefoon", "utter_bot_challenge")])
async def test_onderbreking_tijdens_de_overdracht_wordt_beantwoord_en_de_vraag_blijft(tekst, intent, gevraagd, antwoord):
    events, d = await onderbroken(tekst, intent, gevraagd, {"ov_team": "amsterdam_centrum", "ov_manier": "bellen"})
    assert events == [SlotSet(gevraagd, None)]
    assert antwoord in teksten(d) or antwoord in [m.get("response") for m in d.messages]


@pytest.mark.parametrize("gevraagd", ["ov_vraag", "ov_manier", "ov_wanneer", "ov_toestemming"])
async def test_laat_maar_stopt_de_overdracht_zonder_iets_door_te_geven(gevraagd):
    events, d = await onderbroken("laat maar, toch niet", "deny", gevraagd, {"ov_team": "amsterdam_centrum"})
    assert events == [SlotSet(gevraagd, None), SlotSet("ov_toestemming", g.NIET_DELEN), SlotSet("requested_slot", None)]


@pytest.mark.parametrize("tekst, intent, gevraagd, waarde", [
    ("bellen", "request_human", "ov_manier", "bellen"),
    ("kan er iemand langskomen", "request_human", "ov_manier", "langskomen"),
    ("ja, delen", "privacy_question", "ov_toestemming", "ja"),
    ("ik wil iemand spreken over mijn huurachterstand", "request_human", "ov_vraag",
     "ik wil iemand spreken over mijn huurachterstand")])
async def test_antwoord_dat_op_een_onderbreking_lijkt_telt_als_antwoord(tekst, intent, gevraagd, waarde):
    events, d = await onderbroken(tekst, intent, gevraagd, {"ov_team": "amsterdam_centrum", "ov_manier": "bellen",
                                                            "ov_telefoon": "+31612345678"})
    assert SlotSet(gevraagd, waarde) in events and "al op weg" not in teksten(d)


def test_na_de_check_gaan_huishouden_en_uitslag_mee_naar_de_overdracht():
    antwoorden = {"leeftijd": 38, "partner": False, "kinderen": [4, 9], "kinderopvang": False,
                  "andere_volwassenen": 0, "woning": "huur", "huur": 720.0, "inkomen_bron": "werk", "inkomen": 1450.5,
                  "vermogen": OVERGESLAGEN, "gemeente": {"naam": "Rotterdam", "bekend": True}}
    huishouden, uitslag = ov.check_gegevens(tracker(slots={**antwoorden, "uitslag": {"gemeente": "Rotterdam"}}))
    assert huishouden["aanvrager"]["leeftijd"] == 38 and len(huishouden["kinderen"]) == 2
    assert uitslag["gemeente"] == "Rotterdam" and uitslag["regelingen"]
    assert ov.check_gegevens(tracker(slots=antwoorden)) == (None, None)   # no check done: nothing


async def test_iets_weglaten_en_dan_kiezen():
    uit, _ = await valideer("ov_toestemming", "iets weglaten", KLAAR)
    assert uit == {"ov_toestemming": None, "ov_aanpassen": g.WEGLATEN}
    uit, tekst = await valideer("ov_toestemming", "1", {**KLAAR, "ov_aanpassen": g.WEGLATEN})
    assert uit == {"ov_toestemming": None, "ov_aanpassen": None, "ov_weglaten": ["vraag"]} and "laat ik weg" in tekst


async def test_vraag_anders_zeggen():
    uit, _ = await valideer("ov_toestemming", "vraag anders zeggen", {**KLAAR, "ov_aanpassen": g.WEGLATEN})
    assert uit == {"ov_toestemming": None, "ov_aanpassen": g.VRAAG_VERANDEREN}
    uit, _ = await valideer("ov_toestemming", "ik wil hulp met  mijn schulden", {**KLAAR, "ov_aanpassen": g.VRAAG_VERANDEREN})
    assert uit == {"ov_toestemming": None, "ov_aanpassen": None, "eerste_vraag": "ik wil hulp met mijn schulden"}
    d = CollectingDispatcher()
    await ov.ActionAskOvToestemming().run(d, tracker(slots={**KLAAR, "eerste_vraag": "ik wil hulp met mijn schulden"}), {})
    assert "ik wil hulp met mijn schulden" in teksten(d) and "morgen" not in teksten(d)


async def test_toestemmingsvraag_toont_alles_met_knoppen():
    d = CollectingDispatcher()
    await ov.ActionAskOvToestemming().run(d, tracker(slots=KLAAR), {})
    assert "De deurwaarder komt morgen" in teksten(d) and "in gevaar" in teksten(d)
    assert knoppen(d) == ["Ja, delen", "Iets weglaten", "Niet delen"]


async def test_ja_slaat_overdracht_op_en_status_daarna():
    d = CollectingDispatcher()
    await ov.ActionOverdracht().run(d, tracker(slots=KLAAR), {})
    assert "doorgegeven aan Buurtteam Centrum" in teksten(d) and "uiterlijk" in teksten(d)
    pakket = ov.opslag().bekijk(_coordinator(), ov.opslag().open_overdracht("rest", "burger-1").id).pakket
    assert pakket["vraag"] == KLAAR["eerste_vraag"] and pakket["contact"]["telefoon"] == "06 12345678"
    d = CollectingDispatcher()
    await ov.ActionStand().run(d, tracker("hoe staat het met mijn aanvraag", sender="burger-1"), {})
    assert "Buurtteam Centrum" in teksten(d) and "uiterlijk" in teksten(d)


async def test_weggelaten_onderdeel_niet_in_pakket():
    await ov.ActionOverdracht().run(CollectingDispatcher(), tracker(slots={**KLAAR, "ov_weglaten": ["vraag"]}), {})
    pakket = ov.opslag().bekijk(_coordinator(), ov.opslag().open_overdracht("rest", "burger-1").id).pakket
    assert "vraag" not in pakket and "vraag" not in pakket["toestemming"]["onderdelen"]


async def test_nee_geeft_telefoon_en_slaat_niets_op():
    d = CollectingDispatcher()
    events = await ov.ActionOverdracht().run(d, tracker(slots={**KLAAR, "ov_toestemming": "nee"}), {})
    assert "Ik geef niets door" in teksten(d) and "14 020" in teksten(d)
    assert ov.opslag().open_overdracht("rest", "burger-1") is None and SlotSet("ov_toestemming", None) in events


async def test_status_zonder_aanvraag():
    d = CollectingDispatcher()
    await ov.ActionStand().run(d, tracker(sender="niemand"), {})
    assert "geen aanvraag" in teksten(d)


async def test_verwijderen_wist_ook_de_aanvraag():
    await ov.ActionOverdracht().run(CollectingDispatcher(), tracker(slots=KLAAR), {})
    d = CollectingDispatcher()
    await ActionVerwijderGegevens().run(d, tracker(), {})
    assert g.OOK_AANVRAAG_GEWIST in teksten(d) and ov.opslag().stand("rest", "burger-1") is None


def _coordinator():
    winkel = ov.opslag()
    bestaand = winkel.medewerker_bij_email("coord@wegwijs.test")
    return bestaand or winkel.voeg_medewerker_toe("Fatima Test", "coord@wegwijs.test", "amsterdam_centrum",
                                                  "coordinator", "een-lang-wachtwoord")


async def test_wanneer_vrij_overslaan_en_te_lang():
    slots = {"ov_manier": "bellen", "ov_telefoon": "+31612345678"}
    assert (await valideer("ov_wanneer", "na  drie uur", slots))[0] == {"ov_wanneer": "na drie uur"}
    assert (await valideer("ov_wanneer", "sla over", slots))[0] == {"ov_wanneer": OVERGESLAGEN}
    uit, tekst = await valideer("ov_wanneer", "x" * 300, slots)
    assert uit == {"ov_wanneer": None} and "te lang" in tekst


async def test_een_ja_met_voorwaarde_laat_het_genoemde_weg_en_vraagt_opnieuw():
    """'goed, maar zonder mijn vraag' is no consent to everything: the named part is left out, and the consent
    question comes again with what remains, for an explicit yes."""
    uit, tekst = await valideer("ov_toestemming", "goed, maar zonder mijn vraag", KLAAR)
    assert uit == {"ov_toestemming": None, "ov_aanpassen": None, "ov_weglaten": ["vraag"]} and "laat ik weg" in tekst
    # nothing named: which part, then
    uit, _ = await valideer("ov_toestemming", "ja maar niet bellen", KLAAR)
    assert uit == {"ov_toestemming": None, "ov_aanpassen": g.WEGLATEN}


@pytest.mark.parametrize("tekst", ["dat mag niet", "delen? nee", "mag niet van mijn man", "liever niet"])
async def test_een_nee_is_nooit_toestemming(tekst):
    uit, _ = await valideer("ov_toestemming", tekst, KLAAR)
    assert uit == {"ov_toestemming": g.NIET_DELEN}


@pytest.mark.parametrize("slot, verwacht", [("ov_vertrouwenspersoon", False), ("ov_clientondersteuner", False),
                                            ("ov_taal", OVERGESLAGEN), ("ov_wanneer", OVERGESLAGEN)])
async def test_hoeft_niet_bij_een_zijvraag_is_een_antwoord_en_geen_stop(slot, verwacht):
    assert g.hoeft_niet("nee hoeft niet hoor")
    uit, _ = await valideer(slot, "hoeft niet", KLAAR)
    assert uit == {slot: verwacht}


async def test_hoeft_niet_bij_de_taal_beeindigt_de_overdracht_niet():
    events, _ = await onderbroken("hoeft niet", "deny", "ov_taal", {"ov_team": "amsterdam_centrum", "ov_manier": "bellen",
                                                                   "ov_telefoon": "+31612345678"})
    assert SlotSet("ov_toestemming", g.NIET_DELEN) not in events
    assert SlotSet("ov_taal", OVERGESLAGEN) in events
