"""What the store returns: plain frozen records, never ORM objects, so callers in any thread can use them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Team:
    id: str
    naam: str
    gemeente: str


@dataclass(frozen=True)
class Medewerker:
    id: int
    naam: str
    voornaam: str
    email: str
    team_id: str
    team_naam: str
    gemeente: str
    rol: str


@dataclass(frozen=True)
class Overdracht:
    id: int
    kanaal: str
    gesprek_id: str
    team_id: str
    team_naam: str
    gemeente: str
    eigenaar_id: int | None
    eigenaar_naam: str | None
    status: str
    urgentie: int
    pakket: dict | None  # None in queue listings; the full packet only from Opslag.bekijk()
    aangemaakt: dt.datetime
    opgepakt: dt.datetime | None
    contact_gehad: dt.datetime | None
    afgerond: dt.datetime | None
    uitkomst: str | None
    reactie_uiterlijk: dt.date
    te_laat: bool
    bot_gepauzeerd: bool
    vraag: str | None  # the person's own question, only from Opslag.bekijk()
    verwijderd: dt.datetime | None = None  # withdrawn at the person's request (only the tombstone is left)


@dataclass(frozen=True)
class Notitie:
    id: int
    overdracht_id: int
    medewerker_id: int
    medewerker_naam: str
    tekst: str
    tijdstip: dt.datetime


@dataclass(frozen=True)
class Contactpoging:
    id: int
    overdracht_id: int
    medewerker_id: int
    medewerker_naam: str
    datum: dt.date
    kanaal: str
    resultaat: str
    toelichting: str | None
    tijdstip: dt.datetime


def voornaam(naam: str) -> str:
    return naam.split()[0] if naam.split() else naam


# what is known of a worker's reply: "onbekend" while it is being sent, or when the answer did not come (a timeout,
# a fault after sending) and Rasa's tracker has not shown it yet; "bezorgd" once Rasa has it; "mislukt" when it
# certainly did not go out (Rasa unreachable, refused)
ONBEKEND, BEZORGD, MISLUKT = "onbekend", "bezorgd", "mislukt"


@dataclass(frozen=True)
class Bericht:
    id: int
    overdracht_id: int
    medewerker_id: int
    medewerker_naam: str
    tekst: str
    tijdstip: dt.datetime
    antwoord_id: str  # the idempotency key, the same on every resend
    status: str = ONBEKEND
    bezorgd: dt.datetime | None = None  # when it was found delivered
    fout: str | None = None  # why the last attempt failed or could not be confirmed

    @property
    def medewerker_voornaam(self) -> str:
        return voornaam(self.medewerker_naam)


@dataclass(frozen=True)
class AuditRegel:
    id: int
    overdracht_id: int
    medewerker_id: int | None
    medewerker_naam: str | None
    actie: str
    tijdstip: dt.datetime


@dataclass(frozen=True)
class Sessie:
    medewerker: Medewerker
    csrf_token: str
    verloopt: dt.datetime


@dataclass(frozen=True)
class NieuweSessie:
    token: str  # for the cookie; only its SHA-256 is stored
    csrf_token: str
    verloopt: dt.datetime
