"""What the citizen reads about the handoff: without consent, after the handoff, and 'hoe staat het met mijn
aanvraag?'. Plain Dutch, formal 'u', short sentences."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from wegwijs.kennis.model import Buurtteam
from wegwijs.overdracht.contact import Contactvoorkeur, telefoon_leesbaar
from wegwijs.overdracht.status import AFGEROND, CONTACT_GEHAD, NIEUW
from wegwijs.overdracht.werkdagen import lokale_datum, nu_utc, te_laat
from wegwijs.taal import LOCALE


@dataclass(frozen=True)
class Stand:
    """Where a handoff stands, as the citizen may know it."""

    status: str
    team_id: str
    team_naam: str
    voornaam: str | None  # the worker's first name, once claimed
    manier: str | None
    aangemaakt: dt.datetime
    reactie_uiterlijk: dt.date
    afgerond: dt.datetime | None = None


def dag(d: dt.date) -> str:
    """'woensdag 25 november'."""
    return format_date(d, "EEEE d MMMM", locale=LOCALE)


def _bellen(team: Buurtteam | None) -> str:
    if team is None:
        return ""
    return f" U kunt ook zelf bellen met {team.naam}: {team.telefoon}. {team.openingstijden}"


def _hoe(manier: str | None, telefoon: str | None = None) -> str:
    nummer = f" op {telefoon_leesbaar(telefoon)}" if telefoon else ""
    return {
        "bellen": f"U wordt gebeld{nummer}.",
        "whatsapp": f"U krijgt een WhatsApp-bericht{nummer}.",
        "langskomen": "De medewerker maakt met u een afspraak om bij u thuis langs te komen.",
        "afspraak_op_kantoor": "De medewerker maakt met u een afspraak op het kantoor van het buurtteam.",
    }.get(manier or "", "De medewerker neemt contact met u op.")


def zonder_toestemming(team: Buurtteam) -> str:
    return (f"Goed. Ik geef niets door. Wilt u toch iemand spreken? Bel dan zelf met {team.naam}: {team.telefoon}. "
            f"{team.openingstijden} Het gesprek is gratis.")


def na_overdracht(team: Buurtteam, contact: Contactvoorkeur, uiterlijk: dt.date) -> str:
    return (f"Dank u. Ik heb uw vraag doorgegeven aan {team.naam}. Een medewerker neemt uiterlijk {dag(uiterlijk)} "
            f"contact met u op. {_hoe(contact.manier, contact.telefoon)} Wilt u later weten hoe het staat? Vraag "
            f"dan hier: 'Hoe staat het met mijn aanvraag?'.{_bellen(team)}")


def stand_tekst(stand: Stand, team: Buurtteam | None, nu: dt.datetime | None = None) -> str:
    nu = nu or nu_utc()
    wie = f"{stand.voornaam} van {stand.team_naam}" if stand.voornaam else f"Een medewerker van {stand.team_naam}"
    if stand.status == AFGEROND:
        return (f"Uw aanvraag bij {stand.team_naam} is afgerond. Wilt u opnieuw hulp? Dat kan altijd. Zeg dan: "
                f"'Ik wil een mens spreken'.{_bellen(team)}")
    if stand.status == CONTACT_GEHAD:
        return (f"{wie} heeft contact met u gehad en helpt u verder. Heeft u een vraag? Stuur hier een bericht."
                f"{_bellen(team)}")
    begin = (f"Uw aanvraag is op {dag(lokale_datum(stand.aangemaakt))} doorgegeven aan {stand.team_naam}. "
             if stand.status == NIEUW else f"{wie} heeft uw aanvraag opgepakt. ")
    if te_laat(stand.reactie_uiterlijk, stand.status, nu):
        return (begin + f"U had uiterlijk {dag(stand.reactie_uiterlijk)} iets moeten horen. Dat is niet gelukt, "
                        f"sorry. Het buurtteam weet ervan en neemt zo snel mogelijk contact met u op.{_bellen(team)}")
    return begin + f"U hoort uiterlijk {dag(stand.reactie_uiterlijk)} van het buurtteam. {_hoe(stand.manier)}{_bellen(team)}"


def geen_aanvraag() -> str:
    return ("Ik zie in dit gesprek geen aanvraag bij een buurtteam. Wilt u dat iemand van het buurtteam contact met "
            "u opneemt? Zeg dan: 'Ik wil een mens spreken'.")
