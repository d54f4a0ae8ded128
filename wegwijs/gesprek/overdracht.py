"""The handoff in the conversation: reading the person's answers and the messages around the consent question.
The rules (consent, packet, contact, routing) are in wegwijs.overdracht; this only reads and words."""
from __future__ import annotations

import re
from typing import Iterable

from wegwijs.gesprek.invoer import OVERGESLAGEN, is_overslaan, schoon
from wegwijs.overdracht import CLIENTONDERSTEUNER_UITLEG, Gesprekgegevens, Onderdeel, herken_signalen

JA_DELEN, WEGLATEN, NIET_DELEN = "ja", "weglaten", "nee"
VRAAG_VERANDEREN = "vraag_veranderen"   # in the leave-out step: the person wants to put their question differently
VERPLICHT = "contact"   # cannot be left out: without it nobody can reach the person

_MANIEREN = [("afspraak_op_kantoor", r"kantoor|afspraak"), ("whatsapp", r"whats ?app|app(en)?\b|appje"),
             ("langskomen", r"langs|thuis|huisbezoek|bij mij"), ("bellen", r"bel|telefo|gebeld")]
_KLAAR = r"^(klaar|terug|niets|niks|nee|toch niet|alles mag|geen)\b"
INTRO = ("Ik kan u in contact brengen met een medewerker van het buurtteam. Dat is gratis. Eerst een paar korte "
         "vragen. Elke vraag mag u overslaan, behalve hoe het buurtteam u kan bereiken. "
         "Daarna ziet u precies wat ik zou doorgeven. Zonder uw ja geef ik niets door.")
CLIENTONDERSTEUNER_VRAAG = CLIENTONDERSTEUNER_UITLEG + " Wilt u dat?"
WELK_WEGLATEN = ("Welk onderdeel wilt u weglaten? Kies het nummer. Hoe u contact wilt, is nodig en blijft erin. "
                 "U kunt ook uw vraag anders zeggen.")
NIEUWE_VRAAG = "Typ uw vraag zoals u die aan het buurtteam wilt doorgeven."
WEGGELATEN = "Goed, dat laat ik weg: {titel}."
KIES_TOESTEMMING = "Kies 'Ja, delen', 'Iets weglaten' of 'Niet delen'."
KIES_MANIER = "Kies hoe u contact wilt: bellen, WhatsApp, langskomen of een afspraak op kantoor."
MANIER_NODIG = "Dit heb ik wel nodig. Anders kan het buurtteam u niet bereiken."
GEEN_TELEFOON = "Zonder telefoonnummer kan het buurtteam u niet bellen of appen. Kies dan een andere manier."
GEEN_TEAM = "Voor die plek ken ik nog geen buurtteam."
GEEN_POSTCODE = "Dat herken ik niet als postcode. Typ de 4 cijfers, bijvoorbeeld: 1012. Of typ 'sla over'."
AL_ONDERWEG = ("U bent al op weg naar een medewerker van het buurtteam. Ik heb alleen nog een paar vragen, zodat "
               "het buurtteam u kan bereiken. Elke vraag mag u overslaan, behalve hoe u contact wilt.")
NIET_GELUKT = "Sorry, het doorgeven lukt nu niet. Dat ligt aan mij, niet aan u. Er is niets doorgegeven."
OOK_AANVRAAG_GEWIST = "Ook uw aanvraag bij het buurtteam en alles wat daarbij hoorde, is gewist."

# The words of a bare request for a person ("ik wil een mens spreken", "kan iemand me bellen", "talk to a person").
# A message made only of these does not yet say what the person needs help with.
_VERZOEK_WOORDEN = set("""
    ik wil wilt willen zou graag een de het dit dat die er met van bij op voor aan om te me mij je jij u mijn
    mens mensen iemand persoon echt echte levend levende gewoon medewerker medewerkers hulpverlener
    maatschappelijk werker buurtteam gemeente loket
    spreken praten bespreken bellen bel terugbellen gebeld worden contact hulp helpen help meekijken meekijkt
    nakijken nakijkt langskomen langs komen afspraak verbind verbinden door doorverbinden doorverbonden
    geef nummer telefoonnummer hoe wie kan kun kunt mag heb hebben nodig liever toch nu even ff snel
    alsjeblieft alstublieft aub a b niet geen snap begrijp robot bot chatbot computer
    human talk to person real i want speak someone agent operator please need
""".split())


def alleen_verzoek_om_mens(tekst: str) -> bool:
    """Whether a message only asks for a person and says nothing about what the help is for."""
    woorden = re.findall(r"[a-z]+", schoon(tekst))
    return all(w in _VERZOEK_WOORDEN for w in woorden)


_POSTCODE = re.compile(r"\b(\d{4})\s?([a-zA-Z]{2})?\b")


def toestemming_knoppen() -> list[dict]:
    return [{"title": "Ja, delen", "payload": "ja, delen"}, {"title": "Iets weglaten", "payload": "iets weglaten"},
            {"title": "Niet delen", "payload": "niet delen"}]


def weglaat_knoppen(getoond: list[Onderdeel]) -> list[dict]:
    """One button per item that may be left out, numbered as in the consent question, and one to go back."""
    knoppen = [{"title": f"{n}. {o.titel}", "payload": str(n)} for n, o in enumerate(getoond, 1)
               if o.sleutel != VERPLICHT]
    if any(o.sleutel == "vraag" for o in getoond):
        knoppen.append({"title": "Mijn vraag anders zeggen", "payload": "vraag anders zeggen"})
    return knoppen + [{"title": "Niets weglaten", "payload": "klaar"}]


def lees_manier(tekst: str) -> str | None:
    """bellen | whatsapp | langskomen | afspraak_op_kantoor, OVERGESLAGEN, or None when not understood."""
    if is_overslaan(tekst):
        return OVERGESLAGEN
    t = schoon(tekst)
    return next((manier for manier, patroon in _MANIEREN if re.search(patroon, t)), None)


# Consent is read strictly: only a message that is an explicit yes and nothing else shares. A no, a negation, a
# question (also without its question mark: "mag dat", "is dat goed"), a hesitation or a yes with a condition is
# never a yes ("dat mag niet", "delen? nee", "goed, maar zonder mijn inkomen", "ja..."). Unclear: ask again.
_JA = (r"ja|jawel|jazeker|jaa|jep|jup|yup|yes|yeah|sure|ok|oke|okay|okee|oki|kk|akkoord|prima|goed|graag|zeker|top|"
       r"tuurlijk|natuurlijk|zeker weten|heel graag|ja (graag|prima|goed|akkoord|hoor|heur|natuurlijk|zeker|tuurlijk|top|"
       r"ok|oke|delen|alles|alles delen|dank je|dank u)|(ok|oke) prima|prima zo|(ja )?(dat )?is (goed|prima|ok|oke)|"
       r"das goed|t is goed|vind ik goed|(ja )?(dat )?mag( wel)?|(alles )?delen|(ja )?(deel|doe|geef|stuur) (het |dat |alles )?"
       r"maar( door)?|(ja )?ga (je|uw) gang|(ja )?ik geef toestemming|(ja )?ik ga akkoord|(ja )?dat wil ik|yes please|"
       r"(ja|ok|oke) dan maar")
_EXPLICIET_JA = re.compile(rf"({_JA})( (hoor|graag|dank je( wel)?|dank u( wel)?|bedankt))?")
_JA_TEKENS = re.compile(r"(ja )?(👍|👌|✅)[\U0001F3FB-\U0001F3FF]?")
_VRAAG_OF_TWIJFEL = re.compile(r"[?？⁇⁈⁉]|\.\.\.|…|:-?[(DPp/\\|]|;-?[()DPp/\\|]")
# a question without its question mark: "kan ik later nog nee zeggen", "mag dat", "is dat goed"
_VRAAGVORM = re.compile(r"^(kan|kun|mag|mogen|is|moet|wordt|wat|wie|waar|hoe|waarom|wanneer) (ik|dat|het|u|jullie|er|"
                        r"alles|delen)\b")
# a yes that names what not to share: "ja, mijn inkomen niet", "mijn vraag mag, de rest niet"
_JA_BEHALVE = re.compile(r"^(ja|ok|oke|goed|prima)\b(?!.*\b(nee|toch niet|echt niet|maar niet)\b).* \w+ ((mag|mogen) )?niet$|"
                         r"\bde rest niet$|^(ja|ok|oke|goed|prima)\b.*\bals\b")
_NIET_WETEN = re.compile(r"\b(weet|snap|begrijp)\b.*\bniet$")
_NEE_WOORD = r"nee|neej|neen|nope|no|nah|nein|nei|neu|nie|ni|niet|niets|niks|nooit|geen|nvm|dont|don't"
_NEE = re.compile(rf"^({_NEE_WOORD}|sorry nee)\b|\b(nee|nope|no|nein|nie)\b|\b({_NEE_WOORD})$|[👎❌🙅]|"
                  r"\b(mag|mogen|wil|hoeft|moet|kan) (het |dat |u |je |ik )?(echt )?(niet|nie)\b|\bgeen toestemming\b|"
                  r"\bliever (nog )?(niet|nie)\b|\bniet (delen|doorgeven|akkoord|goed|oke|ok|doen)\b|"
                  r"\b(niks|niets) (delen|doorgeven)\b|\bdeel niks\b|\b(niet|geef het niet) door\b|\bweiger\b|"
                  r"\bniet (mee )?eens\b|\bniet mee akkoord\b|\bgaat niet gebeuren\b|\bvergeet het\b|\bhou op\b|\bnot ok\b")
# a yes in the words of a no: asked again rather than guessed
_TOCH_GOED = re.compile(r"\b(geen (probleem|bezwaar|punt)|niet erg|waarom niet|maakt (mij )?niet uit)\b")
_TWIJFEL = re.compile(r"\b(snap|begrijp|weet|twijfel|misschien|wacht|eerst|later|overleggen|nadenken|denk)\b|"
                      r"\b(ja|ok|oke) ja\b|^(ja|ok|oke|goed|prima) maar$")
_WEGLATEN = re.compile(r"weglaten|weg ?laten|niet alles|iets (niet|weg)|veranderen|aanpassen")
# a yes with a condition: "zonder mijn inkomen", "behalve de regelingen", "maar niet mijn zorgen", "alleen mijn vraag",
# "ja, mijn inkomen niet"
_VOORWAARDE = re.compile(r"\b(zonder|behalve|uitgezonderd|alleen|enkel|mits|op voorwaarde|maar|exclusief|tenzij)\b|"
                         r"\bniet (mijn|de|het|over|wat) |^(ja|ok|oke|goed|prima)\b.*\bniet\b")


def lees_toestemming(tekst: str) -> str | None:
    """JA_DELEN only for an explicit yes ('ja', 'ja, delen', 'is goed', the button); WEGLATEN for 'iets weglaten'
    or a yes with a condition; NIET_DELEN for a no; None (ask again) for anything else."""
    ruw = (tekst or "").strip()
    t = re.sub(r"(\w)\1{2,}", r"\1\1", schoon(ruw))   # "jaaaa", "neeee"
    t = re.sub(r"( (hoor|joh|he|toch))+$", "", t)        # "echt niet hoor"
    if _WEGLATEN.search(t) or _JA_BEHALVE.search(t):
        return WEGLATEN
    if _TOCH_GOED.search(t) or _VRAAGVORM.search(t) or _NIET_WETEN.search(t):
        return None
    if _NEE.search(t):
        return NIET_DELEN   # a no wins over everything after it, a question mark included ("delen? nee")
    if _VRAAG_OF_TWIJFEL.search(ruw) or is_overslaan(ruw) or _TWIJFEL.search(t):
        return None
    if _EXPLICIET_JA.fullmatch(t) or _JA_TEKENS.fullmatch(ruw):
        return JA_DELEN
    if _VOORWAARDE.search(t):
        return WEGLATEN
    return None


# the words people use for each part of what would be shared (besides the words of its title)
_ONDERDEEL_WOORDEN = {
    "vraag": r"vraag|verhaal|wat ik (schreef|typte|zei)",
    "zorgen": r"zorg|zorgen|problemen|schulden|deurwaarder",
    "huishouden": r"situatie|inkomen|salaris|loon|uitkering|huur|kinderen|kind|gezin|partner|man|vrouw|spaargeld|"
                  r"geld|leeftijd|gegevens over mij",
    "regelingen": r"regeling|regelingen|toeslag|toeslagen|uitkomst|check|uitslag",
    "budget": r"overhoud|over houd|rondkomen|tekort|budget|inkomen|geld",
}


def voorwaarde_weglaten(tekst: str, getoond: list[Onderdeel]) -> list[str]:
    """What a yes with a condition leaves out: the parts it names after 'zonder', 'behalve', 'niet', or with
    'alleen' everything it does not name. Contact always stays (it is needed)."""
    t = schoon(tekst)
    genoemd = [o.sleutel for o in getoond if o.sleutel != VERPLICHT
               and re.search(rf"\b({_ONDERDEEL_WOORDEN.get(o.sleutel, '$^')})", t)]
    if re.search(r"\b(alleen|enkel)\b", t):
        return [o.sleutel for o in getoond if o.sleutel != VERPLICHT and o.sleutel not in genoemd]
    return genoemd


def lees_weglaten(tekst: str, getoond: list[Onderdeel]) -> str | None:
    """The key of the item to leave out (by its number or words of its title), "" for none, VRAAG_VERANDEREN to
    put the question differently, None if unclear."""
    t = schoon(tekst)
    if re.search(r"anders|veranderen|aanpassen|opnieuw", t):
        return VRAAG_VERANDEREN
    if re.search(_KLAAR, t):
        return ""
    getal = re.fullmatch(r"\s*(\d{1,2})\.?\s*", t)
    if getal and 1 <= int(getal.group(1)) <= len(getoond):
        sleutel = getoond[int(getal.group(1)) - 1].sleutel
        return sleutel if sleutel != VERPLICHT else None
    for o in getoond:
        woorden = [w for w in re.findall(r"[a-z]{4,}", schoon(o.titel)) if w not in ("eigen", "woorden", "samen")]
        if o.sleutel != VERPLICHT and any(w in t for w in woorden):
            return o.sleutel
    return None


def lees_postcode(tekst: str) -> str | None:
    gevonden = _POSTCODE.search(tekst or "")
    return gevonden.group(1) if gevonden else None


# "hoeft niet" to a side question (a language, a trusted person) says no to that question, not to the handoff
_HOEFT_NIET = re.compile(r"(nee )?(hoeft (toch )?niet|niet nodig|is niet nodig|hoef ik niet|geen behoefte|"
                         r"nee hoeft niet)( hoor| dank je| dank u| bedankt)?")
ZIJVRAGEN = ("ov_wanneer", "ov_taal", "ov_vertrouwenspersoon", "ov_clientondersteuner")


def hoeft_niet(tekst: str) -> bool:
    return bool(_HOEFT_NIET.fullmatch(schoon(tekst)))


def lees_vrije_tekst(tekst: str) -> str:
    """A free answer (when it suits, the language): the text as typed, or OVERGESLAGEN."""
    if is_overslaan(tekst) or hoeft_niet(tekst) or not (tekst or "").strip():
        return OVERGESLAGEN
    return " ".join(tekst.split())


def ingevuld(waarde: object) -> object:
    """A form answer as the core wants it: None for a skipped question."""
    return None if waarde in (None, OVERGESLAGEN) else waarde


def gesprekgegevens(vraag: str | None, zorgen: Iterable[str], huishouden: dict | None = None,
                    uitslag: dict | None = None) -> Gesprekgegevens:
    """What the conversation collected, in the person's own words; safety flags from those words."""
    zorgen = tuple(dict.fromkeys(z.strip() for z in zorgen if z and z.strip() and z.strip() != (vraag or "").strip()))
    return Gesprekgegevens(vraag=vraag, huishouden=huishouden, uitslag=uitslag, zorgen=zorgen,
                           signalen=herken_signalen([vraag or "", *zorgen]))
