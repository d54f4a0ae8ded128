"""How the inbox shows times, waiting, urgency, confirmations and a worker's reply: pure formatting, no rules."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from wegwijs import taal
from wegwijs.opslag import Overdracht

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

URGENTIE_LABELS = {3: "Crisis", 2: "Dringend: wonen of energie", 1: "Deurwaarder"}


def tijdstip(moment: dt.datetime | str) -> str:
    """'23 november 2026, 14:02' in Dutch time (also for an ISO 8601 string, as in the packet's JSON)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    lokaal = moment.astimezone(AMSTERDAM)
    return f"{taal.datum(lokaal.date())}, {lokaal:%H:%M}"


def wachttijd(sinds: dt.datetime, nu: dt.datetime) -> str:
    """'3 dagen', '5 uur', '12 minuten': how long a handoff has waited, in the largest whole unit."""
    seconden = max(0, int((nu - sinds).total_seconds()))
    for eenheid, enkel, meer in ((86400, "dag", "dagen"), (3600, "uur", "uur"), (60, "minuut", "minuten")):
        if seconden >= eenheid:
            aantal = seconden // eenheid
            return f"{aantal} {enkel if aantal == 1 else meer}"
    return "minder dan een minuut"


def bevestiging(gedaan: str, o: Overdracht) -> str | None:
    """The short confirmation after a coordinator's change, from the handoff as it is now; None for anything else
    (the key comes from the address, so it selects a text and is never shown itself)."""
    if gedaan == "toegewezen" and o.eigenaar_naam:
        return f"De aanvraag is toegewezen aan {o.eigenaar_naam}."
    if gedaan == "verplaatst":
        return f"De aanvraag is verplaatst naar {o.team_naam}."
    return None


def bericht_aan_burger(voornaam: str, team_naam: str, tekst: str) -> str:
    """The person must see that a human writes now, and who."""
    return f"{voornaam} ({team_naam}):\n{tekst}"
