"""The answers of the check's questions (as the conversation keeps them) -> a household document for the toets.

The answers are a plain dict, slot name -> value; a skipped question has the value OVERGESLAGEN.
"""
from __future__ import annotations

import re
from typing import Any

from wegwijs.gesprek.invoer import OVERGESLAGEN

# The questions of the check, in the order they are asked.
VRAGEN = ["leeftijd", "in_nederland_sinds", "partner", "leeftijd_partner", "kinderen", "kinderopvang", "andere_volwassenen",
          "volwassenen_vanaf_27", "woning", "huur", "servicekosten", "inkomen_bron", "inkomen", "ontvangt_al", "vermogen",
          "gemeente"]

OPVANG_TOT_LEEFTIJD = 12  # childcare question only when a child is this age or younger (primary school age)


def bekend(waarde: Any) -> bool:
    return waarde is not None and waarde != OVERGESLAGEN


def nodige_vragen(antwoorden: dict[str, Any], aow_leeftijd: float | None = None) -> list[str]:
    """The questions that apply, given the answers so far (no rent question for a home owner, ...). The years
    someone lived abroad matter from the AOW age on (`aow_leeftijd`, from the knowledge base): the AIO fills
    the gap in the AOW."""
    vragen = []
    for vraag in VRAGEN:
        if vraag == "in_nederland_sinds" and not _aow_leeftijd_bereikt(antwoorden, aow_leeftijd):
            continue
        if vraag == "leeftijd_partner" and antwoorden.get("partner") is not True:
            continue
        if vraag == "kinderopvang":
            kinderen = antwoorden.get("kinderen")
            if not isinstance(kinderen, list) or not any(k <= OPVANG_TOT_LEEFTIJD for k in kinderen):
                continue
        if vraag == "huur" and antwoorden.get("woning") != "huur":
            continue
        if vraag == "servicekosten" and not (antwoorden.get("woning") == "huur" and _getal(antwoorden.get("huur"))):
            continue
        if vraag == "volwassenen_vanaf_27" and not _anderen(antwoorden):
            continue
        vragen.append(vraag)
    return vragen


def _aow_leeftijd_bereikt(antwoorden: dict[str, Any], aow_leeftijd: float | None) -> bool:
    leeftijd = antwoorden.get("leeftijd")
    return aow_leeftijd is not None and _getal(leeftijd) and leeftijd >= aow_leeftijd


def _getal(waarde: Any) -> bool:
    """A number the form has read (while it reads, a slot holds the raw text)."""
    return isinstance(waarde, (int, float)) and not isinstance(waarde, bool)


def _anderen(antwoorden: dict[str, Any]) -> int:
    aantal = antwoorden.get("andere_volwassenen")
    return int(aantal) if _getal(aantal) else 0


def maak_huishouden(antwoorden: dict[str, Any], peildatum: str | None = None) -> dict:
    """A document as in huishouden.schema.json (plus 'onbekend' for skipped parts of the household)."""
    a = antwoorden
    onbekend: list[str] = []
    aanvrager: dict[str, Any] = {"leeftijd": int(a["leeftijd"])}
    bron = a.get("inkomen_bron")
    if bekend(bron):
        aanvrager["werkt"] = bron in ("werk", "zzp")
        aanvrager["studeert"] = bron == "studie"
    sinds = a.get("in_nederland_sinds")
    if bekend(sinds):
        aanvrager["in_nederland_sinds_leeftijd"] = int(sinds)
    elif sinds == OVERGESLAGEN:
        onbekend.append("in_nederland_sinds_leeftijd")  # not known is not 'always lived here'
    doc: dict[str, Any] = {"aanvrager": aanvrager}
    if peildatum:
        doc["peildatum"] = peildatum
    gemeente = a.get("gemeente")
    if isinstance(gemeente, dict):
        if gemeente.get("naam"):
            doc["gemeente"] = gemeente["naam"]
        elif re.fullmatch(r"[1-9]\d{3} ?[A-Za-z]{2}", gemeente.get("postcode") or ""):
            doc["postcode"] = gemeente["postcode"]   # four digits alone name no municipality outside ours
    partner = a.get("partner")
    if partner is True:
        if bekend(a.get("leeftijd_partner")):
            doc["partner"] = {"leeftijd": int(a["leeftijd_partner"])}
        else:
            onbekend.append("partner")
    elif partner is False:
        doc["partner"] = None
    else:
        onbekend.append("partner")
    kinderen = a.get("kinderen")
    if isinstance(kinderen, list):
        doc["kinderen"] = [{"leeftijd": int(k)} for k in kinderen]
    else:
        onbekend.append("kinderen")
    if bekend(a.get("kinderopvang")) and isinstance(kinderen, list) and kinderen:
        doc["kinderopvang"] = bool(a["kinderopvang"])
    volwassenen = a.get("andere_volwassenen")
    if bekend(volwassenen):
        doc["andere_volwassenen_in_huis"] = int(volwassenen)
    else:
        onbekend.append("andere_volwassenen_in_huis")
    if _anderen(a):   # only those of 27 or older count for the kostendelersnorm
        if bekend(a.get("volwassenen_vanaf_27")):
            doc["andere_volwassenen_vanaf_27"] = min(int(a["volwassenen_vanaf_27"]), _anderen(a))
        else:
            onbekend.append("andere_volwassenen_vanaf_27")
    woning = a.get("woning")
    if bekend(woning):
        doc["woning"] = {"soort": woning}
        if woning == "huur" and bekend(a.get("huur")):
            doc["woning"]["huur_per_maand"] = float(a["huur"])
            servicekosten = a.get("servicekosten")
            if bekend(servicekosten) and 0 <= float(servicekosten) <= float(a["huur"]):
                doc["kale_huur_per_maand"] = round(float(a["huur"]) - float(servicekosten), 2)
    inkomen: dict[str, Any] = {}
    if bekend(a.get("inkomen")):
        inkomen["netto_per_maand"] = float(a["inkomen"])
    if bekend(bron):
        inkomen["bron"] = bron
    if inkomen:
        doc["inkomen"] = inkomen
    if isinstance(a.get("ontvangt_al"), list):
        doc["ontvangt_al"] = list(a["ontvangt_al"])
    if bekend(a.get("vermogen")):
        doc["vermogen"] = float(a["vermogen"])
    if a.get("schulden") is True:
        doc["schulden"] = True
    if onbekend:
        doc["onbekend"] = onbekend
    return doc
