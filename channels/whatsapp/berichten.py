"""From the assistant's messages to WhatsApp Cloud API messages, and the channel's own texts (pure functions).

Choices become reply buttons when WhatsApp allows them (at most 3, titles at most 20 characters), otherwise a list
(at most 10 rows, titles at most 24 characters), otherwise numbered plain text: the person then types the number,
and `kies_uit_nummer` turns it back into the choice."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

KNOPPEN_MAX = 3
KNOP_TITEL_MAX = 20
KNOP_ID_MAX = 256
LIJST_RIJEN_MAX = 10
RIJ_TITEL_MAX = 24
RIJ_ID_MAX = 200
INTERACTIEF_TEKST_MAX = 1024
TEKST_MAX = 4096

LIJST_KNOP = "Bekijk de keuzes"
KEUZE_ZONDER_TEKST = "Maak een keuze."
NUMMER_UITLEG = "Typ het nummer van uw keuze."

# The parts of an assistant message this channel sends; the rest (Rasa's bookkeeping) is left out.
INHOUD = ("text", "buttons", "quick_replies", "image", "custom")

NIET_TEKST = {
    "text": "Dank u voor uw bericht. Ik ben een digitale assistent en ik kan alleen getypte tekst lezen. Foto's, "
            "spraakberichten, bestanden en locaties kan ik niet openen. Wilt u uw vraag in een paar woorden typen? "
            "Liever met een mens praten? Kies dan 'Een medewerker' of typ: medewerker.",
    "buttons": [{"title": "Een medewerker", "payload": "medewerker"}],
}
EXCUSES = {"text": "Sorry, er ging bij mij iets mis. Dat ligt niet aan u. Wilt u uw bericht nog een keer sturen?"}
TE_LAAT = {"text": "Door een storing kwam uw bericht pas veel later bij mij aan. Het spijt me dat u moest wachten. "
                   "Wilt u uw vraag nog een keer sturen?"}


@dataclass(frozen=True)
class Verzending:
    """The Graph API messages (without recipient) for one assistant message, in order, and the payloads a typed
    number stands for when the choices had to be sent as numbered text."""

    berichten: list[dict[str, Any]]
    keuzes: list[str] = field(default_factory=list)


def alleen_inhoud(bericht: Mapping[str, Any]) -> dict[str, Any]:
    return {sleutel: bericht[sleutel] for sleutel in INHOUD if bericht.get(sleutel)}


def naar_graph(bericht: Mapping[str, Any]) -> Verzending:
    tekst = (bericht.get("text") or "").strip()
    opties = [_optie(knop) for knop in (bericht.get("buttons") or bericht.get("quick_replies") or [])]
    if opties:
        verzending = _met_keuzes(tekst, opties)
    else:
        verzending = Verzending([tekstbericht(deel) for deel in _delen(tekst)])
    extra = []
    if bericht.get("image"):
        extra.append({"type": "image", "image": {"link": bericht["image"]}})
    eigen = bericht["custom"].get("whatsapp") if isinstance(bericht.get("custom"), Mapping) else None
    if isinstance(eigen, Mapping) and eigen.get("type"):
        extra.append(dict(eigen))  # a Graph API message the assistant wrote for this channel; other custom data is not ours
    return Verzending(verzending.berichten + extra, verzending.keuzes)


def tekstbericht(tekst: str) -> dict[str, Any]:
    return {"type": "text", "text": {"body": tekst, "preview_url": False}}


def sjabloonbericht(naam: str, taal: str) -> dict[str, Any]:
    return {"type": "template", "template": {"name": naam, "language": {"code": taal}}}


def kies_uit_nummer(tekst: str, keuzes: list[str]) -> str:
    """"2" (or "2.") after numbered choices means the second choice; anything else stays what it was."""
    gevonden = re.fullmatch(r"\s*(\d{1,2})\.?\s*", tekst)
    if gevonden and 1 <= int(gevonden.group(1)) <= len(keuzes):
        return keuzes[int(gevonden.group(1)) - 1]
    return tekst


def _optie(knop: Mapping[str, Any]) -> tuple[str, str]:
    titel = str(knop.get("title") or knop.get("payload") or "").strip()
    return str(knop.get("payload") or titel), titel


def _met_keuzes(tekst: str, opties: list[tuple[str, str]]) -> Verzending:
    voorafgaand = []
    if len(tekst) > INTERACTIEF_TEKST_MAX:  # too long for an interactive message: send it first, on its own
        voorafgaand, tekst = [tekstbericht(deel) for deel in _delen(tekst)], ""
    tekst = tekst or KEUZE_ZONDER_TEKST
    if _past(opties, KNOPPEN_MAX, KNOP_TITEL_MAX, KNOP_ID_MAX):
        knoppen = [{"type": "reply", "reply": {"id": payload, "title": titel}} for payload, titel in opties]
        interactief = {"type": "button", "body": {"text": tekst}, "action": {"buttons": knoppen}}
        return Verzending(voorafgaand + [{"type": "interactive", "interactive": interactief}])
    if _past(opties, LIJST_RIJEN_MAX, RIJ_TITEL_MAX, RIJ_ID_MAX):
        rijen = [{"id": payload, "title": titel} for payload, titel in opties]
        interactief = {"type": "list", "body": {"text": tekst},
                       "action": {"button": LIJST_KNOP, "sections": [{"rows": rijen}]}}
        return Verzending(voorafgaand + [{"type": "interactive", "interactive": interactief}])
    genummerd = "\n".join(f"{nummer}. {titel}" for nummer, (_, titel) in enumerate(opties, start=1))
    volledig = f"{tekst}\n\n{genummerd}\n\n{NUMMER_UITLEG}"
    return Verzending(voorafgaand + [tekstbericht(deel) for deel in _delen(volledig)],
                      [payload for payload, _ in opties])


def _past(opties: list[tuple[str, str]], aantal: int, titel_max: int, id_max: int) -> bool:
    payloads = [payload for payload, _ in opties]
    return (len(opties) <= aantal and len(set(payloads)) == len(payloads)
            and all(0 < len(titel) <= titel_max and 0 < len(payload) <= id_max for payload, titel in opties))


def _delen(tekst: str) -> list[str]:
    """Text longer than WhatsApp allows in one message, split at paragraphs (or hard, for one huge paragraph)."""
    if not tekst:
        return []
    delen, huidig = [], ""
    for alinea in tekst.split("\n\n"):
        kandidaat = f"{huidig}\n\n{alinea}" if huidig else alinea
        if len(kandidaat) <= TEKST_MAX:
            huidig = kandidaat
            continue
        if huidig:
            delen.append(huidig)
        while len(alinea) > TEKST_MAX:
            delen.append(alinea[:TEKST_MAX])
            alinea = alinea[TEKST_MAX:]
        huidig = alinea
    return delen + [huidig] if huidig else delen
