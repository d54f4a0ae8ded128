"""Deliver the notifications in the outbox: claim a row (a lease), send it, mark it delivered. A failure keeps the
row and sets the next attempt with exponential backoff. Delivery is at least once: the key in every webhook
(Idempotency-Key) and e-mail (Message-ID) is the same on every retry, so a receiver can drop a repeat after a crash
between send and mark."""
from __future__ import annotations

import datetime as dt
import os
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from time import monotonic
from typing import Mapping

import httpx
from sqlalchemy import and_, func, or_, select, update

from wegwijs.opslag import modellen as m
from wegwijs.opslag.opslag import Opslag
from wegwijs.overdracht.werkdagen import nu_utc

EERSTE_WACHTTIJD = dt.timedelta(seconds=30)
MAX_WACHTTIJD = dt.timedelta(hours=1)
LEASE = dt.timedelta(minutes=5)  # longer than any single send may take (timeouts below)
TIMEOUT = 10.0
STANDAARD_INBOX_URL = "http://127.0.0.1:8000/inbox"
SOORT_TEKST = {"nieuwe_aanvraag": "Nieuwe aanvraag", "verplaatst": "Aanvraag van een ander team",
               "te_laat": "Aanvraag wacht langer dan afgesproken"}


@dataclass(frozen=True)
class Bezorging:
    verstuurd: int
    mislukt: int
    wachtend: int  # still to deliver after this round


class NietIngesteld(Exception):
    """The environment variable with the target is not set (yet): the row waits until it is."""


def wachttijd(pogingen: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, ... at most 1 hour; `pogingen` counts the failures so far, the first being 1."""
    return min(EERSTE_WACHTTIJD * (2 ** max(pogingen - 1, 0)), MAX_WACHTTIJD)


def _bericht(rij: m.Melding, omgeving: Mapping[str, str]) -> dict:
    basis = omgeving.get("WEGWIJS_INBOX_URL", STANDAARD_INBOX_URL).rstrip("/")
    return {**rij.inhoud, "link": f"{basis}/{rij.overdracht_id}"}


def _webhook(url: str, sleutel: str, bericht: dict, client: httpx.Client) -> None:
    antwoord = client.post(url, json=bericht, headers={"Idempotency-Key": sleutel})
    antwoord.raise_for_status()


def _email(adres: str, sleutel: str, bericht: dict, omgeving: Mapping[str, str]) -> None:
    host = omgeving.get("SMTP_HOST")
    if not host:
        raise NietIngesteld("SMTP_HOST is niet ingesteld")
    mail = EmailMessage()
    mail["From"] = omgeving.get("SMTP_AFZENDER", "wegwijs@localhost")
    mail["To"] = adres
    mail["Subject"] = f"{SOORT_TEKST.get(bericht['soort'], 'Aanvraag')} voor {bericht['team_naam']}"
    mail["Message-ID"] = f"<{sleutel}@wegwijs>"
    mail.set_content(f"{SOORT_TEKST.get(bericht['soort'], 'Aanvraag')} in de inbox van {bericht['team_naam']}.\n"
                     f"Bekijk hem hier (na inloggen): {bericht['link']}\n\n"
                     f"In deze e-mail staan bewust geen persoonlijke gegevens.\n")
    with smtplib.SMTP(host, int(omgeving.get("SMTP_PORT", "587")), timeout=TIMEOUT) as smtp:
        if omgeving.get("SMTP_STARTTLS", "1") != "0":
            smtp.starttls()
        if omgeving.get("SMTP_GEBRUIKER"):
            smtp.login(omgeving["SMTP_GEBRUIKER"], omgeving.get("SMTP_WACHTWOORD", ""))
        smtp.send_message(mail)


def _claim(opslag: Opslag, rij_id: int, nu: dt.datetime) -> bool:
    """Take the row from `nu`, the moment of the claim, for one LEASE; False when another deliverer has it or it
    was delivered meanwhile."""
    with opslag._transactie() as s:
        gelukt = s.execute(update(m.Melding).where(m.Melding.id == rij_id, _klaar_voor(nu))
                           .values(status="bezig", bezig_tot=nu + LEASE)
                           .execution_options(synchronize_session=False)).rowcount
    return gelukt == 1


def _klaar_voor(nu: dt.datetime):
    return or_(and_(m.Melding.status == "wachtend", m.Melding.volgende_poging <= nu),
               and_(m.Melding.status == "bezig", m.Melding.bezig_tot < nu))  # a deliverer that stopped mid-way


def bezorg(opslag: Opslag, nu: dt.datetime | None = None, limiet: int = 100,
           omgeving: Mapping[str, str] | None = None) -> Bezorging:
    """Send the notifications that are due, once each. `nu` is the start of the round; each row is claimed at the
    moment it is reached (`nu` plus the time the round has taken), so a row reached late in a long round still has
    its whole lease and a second deliverer leaves it alone."""
    nu = nu or nu_utc()
    start = monotonic()
    omgeving = os.environ if omgeving is None else omgeving
    with opslag._transactie() as s:
        ids = list(s.scalars(select(m.Melding.id).where(_klaar_voor(nu)).order_by(m.Melding.id).limit(limiet)))
    verstuurd = mislukt = 0
    with httpx.Client(timeout=TIMEOUT) as client:
        for rij_id in ids:
            moment = nu + dt.timedelta(seconds=monotonic() - start)
            if not _claim(opslag, rij_id, moment):
                continue
            with opslag._transactie() as s:
                rij = s.get(m.Melding, rij_id)
                sleutel, doel, doel_env, bericht = rij.sleutel, rij.doel, rij.doel_env, _bericht(rij, omgeving)
            try:
                adres = omgeving.get(doel_env)
                if not adres:
                    raise NietIngesteld(f"de omgevingsvariabele {doel_env} is niet ingesteld")
                if doel == "webhook":
                    _webhook(adres, sleutel, bericht, client)
                else:
                    _email(adres, sleutel, bericht, omgeving)
            except (httpx.HTTPError, OSError, smtplib.SMTPException, NietIngesteld) as fout:
                mislukt += 1
                with opslag._transactie() as s:
                    rij = s.get(m.Melding, rij_id)
                    rij.status, rij.bezig_tot, rij.pogingen = "wachtend", None, rij.pogingen + 1
                    rij.volgende_poging = moment + wachttijd(rij.pogingen)
                    rij.laatste_fout = f"{type(fout).__name__}: {fout}"[:1000]
                continue
            with opslag._transactie() as s:
                s.execute(update(m.Melding).where(m.Melding.id == rij_id, m.Melding.status == "bezig")
                          .values(status="verstuurd", verstuurd=moment, bezig_tot=None, laatste_fout=None)
                          .execution_options(synchronize_session=False))
            verstuurd += 1
    with opslag._transactie() as s:
        wachtend = s.scalar(select(func.count(m.Melding.id)).where(m.Melding.status != "verstuurd"))
    return Bezorging(verstuurd, mislukt, wachtend)
