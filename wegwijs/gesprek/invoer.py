"""Reading the free-text answers to the check's questions.

Each `lees_*` function returns the value, OVERGESLAGEN when the person skips the question ("weet ik niet",
"sla over"), or None when the answer is not understood (the assistant then asks again, with an example).
"""
from __future__ import annotations

import difflib
import re
from typing import Any

from wegwijs.gesprek.getallen import getallen_in_tekst, zonder_accenten

OVERGESLAGEN = "overgeslagen"

_OVERSLAAN = [
    r"weet (ik|k|ikke) (het |t |'t )?niet", r"\bweet niet\b", r"\bweetniet\b", r"\bwn\b", r"\bwin\b",
    r"geen (flauw )?idee", r"\bsla (maar )?over\b", r"\boverslaan\b", r"\bskip\b", r"\bidk\b",
    r"\bdon'?t know\b", r"\bno idea\b", r"\bpass\b", r"\bvolgende( vraag)?\b", r"\bniet zeker\b",
    r"\bzeg ik liever niet\b", r"\bwil ik niet zeggen\b", r"\bliever niet\b", r"^\?+$", r"\bgn idee\b",
    r"\bonbekend\b", r"\bdat weet ik niet\b", r"\bweetikniet\b", r"\bk?wee+t? ?nie+t?\b", r"\bkweenie\b",
    r"\bkwenie\b", r"\bweetnie\b", r"\bgeen idee\b", r"\bvraag maar wat anders\b",
]
_TERUG = [r"^(ga |ff |even )?terug\b", r"\bvorige vraag\b", r"^vorige$", r"^back$", r"\bga terug\b",
          r"\bnaar de vorige\b"]
_CORRECTIE_WOORDEN = [r"^nee\b", r"^neen\b", r"\bsorry\b", r"\boeps\b", r"\bik bedoel\b", r"\bcorrectie\b",
                      r"\btoch\b", r"\beigenlijk\b", r"\bfout\b", r"\bverkeerd\b", r"\bniet goed\b",
                      r"\bklopt niet\b", r"\bverander\b", r"\baanpassen\b", r"^wacht\b"]

JA = {"ja", "jaa", "jaaa", "jep", "jup", "jip", "yes", "yep", "ye", "jawel", "jazeker", "zeker", "klopt",
      "correct", "idd", "inderdaad", "ok", "oke", "okay", "okee", "prima", "goed", "jazeker", "yess", "y", "j",
      "ja hoor", "dat klopt", "klopt helemaal", "is goed", "👍", "sure", "tuurlijk", "natuurlijk", "graag",
      "ja graag", "ja klopt", "dat is goed", "ja dat klopt", "helemaal goed", "alles klopt", "het klopt"}
NEE = {"nee", "neen", "nope", "no", "nah", "nee hoor", "niet", "n", "klopt niet", "dat klopt niet",
       "nee dank je", "nee bedankt", "nooit", "neuh", "nee niet", "helaas niet", "niet echt", "neee", "neej",
       "geen", "nee geen", "nee klopt niet", "het klopt niet"}


def schoon(tekst: str) -> str:
    """Lowercase, accents off, punctuation (except in numbers) to spaces, single spaces."""
    t = zonder_accenten((tekst or "").lower()).replace("’", "'")
    t = re.sub(r"[!?;:()\"“”*_~]+", " ", t)
    t = re.sub(r"(?<!\d)[.,]|[.,](?!\d)", " ", t)
    return re.sub(r"\s+", " ", t).strip()


# The person wants to stop the questions of the check or the handoff; the whole message must say only that.
_STOP = (r"(stop|stoppen|ik wil stoppen|laat (maar )?(zitten|maar)|laat maar|toch (maar )?niet|"
         r"hoeft (toch )?niet( meer)?|ik hoef (het )?(toch )?niet( meer)?|annuleer|annuleren|"
         r"ik wil (het )?(toch )?niet( meer)?|cancel)")
_STOPPEN = re.compile(rf"(nee )?{_STOP}( {_STOP})*( (hoor|dank u|dank je|bedankt))?")


def _past(patronen: list[str], tekst: str) -> bool:
    return any(re.search(p, tekst) for p in patronen)


# "zeg ik niet", "gaat je niks aan", "privé": the person does not want to answer; a skip, never a no or a zero
_WEIGERING = re.compile(r"\b(zeg|vertel)\b.*\bniet\b|\bniet\b.*\b(zeggen|vertellen)\b|\bgaat (je|jou|jullie|u) "
                        r"(niks|niets|geen bal) aan\b|\bpriv[eé]\b|\bdat hoeft (je|u) niet te weten\b")


def is_weigering(tekst: str) -> bool:
    return bool(_WEIGERING.search(schoon(tekst)))


def is_overslaan(tekst: str) -> bool:
    t = schoon(tekst)
    return bool(t) and _past(_OVERSLAAN, t) or (tekst or "").strip() in {"?", "??", "???"}


def wil_stoppen(tekst: str) -> bool:
    """Whether the message only says that the person wants to stop: 'laat maar', 'toch niet', 'stop'."""
    return bool(_STOPPEN.fullmatch(schoon(tekst)))


def is_terug(tekst: str) -> bool:
    return _past(_TERUG, schoon(tekst))


def heeft_correctiewoord(tekst: str) -> bool:
    return _past(_CORRECTIE_WOORDEN, schoon(tekst))


def lees_ja_nee(tekst: str) -> bool | str | None:
    t = schoon(tekst)
    if is_overslaan(tekst):
        return OVERGESLAGEN
    if t in JA or (tekst or "").strip() == "👍":
        return True
    if t in NEE:
        return False
    eerste = t.split(" ")[0] if t else ""
    if eerste in {"ja", "jawel", "jep", "yes", "klopt", "zeker", "jazeker", "jaa"}:
        return True
    if eerste in {"nee", "neen", "nope", "no"}:
        return False
    return None


# ---- amounts ----------------------------------------------------------------------------------------------

_PERIODE = [
    (r"\bper (4|vier) weken\b|\b4[- ]wekelijks\b|\bvierwekelijks\b", 13 / 12),
    (r"\bper (2|twee) weken\b|\btweewekelijks\b", 26 / 12),
    (r"\bper week\b|\bp/?w\b|\bin de week\b|\bwekelijks\b|\been week\b|\bperweek\b", 52 / 12),
    (r"\bper jaar\b|\bp/?j\b|\bjaarlijks\b|\bin een jaar\b|\bper jr\b|\bin het jaar\b|\bbruto per jaar\b", 1 / 12),
]
_NUL = re.compile(r"^(geen|niks|niets|nul|0|helemaal niks|helemaal niets|niets gespaard|geen inkomen|"
                  r"geen spaargeld|niks gespaard|nee|nop|geen geld|leeg|0 euro|nul euro|alleen schulden|"
                  r"ik heb niks|ik heb niets|ik heb geen|ik heb geen inkomen|ik heb geen spaargeld|"
                  r"heb niks|heb niets|niet|nada|zero|none)\b")


def lees_bedrag(tekst: str) -> float | str | None:
    """Euros per month from a free-text answer. 'ongeveer 1200 euro', '1.250,50', '300 per week', 'geen'.
    A refusal ('gaat je niks aan') is a skip, never € 0; a hedge keeps its number ('weet niet precies, rond de
    1100'); what comes in as a toeslag is no part of the amount ('1100 en 300 toeslag')."""
    if is_weigering(tekst):
        return OVERGESLAGEN
    t = schoon(tekst).replace("€", " ").replace("eur ", " ")
    t = re.sub(r"\banderhalf (duizend|mille)\b", " 1500 ", t)
    t = re.sub(r"\banderhalve ton\b", " 150000 ", t)
    t = re.sub(r"\b\d+([.,]\d+)?\s*(euro )?(aan |van de |van |voor )?(toeslag|toeslagen|huurtoeslag|zorgtoeslag|kinderbijslag|"
               r"kindgebonden( budget)?|kgb)\b", " ", t)
    getallen = getallen_in_tekst(t)
    if not getallen and is_overslaan(tekst):
        return OVERGESLAGEN
    if not getallen:
        if _NUL.search(t) or re.search(r"\b(geen|niks|niets)\b", t):
            return 0.0
        return None
    if re.search(r"\btussen\b|\bof\b|\s-\s|\btot\b", t) and len(getallen) >= 2:
        bedrag = (getallen[0] + getallen[1]) / 2
    elif len(getallen) >= 2 and re.search(r"\ben\b|\bplus\b|\+|\bnog\b|\bbij\b", t):
        bedrag = sum(getallen)
    else:
        bedrag = getallen[0]
    for patroon, factor in _PERIODE:
        if re.search(patroon, t):
            bedrag *= factor
            break
    if bedrag < 0 or bedrag > 10_000_000:
        return None
    return round(bedrag, 2)


_BRUTO = re.compile(r"\bbruto\b")
NETTO_VRAAG = "Is dat bruto? Typ wat u netto per maand op uw rekening krijgt. Weet u dat niet? Typ 'weet niet'."
_ROOD = re.compile(r"\b(rood|min|schuld|schulden|tekort|achterstand|debet|in het rood|negatief)\b")


def lees_inkomen(tekst: str) -> float | str | tuple[str, str] | None:
    """Net income per month; a gross amount is asked back, never taken as net."""
    bedrag = lees_bedrag(tekst)
    if isinstance(bedrag, float) and _BRUTO.search(schoon(tekst)) and not re.search(r"\bnetto\b", schoon(tekst)):
        return ("vraag", NETTO_VRAAG)
    return bedrag


def lees_vermogen(tekst: str) -> float | str | None:
    """Savings minus debts: 'ik sta 500 rood' is -500, never 500 of savings."""
    bedrag = lees_bedrag(tekst)
    if isinstance(bedrag, float) and bedrag and _ROOD.search(schoon(tekst)) and not re.search(r"\b(spaar|gespaard)", schoon(tekst)):
        return -bedrag
    return bedrag


# ---- ages and counts --------------------------------------------------------------------------------------

def lees_leeftijd(tekst: str, minimaal: int = 0, maximaal: int = 120, dit_jaar: int | None = None) -> int | str | None:
    """'45', 'ik ben 45 jaar', 'vijfenveertig', 'bijna 50' (-> 49), 'ik ben 35 en heb 2 kinderen' (-> 35), and with
    `dit_jaar` 'geboren in 1960' (the age this year reaches)."""
    if is_overslaan(tekst):
        return OVERGESLAGEN
    t = schoon(tekst)
    geboren = re.search(r"\b(geboren|geb|geboortejaar|van)\D{0,12}((19|20)\d\d)\b", t)
    if geboren and dit_jaar:
        leeftijd = dit_jaar - int(geboren.group(2))
        return leeftijd if minimaal <= leeftijd <= maximaal else None
    getallen = [g for g in getallen_in_tekst(t) if g == int(g)]
    genoemd = re.search(r"\b(ik ben|ben|leeftijd is|leeftijd)\s+(\d{1,3})\b|\b(\d{1,3})\s*(jaar|jr)\b", t)
    if len(getallen) > 1 and genoemd:
        getallen = [int(genoemd.group(2) or genoemd.group(3))]
    if len(getallen) != 1:
        return None
    leeftijd = int(getallen[0])
    if re.search(r"\bbijna\b", t):
        leeftijd -= 1
    if not minimaal <= leeftijd <= maximaal:
        return None
    return leeftijd


def lees_aantal(tekst: str, maximaal: int = 20) -> int | str | None:
    """Number of children: '2', 'twee', 'geen', 'nee', '1 kind', 'een zoon en een dochter'."""
    if is_overslaan(tekst):
        return OVERGESLAGEN
    t = schoon(tekst)
    getallen = [g for g in getallen_in_tekst(t) if g == int(g)]
    if not getallen:
        if re.search(r"\b(geen|nee|niet|niks|0)\b", t):
            return 0
        kinderen = len(re.findall(r"\b(zoon|dochter|kind|kindje|baby|meisje|jongen)\b", t))
        return kinderen or None
    if len(getallen) > 1:
        kinderen = len(re.findall(r"\b(zoon|dochter|kind|kindje|baby|meisje|jongen|zoontje|dochtertje)\b", t))
        return kinderen if all(g == 1 for g in getallen) and kinderen == len(getallen) else None
    return int(getallen[0]) if 0 <= getallen[0] <= maximaal else None


def lees_in_nederland_sinds(tekst: str, leeftijd: int, dit_jaar: int) -> int | str | None:
    """Since what age someone lives in the Netherlands: 'altijd', 'hier geboren' (0), 'sinds mijn 30e', '30',
    'sinds 1990' (a year), 'ik woon hier 40 jaar' (years here). None when it cannot be told, or is impossible."""
    if is_overslaan(tekst) or is_weigering(tekst):
        return OVERGESLAGEN
    t = schoon(tekst)
    if re.search(r"\b(altijd|hele leven|heel mijn leven|mijn hele leven|geboren|sinds (mijn|m'n) geboorte|"
                 r"als (kind|baby)|van kinds af)\b", t):
        return 0
    getallen = [int(g) for g in getallen_in_tekst(t) if g == int(g)]
    if len(getallen) != 1 or re.search(r"\bjaren (\d0|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)\b", t):
        return None  # none, several, or a decade ('in de jaren zeventig'): ask again
    getal = getallen[0]
    if 1900 <= getal <= dit_jaar:            # a year: 'sinds 1990'
        sinds = leeftijd - (dit_jaar - getal)
    elif re.search(r"\b(jaar|jaren)\b", t) and re.search(r"\b(al|hier|woon|ben|nu)\b", t)             and not re.search(r"\b(sinds|vanaf|toen ik|mijn|m'n)\b", t):
        sinds = leeftijd - getal              # years here: 'ik woon hier 40 jaar'
    else:
        sinds = getal                         # an age: '30', 'sinds mijn 30e', 'toen ik 30 was'
    return sinds if 0 <= sinds <= leeftijd else None


def lees_vanaf_27(tekst: str, aantal: int) -> int | str | None:
    """How many of the `aantal` other adults are 27 or older: '1', 'geen', 'allebei', 'ja' (one adult), or their
    ages ('24 en 30'). None when the answer does not say (then the question is asked again)."""
    if is_overslaan(tekst) or is_weigering(tekst):
        return OVERGESLAGEN
    t = schoon(tekst)
    getallen = [int(g) for g in getallen_in_tekst(t) if g == int(g)]
    if getallen and len(getallen) == aantal and all(18 <= g <= 120 for g in getallen) and (aantal > 1 or getallen[0] > 1):
        return sum(1 for g in getallen if g >= 27)  # their ages
    if len(getallen) == 1 and 0 <= getallen[0] <= aantal:
        return getallen[0]
    if getallen:
        return None
    if re.search(r"\b(geen|niemand|jonger|nee|allemaal jonger)\b", t):
        return 0
    if re.search(r"\b(ja|allebei|beide|beiden|alle|allemaal|iedereen|ouder)\b", t):
        return aantal
    return None


def lees_leeftijden(tekst: str) -> list[int] | str | None:
    """Ages of the children: '3, 7 en 12', 'drie en vijf', 'baby van 6 maanden' (-> 0)."""
    if is_overslaan(tekst):
        return OVERGESLAGEN
    t = schoon(tekst.replace(",", " , "))
    t = re.sub(r"\b(\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf)\s*(maanden|maand|mnd|weken)\b",
               " 0 ", t)
    t = re.sub(r"\bbaby\b(?! van)", " 0 ", t)
    # "een zoon van 16": the article, not an age (only "een jaar" is one)
    t = re.sub(r"\been\b(?!\s*(jaar|jr)\b)", " ", t)
    getallen = []
    for stuk in re.split(r"\s*,\s*|\s+en\s+|\s+", t):
        for g in getallen_in_tekst(stuk):
            getallen.append(g)
    leeftijden = [int(g) for g in getallen if g == int(g) and 0 <= g <= 30]
    # "drie: 4, 8 en 11": first how many, then their ages
    aantal = re.match(r"\s*(\w+)\s*:", tekst or "")
    if aantal and len(leeftijden) > 1 and lees_aantal(aantal.group(1)) == len(leeftijden) - 1:
        leeftijden = leeftijden[1:]
    return leeftijden or None


# ---- words ------------------------------------------------------------------------------------------------

_WONING = [
    ("inwonend", r"\b(inwonend|woon in( bij|$)|woon bij|inwonen|bij (mijn |m'n |me |de )?(ouders|moeder|vader|ma|pa|familie|"
                 r"vrienden|vriend|vriendin|zus|broer|oma|opa|tante|oom)|logeer|bij iemand in)\b"),
    ("geen", r"\b(dakloos|geen (vaste )?(woning|woonplek|huis|adres|plek)|opvang|op straat|zwerf|"
             r"nachtopvang|daklozen|bank slapen|geen dak)\b"),
    ("koop", r"\b(koop|koophuis|koopwoning|eigen huis|eigen woning|hypotheek|eigenaar|gekocht|koophuis)\b"),
    ("huur", r"\b(huur|huurhuis|huurwoning|huren|ik huur|sociale huur|corporatie|woningcorporatie|"
             r"woningbouw|kamer|studio|verhuurder|huurder|vrije sector|antikraak|flat|appartement)\b"),
]


def lees_woning(tekst: str) -> str | None:
    if is_overslaan(tekst):
        return OVERGESLAGEN
    t = schoon(tekst)
    if t in {"anders", "iets anders", "overig"}:
        return None
    for waarde, patroon in _WONING:
        if re.search(patroon, t):
            return waarde
    return None


_BRON = [
    ("bijstand", r"\b(bijstand|bijstandsuitkering|participatiewet|soc(iale)? dienst|uitkering van de gemeente|"
                 r"gemeente uitkering|uitkering gemeente|bbz|ioaw|ioaz|bijstant|bijstnd)\b"),
    ("aow", r"\b(aow|ouderdomspensioen|aio)\b"),
    ("pensioen", r"\b(pensioen|pensioentje)\b"),
    ("zzp", r"\b(zzp|zzper|eigen bedrijf|zelfstandig|freelance|freelancer|ondernemer|eigen zaak)\b"),
    ("studie", r"\b(studie|studiefinanciering|stufi|duo|studeer|student|studiefinancering)\b"),
    ("uitkering", r"\b(uitkering|ww|wia|wao|wajong|ziektewet|uwv|anw|iva|wga|tw|toeslagenwet|werkloos)\b"),
    ("werk", r"\b(werk|baan|loon|salaris|werken|werkt|loondienst|uitzend|uitzendbureau|parttime|fulltime|"
             r"job|baantje|in dienst|vast contract|tijdelijk contract|oproep|nuluren|0 uren)\b"),
    ("geen", r"\b(geen inkomen|niks|niets|geen|helemaal niks|geen geld)\b"),
]


# "ik heb geen werk", "ik werk niet meer": what someone does not have is no source of income
_ZONDER_BRON = re.compile(r"\b(geen|niet meer|geen vaste?|nooit) (werk|baan|loon|salaris|uitkering|bijstand|inkomen|"
                          r"pensioen|aow)\b|\bwerk (nu |op dit moment |momenteel )?(niet|nog niet)( meer)?\b")


def lees_bron(tekst: str) -> str | None:
    if is_overslaan(tekst):
        return OVERGESLAGEN
    t = schoon(tekst)
    zonder = _ZONDER_BRON.sub(" ", t)
    for waarde, patroon in _BRON:
        if re.search(patroon, zonder):
            return waarde
    return "geen" if zonder != t else None


# What the household already receives (the budget counts it): each with the words people use for it
_ONTVANGT = [
    ("huurtoeslag", r"huur ?toeslag|huurtoeslach|huursubsidie|huur subsidie"),
    ("zorgtoeslag", r"zorg ?toeslag|zorgtoeslach|zorgsubsidie"),
    ("kindgebonden_budget", r"kind ?gebonden( budget)?|kgb|kindgebondenbudget"),
    ("kinderopvangtoeslag", r"(kinder)?opvang ?toeslag|kot"),
    ("kinderbijslag", r"kinder ?bijslag|kinderbijslach|kinderbeslag"),   # not "svb": the SVB also pays the AOW
    ("gemeente", r"stadspas|rotterdampas|kwijtschelding|jeugdtegoed|kindtegoed|collectieve zorgverzekering|"
                 r"regelingen? van de gemeente|gemeenteregeling(en)?|bijzondere bijstand"),
]
# how each value is named in the summary and the worker's packet
ONTVANGT_NAMEN = {"huurtoeslag": "huurtoeslag", "zorgtoeslag": "zorgtoeslag", "kindgebonden_budget": "kindgebonden budget",
                  "kinderopvangtoeslag": "kinderopvangtoeslag", "kinderbijslag": "kinderbijslag",
                  "gemeente": "regelingen van de gemeente"}
_NIETS = re.compile(r"(nee|niks|niets|geen|nop|nada|helemaal niks|helemaal niets|niets hiervan|geen van (deze|allen|"
                    r"alle)|nee niks|nee niets|nog niks|nog niets|ik krijg niks|ik krijg niets|niks hiervan)( hoor)?")
_GEEN_VOOR = r"\b(geen|niet|nog geen|nooit)\s+(de |het |een )?(\w+\s+)?"


def lees_ontvangt_al(tekst: str) -> list[str] | str | tuple[str, str] | None:
    """The schemes the household gets now, as ids ('huurtoeslag', ..., 'gemeente' for the municipality's), [] for
    none of them. 'toeslagen' alone does not say which: ("vraag", the question to ask back)."""
    if is_overslaan(tekst) or is_weigering(tekst):
        return OVERGESLAGEN
    t = re.sub(r"\b(huur|zorg)\s*-?\s*(en|&|of)\s*(huur|zorg) ?toeslag(en)?\b", r"\1toeslag en \3toeslag", schoon(tekst))
    if _NIETS.fullmatch(t):
        return []
    gevonden, ontkend = [], False
    for waarde, patroon in _ONTVANGT:
        for m in re.finditer(rf"\b({patroon})\b", t):
            # "geen huurtoeslag", "niet de zorgtoeslag": named, but not received
            if re.search(_GEEN_VOOR + r"$", t[:m.start()]):
                ontkend = True
            elif waarde not in gevonden:
                gevonden.append(waarde)
    if gevonden:
        return gevonden
    if ontkend and re.match(r"(nee|geen|niks|niets|nog geen)\b", t):
        return []
    if re.search(r"\b(toeslag|toeslagen|alles|allemaal|alle toeslagen|de toeslagen)\b", t):
        return ("vraag", "Welke krijgt u? Bijvoorbeeld: huurtoeslag en zorgtoeslag.")
    return None


_POSTCODE = re.compile(r"\b([1-9]\d{3})\s?([a-z]{2})\b")


def lees_gemeente(tekst: str, kennisbank: Any = None) -> dict | str | None:
    """{'naam': 'Amsterdam', 'bekend': True} from a name or a postcode; unknown municipalities are kept as typed."""
    if is_overslaan(tekst) or is_weigering(tekst):
        return OVERGESLAGEN
    t = schoon(tekst)
    gemeenten = dict(getattr(kennisbank, "gemeenten", {}) or {}) if kennisbank is not None else {}
    # a nickname, the area code or a district: "mokum", "010", "de pijp", "hoogvliet" (longest first)
    bijnamen = sorted(((n, g) for g in gemeenten.values() for n in g.ook_genoemd), key=lambda p: -len(p[0]))
    for naam, gemeente in bijnamen:
        if re.search(rf"(?<![\w']){re.escape(zonder_accenten(naam))}(?![\w'])", t):
            return {"naam": gemeente.naam, "bekend": True}
    vier = re.fullmatch(r"(postcode )?([1-9]\d{3})", t)   # only the four digits of a postcode
    if vier:
        gemeente = kennisbank.gemeente_bij_postcode(vier.group(2)) if kennisbank is not None else None
        if gemeente is not None:
            return {"naam": gemeente.naam, "bekend": True}
        return {"naam": None, "postcode": vier.group(2), "bekend": False}
    postcode = _POSTCODE.search(t)
    if postcode and kennisbank is not None:
        gemeente = kennisbank.gemeente_bij_postcode(f"{postcode.group(1)}{postcode.group(2).upper()}")
        if gemeente is not None:
            return {"naam": gemeente.naam, "bekend": True}
    if postcode:
        return {"naam": None, "postcode": f"{postcode.group(1)} {postcode.group(2).upper()}", "bekend": False}
    woorden = re.sub(r"\b(ik woon in|ik woon|woon in|in|gemeente|de|te|bij|wonen|woonachtig)\b", " ", t).strip()
    if not woorden:
        return None
    for sleutel, gemeente in gemeenten.items():
        if re.search(rf"\b{re.escape(zonder_accenten(sleutel.lower()))}\b", t):
            return {"naam": gemeente.naam, "bekend": True}
    bijna = difflib.get_close_matches(woorden, [zonder_accenten(k.lower()) for k in gemeenten], n=1, cutoff=0.75)
    if bijna:
        for sleutel, gemeente in gemeenten.items():
            if zonder_accenten(sleutel.lower()) == bijna[0]:
                return {"naam": gemeente.naam, "bekend": True}
    lijst = getattr(kennisbank, "gemeentelijst", None) or {}
    if lijst:   # every municipality of the country: a real one without local content gets the national schemes
        from wegwijs.kennis.laden import gemeentenaam_sleutel
        for kandidaat in (gemeentenaam_sleutel(t), gemeentenaam_sleutel(woorden)):
            if kandidaat in lijst:
                return {"naam": lijst[kandidaat], "bekend": False}
        # one name, two municipalities: "Bergen" is Bergen (L.) or Bergen (NH.)
        zelfde = sorted({naam for sleutel, naam in lijst.items() if sleutel.startswith(gemeentenaam_sleutel(woorden) + " (")})
        if len(zelfde) > 1:
            return ("vraag", f"Bedoelt u {' of '.join(zelfde)}? Typ de naam zoals hier, of uw postcode.")
        bijna = difflib.get_close_matches(gemeentenaam_sleutel(woorden), list(lijst), n=1, cutoff=0.8)
        if bijna:
            return ("vraag", f"Bedoelt u {lijst[bijna[0]]}? Typ dan de naam nog eens, of uw postcode.")
        return None   # any word is no municipality: asked again
    if re.fullmatch(r"[a-z' -]{2,40}", woorden) and len(woorden.split()) <= 4:
        return {"naam": " ".join(w.capitalize() for w in woorden.split()), "bekend": False}
    return None


# ---- corrections ------------------------------------------------------------------------------------------

_AANTAL_WOORD = r"(\d+|een|geen|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)"


def lees_correctie(tekst: str, kennisbank: Any = None) -> dict[str, Any]:
    """What the person corrects in a sentence such as 'nee, ik heb 3 kinderen' or 'mijn huur is 750'.

    Returns slot name -> new value (only the answers it recognises; empty when none).
    """
    t = schoon(tekst)
    nieuw: dict[str, Any] = {}
    m = re.search(rf"\b{_AANTAL_WOORD}\s+(kinderen|kids|kind|kinders|kindjes|kindje|kinderen thuis)\b", t)
    if m:
        aantal = lees_aantal(m.group(1))
        if isinstance(aantal, int):
            nieuw["aantal_kinderen"] = aantal
    elif re.search(r"\bgeen (kinderen|kids|kind)\b", t):
        nieuw["aantal_kinderen"] = 0
    m = re.search(r"\b(ik ben|ben|mijn leeftijd is|leeftijd)\s+(\w+)(\s+jaar)?\b", t)
    if m and "partner" not in t:
        leeftijd = lees_leeftijd(m.group(2), 15, 120)
        if isinstance(leeftijd, int):
            nieuw["leeftijd"] = leeftijd
    if "leeftijd" not in nieuw and re.search(r"\bik\b", t) and not re.search(
            r"\b(partner|man|vrouw|vriend|vriendin|kind|kinderen|kids|zoon|dochter)\b\s+(is|van|wordt)", t):
        m = re.search(r"\b(\d{2})\s*(jaar|jr)\b", t)
        if m and 15 <= int(m.group(1)) <= 120:
            nieuw["leeftijd"] = int(m.group(1))
    m = re.search(r"\b(partner|man|vrouw|vriend|vriendin)\s+(is|wordt)\s+(\w+)(\s+jaar)?\b", t)
    if m:
        leeftijd = lees_leeftijd(m.group(3), 15, 120)
        if isinstance(leeftijd, int):
            nieuw["leeftijd_partner"] = leeftijd
            nieuw["partner"] = True
    if re.search(r"\b(geen partner|alleenstaand|ik ben alleen|vrijgezel|gescheiden|single|woon alleen|"
                 r"weduwe|weduwnaar)\b", t):
        nieuw["partner"] = False
    elif re.search(r"\b(wel een partner|heb een partner|getrouwd|samenwonend|woon samen|met mijn partner)\b", t):
        nieuw["partner"] = True
    for slot, patroon in (
        ("huur", r"\b(huur|huurprijs|kale huur)\b"),
        ("inkomen", r"\b(inkomen|salaris|loon|uitkering|verdien|netto)\b"),
        ("vermogen", r"\b(spaargeld|gespaard|op de bank|spaarrekening|vermogen)\b"),
    ):
        m = re.search(patroon, t)
        if m:
            stuk = re.split(r"\s(?:en|maar|ook)\s", t[m.start():])[0]
            bedrag = lees_bedrag(stuk)
            if isinstance(bedrag, float) and getallen_in_tekst(stuk):
                nieuw[slot] = bedrag
    m = re.search(r"\b(ik woon in|woon in|gemeente is|ik woon te)\s+(.+)$", t)
    if m:
        gemeente = lees_gemeente(m.group(2), kennisbank)
        if isinstance(gemeente, dict):
            nieuw["gemeente"] = gemeente
    if re.search(r"\b(ik huur|huurhuis|huurwoning)\b", t) and "huur" not in nieuw:
        nieuw["woning"] = "huur"
    elif re.search(r"\b(koophuis|koopwoning|eigen huis)\b", t):
        nieuw["woning"] = "koop"
    return nieuw
