"""The assistant's messages that depend on data: the summary to confirm, the results, scheme information,
contact with a person, debts. Plain Dutch, B1, formal 'u'. Scheme facts are read from the knowledge base.

A message is a dict {"text": str, "buttons": [{"title": str, "payload": str}]}; at most 3 buttons
(WhatsApp), titles of at most 20 characters.
"""
from __future__ import annotations

import json
import re
from typing import Any

from wegwijs.gesprek.antwoorden import bekend
from wegwijs.gesprek.invoer import ONTVANGT_NAMEN, OVERGESLAGEN, schoon
from wegwijs.taal import euro

UITKOMST = {"waarschijnlijk_wel": "Waarschijnlijk wel", "misschien": "Misschien",
            "waarschijnlijk_niet": "Waarschijnlijk niet"}
MAX_KNOPPEN = 3


def bericht(text: str, buttons: list[dict] | None = None) -> dict:
    return {"text": text, "buttons": list(buttons or [])[:MAX_KNOPPEN]}


def korte_titel(titel: str, maximaal: int = 20) -> str:
    """A button title of at most 20 characters: 'Jeugdtegoed (kinderen van 4 ...)' -> 'Jeugdtegoed'."""
    titel = re.sub(r"\s*\(.*?\)\s*", " ", titel).strip() or titel
    if len(titel) <= maximaal:
        return titel
    woorden, uit = titel.split(), ""
    for woord in woorden:
        if len(uit) + len(woord) + (1 if uit else 0) > maximaal - 1:
            break
        uit = f"{uit} {woord}".strip()
    return (uit or titel[:maximaal - 1]) + "…"


def knop(titel: str, intent: str, **entiteiten: Any) -> dict:
    payload = f"/{intent}" + (json.dumps(entiteiten, ensure_ascii=False) if entiteiten else "")
    return {"title": korte_titel(titel), "payload": payload}


# ---- summary ----------------------------------------------------------------------------------------------

def _onbekend(waarde: Any) -> bool:
    return waarde is None or waarde == OVERGESLAGEN


def samenvatting(a: dict[str, Any]) -> str:
    """The answers in short lines, to confirm before the check."""
    regels = []
    regels.append(f"• Leeftijd: {a['leeftijd']} jaar" if bekend(a.get("leeftijd")) else "• Leeftijd: weet ik niet")
    sinds = a.get("in_nederland_sinds")
    if sinds is not None:
        regels.append("• In Nederland: " + ("altijd gewoond" if sinds == 0 else f"sinds u {sinds} was" if bekend(sinds)
                                           else "sinds wanneer weet ik niet"))
    if a.get("partner") is True:
        lp = a.get("leeftijd_partner")
        regels.append(f"• Partner: ja, {lp} jaar" if bekend(lp) else "• Partner: ja (leeftijd weet ik niet)")
    elif a.get("partner") is False:
        regels.append("• Partner: nee")
    else:
        regels.append("• Partner: weet ik niet")
    kinderen = a.get("kinderen")
    if isinstance(kinderen, list) and kinderen:
        leeftijden = ", ".join(str(k) for k in sorted(kinderen))
        regels.append(f"• Kinderen thuis: {len(kinderen)} (leeftijd {leeftijden})")
    elif isinstance(kinderen, list):
        regels.append("• Kinderen thuis: geen")
    else:
        regels.append("• Kinderen thuis: weet ik niet")
    if "kinderopvang" in a and isinstance(kinderen, list) and kinderen and a.get("kinderopvang") is not None:
        opvang = a["kinderopvang"]
        regels.append("• Kinderopvang: " + ("ja" if opvang is True else "nee" if opvang is False else "weet ik niet"))
    volw = a.get("andere_volwassenen")
    regels.append(f"• Andere volwassenen in huis: {volw if volw else 'geen'}" if bekend(volw)
                  else "• Andere volwassenen in huis: weet ik niet")
    if bekend(volw) and volw:
        oud = a.get("volwassenen_vanaf_27")
        regels.append(f"• Van hen 27 jaar of ouder: {oud if oud else 'geen'}" if bekend(oud)
                      else "• Van hen 27 jaar of ouder: weet ik niet")
    woning = {"huur": "huurwoning", "koop": "koopwoning", "inwonend": "inwonend", "geen": "geen vaste woning"}
    w = a.get("woning")
    regels.append(f"• Wonen: {woning.get(w, w)}" if bekend(w) else "• Wonen: weet ik niet")
    if w == "huur":
        regels.append(f"• Huur: {euro(a['huur'])} per maand" if bekend(a.get("huur")) else "• Huur: weet ik niet")
        if bekend(a.get("huur")) and a.get("servicekosten") is not None:
            sk = a["servicekosten"]
            regels.append(f"• Servicekosten: {euro(sk)} per maand" if bekend(sk) and sk else
                          "• Servicekosten: geen" if bekend(sk) else "• Servicekosten: weet ik niet")
    bronnen = {"werk": "werk", "bijstand": "bijstand", "uitkering": "uitkering", "aow": "AOW",
               "pensioen": "pensioen", "studie": "studie", "zzp": "eigen bedrijf (zzp)", "geen": "geen inkomen"}
    bron = a.get("inkomen_bron")
    regels.append(f"• Inkomen uit: {bronnen.get(bron, bron)}" if bekend(bron) else "• Inkomen uit: weet ik niet")
    regels.append(f"• Netto inkomen: {euro(a['inkomen'])} per maand" if bekend(a.get("inkomen"))
                  else "• Netto inkomen: weet ik niet")
    al = a.get("ontvangt_al")
    if al is not None:
        regels.append(f"• Krijgt nu al: {', '.join(ONTVANGT_NAMEN[i] for i in al) or 'niets hiervan'}" if bekend(al)
                      else "• Krijgt nu al: weet ik niet")
    vermogen = a.get("vermogen")
    if bekend(vermogen) and vermogen < 0:
        regels.append(f"• Spaargeld: geen, u staat {euro(-vermogen)} rood")
    else:
        regels.append(f"• Spaargeld: {euro(vermogen)}" if bekend(vermogen) else "• Spaargeld: weet ik niet")
    g = a.get("gemeente")
    if isinstance(g, dict):
        regels.append(f"• Gemeente: {g.get('naam') or g.get('postcode')}")
    else:
        regels.append("• Gemeente: weet ik niet")
    return "Dit heb ik van u begrepen:\n" + "\n".join(regels)


# ---- results ----------------------------------------------------------------------------------------------

def _eerste_zin(tekst: str | None) -> str:
    if not tekst:
        return ""
    tekst = " ".join(str(tekst).split())
    m = re.match(r"(.+?[.!?])(\s|$)", tekst)
    return m.group(1) if m else tekst


def resultaat(uitslag: dict, kennisbank: Any = None, max_per_groep: int = 6) -> list[dict]:
    """The result of the toets as a few short messages: most likely first, with reasons and next steps."""
    groepen: dict[str, list[dict]] = {"waarschijnlijk_wel": [], "misschien": [], "waarschijnlijk_niet": []}
    for r in uitslag.get("regelingen", []):
        groepen.setdefault(r["uitkomst"], []).append(r)
    berichten = [bericht("Dit is de uitkomst. Het is een inschatting: de instantie die de regeling uitvoert, "
                         "beslist echt.")]
    wel = groepen["waarschijnlijk_wel"]
    if wel:
        regels = ["✅ Waarschijnlijk wel:"]
        for r in wel[:max_per_groep]:
            regels.append(_regel(r, kennisbank, uitslag.get("gemeente"), met_terugbetalen=True))
        berichten.append(bericht("\n".join(regels)))
    misschien = groepen["misschien"]
    if misschien:
        regels = ["❔ Misschien (dit hangt af van dingen die ik niet weet, of de gemeente beslist per persoon):"]
        for r in misschien[:max_per_groep]:
            regels.append(_regel(r, kennisbank, uitslag.get("gemeente")))
        berichten.append(bericht("\n".join(regels)))
    niet = groepen["waarschijnlijk_niet"]
    if niet:
        regels = ["Waarschijnlijk niet:"]
        for r in niet[:max_per_groep]:
            reden = _eerste_zin(r["redenen"][0]) if r.get("redenen") else ""
            regels.append(f"• {r['naam']}: {reden}".rstrip(": "))
        regels.append("Denkt u dat dit niet klopt? Een medewerker kan het met u nakijken. Typ dan 'medewerker'.")
        berichten.append(bericht("\n".join(regels)))
    budget = uitslag.get("budget") or {}
    # the bottom line, then the share of the bijstandsnorm that municipalities use; the rest is in the packet
    zinnen = [z for z in (budget.get("samenvatting") or [])[:2] if z]
    if zinnen:
        berichten.append(bericht("Rondkomen: " + " ".join(zinnen)))
    for opmerking in uitslag.get("opmerkingen") or []:
        berichten.append(bericht(opmerking))
    keuze = (wel + misschien)[:MAX_KNOPPEN] or niet[:MAX_KNOPPEN]
    berichten.append(bericht(
        "Wilt u meer weten over een regeling? Kies hieronder, of typ de naam. "
        "Per regeling vertel ik wat het is, hoe u het aanvraagt en wat u moet klaarleggen.",
        [knop(r["naam"], "ask_scheme_info", regeling=r["id"]) for r in keuze]))
    return berichten


def _regel(r: dict, kennisbank: Any, gemeente: str | None, met_terugbetalen: bool = False) -> str:
    tekst = f"• {r['naam']}"
    if r.get("bedrag_per_maand"):
        tekst += f": ongeveer {euro(round(r['bedrag_per_maand']))} per maand"
    reden = _eerste_zin(r["redenen"][0]) if r.get("redenen") else ""
    if reden:
        tekst += f". {reden}" if r.get("bedrag_per_maand") else f": {reden}"
    if met_terugbetalen and r.get("bedrag_per_maand") and kennisbank is not None:
        regeling = kennisbank.regeling(r["id"], gemeente)
        zin = _eerste_terugbetaalzin(getattr(regeling, "terugbetalen", None))
        if zin:
            tekst += f"\n  Let op: {zin}"
    return tekst


def _eerste_terugbetaalzin(tekst: str | None) -> str:
    """The sentence of the repayment text that says when you pay back (the first one naming 'terug'),
    with the sentence before it when it leans on that one ('Daarom ...')."""
    if not tekst:
        return ""
    zinnen = re.split(r"(?<=[.!?])\s+", " ".join(str(tekst).split()))
    for i, zin in enumerate(zinnen):
        if "terug" in zin.lower():
            if i > 0 and re.match(r"(Daarom|Dus|Dan|Want|Maar|Ook|Dat|Dit)\b", zin):
                return f"{zinnen[i - 1]} {zin}"
            return zin
    return zinnen[0]


# ---- scheme information -----------------------------------------------------------------------------------

ONDERWERPEN = {
    "aanvragen": r"aanvra|aan te vragen|aan vragen|vraag ik|hoe krijg|waar kan ik|aanmelden|regelen|indienen|hoe aan",
    "klaarleggen": r"klaar ?leggen|papieren|documenten|welke gegevens|meenemen|bewijs|nodig|paperassen",
    "terugbetalen": r"terug ?betal|terugvorder|terug moet|terug geven|terugeisen|moet ik .*terug",
    "bezwaar": r"bezwaar|afgewezen|oneens|niet eens|afwijzing",
    "wijzigingen": r"wijziging|doorgeven|verhuis|verander",
    "meer": r"meer uitleg|meer info|voor wie|wie kan|wie krijgt|hoeveel|hoe hoog|bedrag|wanneer krijg|kom ik in aanmerking",
}


def herken_onderwerp(tekst: str | None) -> str:
    t = schoon(tekst or "")
    for onderwerp, patroon in ONDERWERPEN.items():
        if re.search(patroon, t):
            return onderwerp
    return "uitleg"


def _lijst(items: Any) -> str:
    return "\n".join(f"• {' '.join(str(i).split())}" for i in items or [])


def _schoon_blok(tekst: Any) -> str:
    return " ".join(str(tekst or "").split())


def regeling_info(regeling: Any, onderwerp: str = "uitleg", uitkomst: dict | None = None) -> list[dict]:
    """Messages about one scheme, from the knowledge base; `uitkomst` is this scheme's toets result, if any."""
    naam = regeling.naam
    if onderwerp == "aanvragen":
        a = regeling.aanvragen or {}
        tekst = f"{naam} aanvragen: {_schoon_blok(a.get('hoe'))}"
        if a.get("link"):
            tekst += f"\nMeer informatie: {a['link']}"
        if a.get("telefoon"):
            tekst += f"\nBellen kan ook: {a['telefoon']}."
    elif onderwerp == "klaarleggen":
        tekst = (f"Dit legt u klaar voor {naam}:\n{_lijst(regeling.klaarleggen)}" if regeling.klaarleggen
                 else f"Voor {naam} hoeft u vooraf niets bijzonders klaar te leggen.")
    elif onderwerp == "terugbetalen":
        tekst = f"{naam} en terugbetalen: {_schoon_blok(regeling.terugbetalen)}"
    elif onderwerp == "bezwaar":
        tekst = (f"Niet eens met het besluit over {naam}? {_schoon_blok(regeling.bezwaar)}" if regeling.bezwaar
                 else f"Bent u het niet eens met een besluit over {naam}? Een medewerker kan u helpen. "
                      f"Typ dan 'medewerker'.")
    elif onderwerp == "wijzigingen":
        tekst = (f"Bij {naam} geeft u deze veranderingen door:\n{_lijst(regeling.wijzigingen_doorgeven)}"
                 if regeling.wijzigingen_doorgeven else f"Vraag bij {naam} na welke veranderingen u moet doorgeven.")
    elif onderwerp == "meer":
        tekst = f"Voor wie is {naam}? {_schoon_blok(regeling.voor_wie)}"
        if getattr(regeling, "bedrag_toelichting", None):
            tekst += f"\n{_schoon_blok(regeling.bedrag_toelichting)}"
        if regeling.terugbetalen:
            tekst += f"\nTerugbetalen: {_eerste_terugbetaalzin(regeling.terugbetalen)}"
    else:
        tekst = f"{naam}: {_schoon_blok(regeling.uitleg)}"
    berichten = [bericht(tekst)]
    if uitkomst and onderwerp in ("uitleg", "meer"):
        reden = _eerste_zin(uitkomst["redenen"][0]) if uitkomst.get("redenen") else ""
        zin = f"Uit uw check: {UITKOMST[uitkomst['uitkomst']].lower()}. {reden}".strip()
        if uitkomst["uitkomst"] == "waarschijnlijk_niet":
            zin += " Twijfelt u? Een medewerker kan het met u nakijken."
        berichten.append(bericht(zin))
    opties = [("uitleg", "Wat is het?"), ("meer", "Meer uitleg"), ("aanvragen", "Hoe aanvragen"),
              ("klaarleggen", "Wat klaarleggen?")]
    knoppen = [knop(titel, "ask_scheme_info", regeling=regeling.id, onderwerp=o) for o, titel in opties
               if o != onderwerp][:MAX_KNOPPEN]
    berichten.append(bericht("Wat wilt u nog meer weten?", knoppen))
    return berichten


def onbekende_regeling(namen: list[str]) -> dict:
    lijst = ", ".join(namen[:10])
    return bericht("Welke regeling bedoelt u? Ik weet iets over: " + lijst + ". Typ de naam, of vraag mij "
                   "welke regelingen bij u passen.")


# ---- a person ---------------------------------------------------------------------------------------------

def contact_regel(gemeente: Any) -> str:
    contact = getattr(gemeente, "contact", None) or {}
    tekst = f"Gemeente {gemeente.naam}: bel {contact.get('telefoon')}" if contact.get("telefoon") else \
        f"Gemeente {gemeente.naam}"
    if contact.get("openingstijden"):
        tekst += f" ({_schoon_blok(contact['openingstijden']).rstrip('.')})"
    return tekst + "."


def persoon(gemeente: Any = None, alle_gemeenten: list[Any] | None = None, eerste_vraag: str | None = None) -> list[dict]:
    """What is possible now to talk to a person: honest, with the municipality's phone number."""
    berichten = [bericht("Ik ben een digitale assistent. Ik kan u nu nog niet zelf doorverbinden met een "
                         "medewerker. Maar u kunt wel iemand spreken.")]
    if gemeente is not None:
        berichten.append(bericht(contact_regel(gemeente) + " Vraag naar het buurtteam of naar hulp bij geldzaken. "
                                 "Dat is gratis."))
    else:
        regels = [contact_regel(g) for g in (alle_gemeenten or [])[:3]]
        tekst = "Bel uw gemeente. Vraag naar het buurtteam of naar hulp bij geldzaken. Dat is gratis."
        if regels:
            tekst += "\n" + "\n".join(f"• {r}" for r in regels)
            tekst += "\nWoont u ergens anders? Het nummer staat op de website van uw gemeente."
        berichten.append(bericht(tekst))
    if eerste_vraag:
        berichten.append(bericht(f"Uw vraag aan mij was: \"{eerste_vraag}\". Die kunt u aan de medewerker "
                                 f"voorleggen."))
    return berichten


# ---- debts ------------------------------------------------------------------------------------------------

URGENT = r"deurwaarder|afsluit|afgesloten|afsluiting|uitzetting|uit huis gezet|ontruiming|ontruimd|beslag|" \
         r"gas eraf|stroom eraf|water eraf|huis uit|dakloos|vonnis|dwangbevel|incasso"


def schuld_is_urgent(tekst: str | None) -> bool:
    return bool(re.search(URGENT, schoon(tekst or "")))


def schuldhulp_uitleg(regeling: Any = None) -> str:
    """What schuldhulpverlening is: the municipal scheme's own text when the knowledge base has it."""
    if regeling is not None:
        return _schoon_blok(regeling.uitleg)
    return ("Iedere gemeente helpt mensen met schulden. Dat heet schuldhulpverlening en het is gratis. "
            "Samen met u maakt iemand een overzicht van uw schulden en zoekt naar een oplossing.")
