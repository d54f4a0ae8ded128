"""The store behind the handoff: teams, workers, sessions, handoffs with consent, notes, contact attempts,
messages, the audit log and the notification outbox. Every method is one transaction."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, delete, event, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased, sessionmaker

from wegwijs.fouten import OngeldigeInvoer
from wegwijs.gesprek.privacy import schoon_bericht
from wegwijs.kennis.model import Buurtteam, Kennisbank
from wegwijs.opslag import modellen as m
from wegwijs.opslag import records as r
from wegwijs.opslag.records import voornaam as _voornaam
from wegwijs.opslag.wachtwoord import MIN_LENGTE, NEP_HASH, klopt, maak_hash
from wegwijs.overdracht import ROLLEN, Stand, Toestemming, urgentie_van_pakket
from wegwijs.overdracht import status as st
from wegwijs.overdracht.pogingen import BEREIKT, POGING_KANALEN, POGING_RESULTATEN
from wegwijs.overdracht.pogingen import suggesties as pogingsuggesties
from wegwijs.overdracht.contact import Contactvoorkeur
from wegwijs.overdracht.routering import alle_teams
from wegwijs.overdracht.werkdagen import lokale_datum, nu_utc, reactie_uiterlijk, te_laat

STANDAARD_URL = "sqlite:///wegwijs.db"
PROJECT = Path(__file__).resolve().parents[2]
SESSIE_DUUR = dt.timedelta(hours=8)
MAX_TEKST = 10_000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class NietGevonden(LookupError):
    """No such handoff, or the worker may not see it (the inbox answers 404 for both)."""


class GeenToegang(PermissionError):
    """The worker may see the handoff but not do this (the inbox answers 403)."""


def _doelen(team: Buurtteam | None) -> list[tuple[str, str | None]]:
    """Where a team wants its notifications: the names of the settings that hold its webhook and e-mail address."""
    return [("webhook", team.webhook_env), ("email", team.email_env)] if team else []


def schoon_waarde(waarde):
    """A JSON-like value with every string as it may be stored: no BSN, no IBAN, nothing PostgreSQL refuses (NUL,
    lone surrogates). The last line of defence: the packet was built from cleaned text already."""
    if isinstance(waarde, str):
        return schoon_bericht(waarde).tekst
    if isinstance(waarde, dict):
        return {k: schoon_waarde(v) for k, v in waarde.items()}
    if isinstance(waarde, (list, tuple)):
        return [schoon_waarde(v) for v in waarde]
    return waarde


# where the person's own words are in a packet (dates, ids and figures elsewhere are not text to clean)
_EIGEN_WOORDEN = ("vraag", "zorgen", "contact")


def _schoon_pakket(pakket: dict) -> dict:
    uit = {k: schoon_waarde(v) if k in _EIGEN_WOORDEN else v for k, v in pakket.items()}
    if isinstance(pakket.get("toestemming"), dict):
        t = pakket["toestemming"]
        uit["toestemming"] = {**t, "tekst": schoon_waarde(t.get("tekst")), "regels": schoon_waarde(t.get("regels"))}
    return uit


def _tekst(waarde: str | None, wat: str, maximaal: int = MAX_TEKST) -> str:
    tekst = schoon_waarde(waarde or "").strip()
    if not tekst:
        raise OngeldigeInvoer(f"{wat} is leeg. Schrijf iets op.")
    if len(tekst) > maximaal:
        raise OngeldigeInvoer(f"{wat} is te lang (meer dan {maximaal} tekens).")
    return tekst


class Opslag:
    def __init__(self, database_url: str | None = None):
        self.url = database_url or os.environ.get("DATABASE_URL") or STANDAARD_URL
        # hide_parameters: an error message (and so a log line) never holds the values, e.g. a packet
        # pool_pre_ping: a connection the database dropped (a restart) is replaced before use, not given to a request
        self.engine = create_engine(self.url, future=True, hide_parameters=True, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", lambda verbinding, _: verbinding.execute("PRAGMA foreign_keys=ON"))
        self._sessies = sessionmaker(self.engine, future=True, expire_on_commit=False)

    def bereikbaar(self) -> bool:
        """Whether the database answers a query now (for the health check)."""
        try:
            with self.engine.connect() as verbinding:
                verbinding.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def upgrade(self) -> None:
        """Bring the database to the newest migration (alembic upgrade head)."""
        from alembic import command
        from alembic.config import Config

        config = Config(str(PROJECT / "alembic.ini"))
        config.set_main_option("script_location", str(PROJECT / "migrations"))
        with self.engine.begin() as verbinding:
            config.attributes["connection"] = verbinding
            command.upgrade(config, "head")

    @contextmanager
    def _transactie(self) -> Iterator[Session]:
        with self._sessies() as sessie, sessie.begin():
            yield sessie

    # --- teams and workers ------------------------------------------------------------------------------------

    def bewaar_team(self, team_id: str, naam: str, gemeente: str) -> r.Team:
        with self._transactie() as s:
            return self._bewaar_team(s, team_id, naam, gemeente)

    @staticmethod
    def _bewaar_team(s: Session, team_id: str, naam: str, gemeente: str) -> r.Team:
        rij = s.get(m.Team, team_id)
        if rij is None:
            rij = m.Team(id=team_id)
            s.add(rij)
        rij.naam, rij.gemeente = naam, gemeente
        s.flush()  # the team row first: handoffs added in the same transaction refer to it
        return r.Team(team_id, naam, gemeente)

    def synchroniseer_teams(self, kennisbank: Kennisbank) -> int:
        teams = alle_teams(kennisbank)
        with self._transactie() as s:
            for team in teams:
                self._bewaar_team(s, team.id, team.naam, team.gemeente)
        return len(teams)

    def teams(self, gemeente: str | None = None) -> list[r.Team]:
        with self._transactie() as s:
            vraag = select(m.Team).order_by(m.Team.gemeente, m.Team.naam)
            if gemeente:
                vraag = vraag.where(m.Team.gemeente == gemeente)
            return [r.Team(t.id, t.naam, t.gemeente) for t in s.scalars(vraag)]

    def voeg_medewerker_toe(self, naam: str, email: str, team_id: str, rol: str, wachtwoord: str,
                            nu: dt.datetime | None = None) -> r.Medewerker:
        naam = _tekst(naam, "De naam", 200)
        email = (email or "").strip().lower()
        if not _EMAIL.match(email):
            raise OngeldigeInvoer(f"'{email}' is geen geldig e-mailadres.")
        if rol not in ROLLEN:
            raise OngeldigeInvoer(f"De rol is '{rol}'. Kies uit: {', '.join(ROLLEN)}.")
        self._controleer_wachtwoord(wachtwoord)
        with self._transactie() as s:
            if s.get(m.Team, team_id) is None:
                raise OngeldigeInvoer(f"Het team '{team_id}' bestaat niet. Draai eerst 'wegwijs db upgrade' en "
                                      f"'wegwijs demo', of kijk het id na in buurtteams.yaml.")
            if s.scalar(select(m.Medewerker.id).where(m.Medewerker.email == email)) is not None:
                raise OngeldigeInvoer(f"Er is al een medewerker met het e-mailadres {email}.")
            rij = m.Medewerker(naam=naam, email=email, team_id=team_id, rol=rol, wachtwoord_hash=maak_hash(wachtwoord),
                               aangemaakt=nu or nu_utc())
            s.add(rij)
            s.flush()
            return self._medewerker_record(s, rij)

    @staticmethod
    def _controleer_wachtwoord(wachtwoord: str) -> None:
        if len(wachtwoord or "") < MIN_LENGTE:
            raise OngeldigeInvoer(f"Een wachtwoord heeft minstens {MIN_LENGTE} tekens.")

    def wijzig_wachtwoord(self, medewerker_id: int, wachtwoord: str) -> None:
        """A new password ends every session of the worker: whoever knew the old one is logged out too."""
        self._controleer_wachtwoord(wachtwoord)
        with self._transactie() as s:
            rij = s.get(m.Medewerker, medewerker_id)
            if rij is None:
                raise NietGevonden(f"Medewerker {medewerker_id} bestaat niet.")
            rij.wachtwoord_hash = maak_hash(wachtwoord)
            s.execute(delete(m.Sessie).where(m.Sessie.medewerker_id == medewerker_id))

    @staticmethod
    def _medewerker_record(s: Session, rij: m.Medewerker) -> r.Medewerker:
        team = s.get(m.Team, rij.team_id)
        return r.Medewerker(rij.id, rij.naam, _voornaam(rij.naam), rij.email, rij.team_id, team.naam, team.gemeente,
                            rij.rol)

    def medewerker(self, medewerker_id: int) -> r.Medewerker | None:
        with self._transactie() as s:
            rij = s.get(m.Medewerker, medewerker_id)
            return self._medewerker_record(s, rij) if rij else None

    def medewerker_bij_email(self, email: str) -> r.Medewerker | None:
        with self._transactie() as s:
            rij = s.scalar(select(m.Medewerker).where(m.Medewerker.email == (email or "").strip().lower()))
            return self._medewerker_record(s, rij) if rij else None

    def medewerkers(self, team_id: str) -> list[r.Medewerker]:
        """The workers of one team by name, e.g. to choose whom a coordinator gives a handoff."""
        with self._transactie() as s:
            vraag = select(m.Medewerker).where(m.Medewerker.team_id == team_id) \
                .order_by(m.Medewerker.naam, m.Medewerker.id)
            return [self._medewerker_record(s, rij) for rij in s.scalars(vraag)]

    def meld_aan(self, email: str, wachtwoord: str) -> r.Medewerker | None:
        """The worker for a correct e-mail and password; None otherwise. How often one may try is the inbox's
        concern (web.inbox.beveiliging.Inlogrem: a back-off per account and address, never a lock of the account)."""
        with self._transactie() as s:
            rij = s.scalar(select(m.Medewerker).where(m.Medewerker.email == (email or "").strip().lower()))
            goed = klopt(wachtwoord or "", rij.wachtwoord_hash if rij else NEP_HASH)
            return self._medewerker_record(s, rij) if rij is not None and goed else None

    # --- sessions ---------------------------------------------------------------------------------------------

    @staticmethod
    def _token_hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def maak_sessie(self, medewerker_id: int, nu: dt.datetime | None = None,
                    geldig: dt.timedelta = SESSIE_DUUR) -> r.NieuweSessie:
        nu = nu or nu_utc()
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._transactie() as s:
            s.execute(delete(m.Sessie).where(m.Sessie.verloopt <= nu))
            s.add(m.Sessie(token_hash=self._token_hash(token), medewerker_id=medewerker_id, csrf_token=csrf,
                           aangemaakt=nu, verloopt=nu + geldig))
        return r.NieuweSessie(token, csrf, nu + geldig)

    def sessie(self, token: str | None, nu: dt.datetime | None = None) -> r.Sessie | None:
        if not token:
            return None
        with self._transactie() as s:
            rij = s.get(m.Sessie, self._token_hash(token))
            if rij is None or rij.verloopt <= (nu or nu_utc()):
                return None
            return r.Sessie(self._medewerker_record(s, s.get(m.Medewerker, rij.medewerker_id)), rij.csrf_token,
                            rij.verloopt)

    def beeindig_sessie(self, token: str | None) -> None:
        if token:
            with self._transactie() as s:
                s.execute(delete(m.Sessie).where(m.Sessie.token_hash == self._token_hash(token)))

    # --- handoffs: citizen side -------------------------------------------------------------------------------

    def maak_overdracht(self, kanaal: str, gesprek_id: str, team: Buurtteam, pakket: dict, toestemming: Toestemming,
                        nu: dt.datetime | None = None) -> r.Overdracht:
        """The handoff, its consent record and its notifications, in one transaction."""
        nu = nu or nu_utc()
        kanaal, gesprek_id = _tekst(kanaal, "Het kanaal", 50), _tekst(gesprek_id, "Het gesprek", 200)
        if toestemming.team_id != team.id or (pakket.get("team") or {}).get("id") != team.id:
            raise OngeldigeInvoer(f"Pakket en toestemming horen niet bij {team.naam}.")
        with self._transactie() as s:
            self._bewaar_team(s, team.id, team.naam, team.gemeente)
            rij = m.Overdracht(kanaal=kanaal, gesprek_id=gesprek_id, team_id=team.id, status=st.NIEUW,
                               urgentie=urgentie_van_pakket(pakket), pakket=_schoon_pakket(pakket), aangemaakt=nu,
                               reactie_uiterlijk=reactie_uiterlijk(nu, team.reactie_werkdagen), bot_gepauzeerd=False)
            s.add(rij)
            s.flush()
            s.add(m.Toestemming(overdracht_id=rij.id, team_id=team.id, onderdelen=list(toestemming.onderdelen),
                                tekst=schoon_waarde(toestemming.tekst), tijdstip=toestemming.tijdstip))
            self._meld(s, rij, team.naam, "nieuwe_aanvraag", _doelen(team), nu)
            return self._record(s, rij, nu, met_pakket=False)

    @staticmethod
    def _meld(s: Session, rij: m.Overdracht, team_naam: str, soort: str, doelen: list[tuple[str, str | None]],
              nu: dt.datetime) -> None:
        inhoud = {"soort": soort, "overdracht_id": rij.id, "team_id": rij.team_id, "team_naam": team_naam,
                  "urgentie": rij.urgentie}
        for doel, naam in doelen:
            if naam:
                s.add(m.Melding(sleutel=str(uuid.uuid4()), soort=soort, doel=doel, doel_env=naam,
                                overdracht_id=rij.id, inhoud=inhoud, status="wachtend", pogingen=0,
                                volgende_poging=nu, aangemaakt=nu))

    def open_overdracht(self, kanaal: str, gesprek_id: str, nu: dt.datetime | None = None) -> r.Overdracht | None:
        with self._transactie() as s:
            rij = s.scalar(select(m.Overdracht).where(m.Overdracht.kanaal == kanaal, m.Overdracht.gesprek_id == gesprek_id,
                                                      m.Overdracht.status != st.AFGEROND)
                           .order_by(m.Overdracht.aangemaakt.desc(), m.Overdracht.id.desc()))
            return self._record(s, rij, nu or nu_utc(), met_pakket=False) if rij else None

    def stand(self, kanaal: str, gesprek_id: str) -> Stand | None:
        with self._transactie() as s:
            rij = s.scalar(select(m.Overdracht).where(m.Overdracht.kanaal == kanaal, m.Overdracht.gesprek_id == gesprek_id)
                           .order_by(m.Overdracht.aangemaakt.desc(), m.Overdracht.id.desc()))
            if rij is None:
                return None
            team = s.get(m.Team, rij.team_id)
            eigenaar = s.get(m.Medewerker, rij.eigenaar_id) if rij.eigenaar_id else None
            return Stand(rij.status, team.id, team.naam, _voornaam(eigenaar.naam) if eigenaar else None,
                         (rij.pakket.get("contact") or {}).get("manier"), rij.aangemaakt, rij.reactie_uiterlijk,
                         rij.afgerond)

    def verwijder_gesprek(self, kanaal: str, gesprek_id: str, nu: dt.datetime | None = None) -> int:
        """Withdraw every handoff of one conversation at the person's request: the packet, the consent, the
        worker's notes, contact attempts and messages, and pending notifications are deleted. What is left is a
        tombstone without anything of the person (team, dates, 'verwijderd'), so the worker sees what happened;
        `ruim_op` removes it later. The audit log keeps only ids and actions."""
        nu = nu or nu_utc()
        with self._transactie() as s:
            rijen = list(s.scalars(select(m.Overdracht).where(m.Overdracht.kanaal == kanaal,
                                                             m.Overdracht.gesprek_id == gesprek_id,
                                                             m.Overdracht.verwijderd.is_(None))))
            for rij in rijen:
                self._wis(s, rij, nu)
            return len(rijen)

    def verwijder_overdracht(self, medewerker: r.Medewerker, overdracht_id: int,
                             nu: dt.datetime | None = None) -> r.Overdracht:
        """The same from the inbox (the person asked by phone), by the owner or a coordinator only."""
        nu = nu or nu_utc()
        with self._transactie() as s:
            rij, wie = self._mag_verwijderen(s, medewerker, overdracht_id)
            if rij.verwijderd is None:
                self._wis(s, rij, nu, wie.id)
            return self._record(s, rij, nu, met_pakket=False)

    def mag_verwijderen(self, medewerker: r.Medewerker, overdracht_id: int) -> r.Overdracht:
        """The handoff when this worker may delete it (checked before the conversation is wiped); changes nothing."""
        with self._transactie() as s:
            rij, _ = self._mag_verwijderen(s, medewerker, overdracht_id)
            return self._record(s, rij, nu_utc(), met_pakket=False)

    def _mag_verwijderen(self, s: Session, medewerker: r.Medewerker,
                         overdracht_id: int) -> tuple[m.Overdracht, m.Medewerker]:
        rij, wie = self._zichtbaar(s, medewerker, overdracht_id)
        if wie.rol != "coordinator" and rij.eigenaar_id != wie.id:
            raise GeenToegang("Alleen wie de aanvraag heeft, of de coördinator, kan de gegevens verwijderen.")
        return rij, wie

    @staticmethod
    def _wis(s: Session, rij: m.Overdracht, nu: dt.datetime, medewerker_id: int | None = None) -> None:
        for tabel in (m.Melding, m.Toestemming, m.Notitie, m.Contactpoging, m.Bericht):
            s.execute(delete(tabel).where(tabel.overdracht_id == rij.id))
        # closed, so it leaves the open queue; its page and the list of closed handoffs show the tombstone
        rij.pakket, rij.uitkomst, rij.bot_gepauzeerd, rij.verwijderd = {}, None, False, nu
        rij.status, rij.afgerond = st.AFGEROND, nu
        rij.gesprek_id = f"verwijderd-{rij.id}"   # the channel's id (a phone number for WhatsApp) goes too
        s.add(m.AuditRegel(overdracht_id=rij.id, medewerker_id=medewerker_id, actie="verwijderd", tijdstip=nu))

    def ruim_op(self, bewaartermijn: dt.timedelta, nu: dt.datetime | None = None) -> int:
        """Delete for good the handoffs closed (withdrawn ones included) longer than `bewaartermijn` ago
        (docs/bewaren.md). The audit log keeps only ids and actions."""
        grens = (nu or nu_utc()) - bewaartermijn
        with self._transactie() as s:
            ids = list(s.scalars(select(m.Overdracht.id).where(m.Overdracht.status == st.AFGEROND,
                                                               m.Overdracht.afgerond < grens)))
            for tabel in (m.Melding, m.Toestemming, m.Notitie, m.Contactpoging, m.Bericht):
                s.execute(delete(tabel).where(tabel.overdracht_id.in_(ids)))
            s.execute(delete(m.Overdracht).where(m.Overdracht.id.in_(ids)))
            s.add_all([m.AuditRegel(overdracht_id=i, medewerker_id=None, actie="opgeruimd", tijdstip=nu or nu_utc())
                       for i in ids])
            return len(ids)

    # --- handoffs: worker side --------------------------------------------------------------------------------

    def _record(self, s: Session, rij: m.Overdracht, nu: dt.datetime, met_pakket: bool) -> r.Overdracht:
        team = s.get(m.Team, rij.team_id)
        eigenaar = s.get(m.Medewerker, rij.eigenaar_id) if rij.eigenaar_id else None
        return r.Overdracht(
            rij.id, rij.kanaal, rij.gesprek_id, team.id, team.naam, team.gemeente, rij.eigenaar_id,
            eigenaar.naam if eigenaar else None, rij.status, rij.urgentie, rij.pakket if met_pakket else None,
            rij.aangemaakt, rij.opgepakt, rij.contact_gehad, rij.afgerond, rij.uitkomst, rij.reactie_uiterlijk,
            te_laat(rij.reactie_uiterlijk, rij.status, nu) and rij.verwijderd is None, rij.bot_gepauzeerd,
            rij.pakket.get("vraag") if met_pakket else None, rij.verwijderd)

    @staticmethod
    def _wie(s: Session, medewerker: r.Medewerker) -> tuple[m.Medewerker, m.Team]:
        rij = s.get(m.Medewerker, medewerker.id)
        if rij is None:
            raise GeenToegang("Deze medewerker bestaat niet meer.")
        return rij, s.get(m.Team, rij.team_id)

    def _zichtbaar(self, s: Session, medewerker: r.Medewerker, overdracht_id: int) -> tuple[m.Overdracht, m.Medewerker]:
        wie, eigen_team = self._wie(s, medewerker)
        # an id from an address may be any number; PostgreSQL's integer holds up to 2**31 - 1
        rij = s.get(m.Overdracht, overdracht_id) if 0 < overdracht_id < 2 ** 31 else None
        if rij is None:
            raise NietGevonden("Deze aanvraag bestaat niet, of u mag hem niet zien.")
        if wie.rol == "coordinator":
            zichtbaar = s.get(m.Team, rij.team_id).gemeente == eigen_team.gemeente
        else:
            zichtbaar = rij.team_id == wie.team_id
        if not zichtbaar:
            raise NietGevonden("Deze aanvraag bestaat niet, of u mag hem niet zien.")
        return rij, wie

    @staticmethod
    def _niet_verwijderd(rij: m.Overdracht) -> None:
        if rij.verwijderd is not None:
            raise st.OngeldigeStap("Deze aanvraag is verwijderd op verzoek van de persoon. Er is niets meer mee te doen.")

    @staticmethod
    def _audit(s: Session, overdracht_id: int, medewerker_id: int | None, actie: str, nu: dt.datetime) -> None:
        s.add(m.AuditRegel(overdracht_id=overdracht_id, medewerker_id=medewerker_id, actie=actie, tijdstip=nu))

    def wachtrij(self, medewerker: r.Medewerker, nu: dt.datetime | None = None,
                 afgeronde: bool = False) -> list[r.Overdracht]:
        """Handoffs the worker may see: most urgent first, then the longest waiting."""
        nu = nu or nu_utc()
        with self._transactie() as s:
            wie, eigen_team = self._wie(s, medewerker)
            vraag = select(m.Overdracht).join(m.Team, m.Team.id == m.Overdracht.team_id)
            if wie.rol == "coordinator":
                vraag = vraag.where(m.Team.gemeente == eigen_team.gemeente)
            else:
                vraag = vraag.where(m.Overdracht.team_id == wie.team_id)
            if not afgeronde:
                vraag = vraag.where(m.Overdracht.status != st.AFGEROND)
            vraag = vraag.order_by(m.Overdracht.urgentie.desc(), m.Overdracht.aangemaakt, m.Overdracht.id)
            return [self._record(s, rij, nu, met_pakket=False) for rij in s.scalars(vraag)]

    def overdracht(self, medewerker: r.Medewerker, overdracht_id: int, nu: dt.datetime | None = None) -> r.Overdracht:
        """One handoff without its packet and without an audit row (nothing of the person is shown)."""
        nu = nu or nu_utc()
        with self._transactie() as s:
            rij, _ = self._zichtbaar(s, medewerker, overdracht_id)
            return self._record(s, rij, nu, met_pakket=False)

    def bekijk(self, medewerker: r.Medewerker, overdracht_id: int, nu: dt.datetime | None = None) -> r.Overdracht:
        """The handoff with its packet; every view is written to the audit log."""
        nu = nu or nu_utc()
        with self._transactie() as s:
            rij, wie = self._zichtbaar(s, medewerker, overdracht_id)
            self._audit(s, rij.id, wie.id, "bekeken", nu)
            return self._record(s, rij, nu, met_pakket=True)

    def pak_op(self, medewerker: r.Medewerker, overdracht_id: int, nu: dt.datetime | None = None) -> r.Overdracht:
        nu = nu or nu_utc()
        with self._transactie() as s:
            rij, wie = self._zichtbaar(s, medewerker, overdracht_id)
            self._niet_verwijderd(rij)
            if rij.status != st.NIEUW or rij.eigenaar_id is not None:
                eigenaar = s.get(m.Medewerker, rij.eigenaar_id) if rij.eigenaar_id else None
                if eigenaar is not None and eigenaar.id != wie.id:
                    raise st.OngeldigeStap(f"Deze aanvraag is al opgepakt door {_voornaam(eigenaar.naam)}.")
                st.volgende(rij.status, st.OPGEPAKT)
            # the WHERE makes the claim atomic: of two workers claiming at once, one changes the row
            gelukt = s.execute(update(m.Overdracht)
                               .where(m.Overdracht.id == rij.id, m.Overdracht.status == st.NIEUW,
                                      m.Overdracht.eigenaar_id.is_(None))
                               .values(status=st.OPGEPAKT, eigenaar_id=wie.id, opgepakt=nu)
                               .execution_options(synchronize_session=False)).rowcount
            if gelukt != 1:
                raise st.OngeldigeStap("Iemand anders pakte deze aanvraag net op. Vernieuw de pagina.")
            self._audit(s, rij.id, wie.id, "opgepakt", nu)
            s.refresh(rij)
            return self._record(s, rij, nu, met_pakket=False)

    def wijs_toe(self, coordinator: r.Medewerker, overdracht_id: int, medewerker_id: int,
                 nu: dt.datetime | None = None) -> r.Overdracht:
        nu = nu or nu_utc()
        with self._transactie() as s:
            rij, wie = self._zichtbaar(s, coordinator, overdracht_id)
            if wie.rol != "coordinator":
                raise GeenToegang("Alleen een coördinator kan een aanvraag aan iemand anders geven.")
            nieuw = s.get(m.Medewerker, medewerker_id)
            if nieuw is None or nieuw.team_id != rij.team_id:
                raise OngeldigeInvoer("Kies een medewerker van het team van deze aanvraag.")
            if rij.status == st.AFGEROND:
                raise st.OngeldigeStap("Deze aanvraag is afgerond. Open hem eerst opnieuw.")
            rij.eigenaar_id = nieuw.id
            if rij.status == st.NIEUW:
                rij.status, rij.opgepakt = st.OPGEPAKT, nu
            self._audit(s, rij.id, wie.id, f"toegewezen aan {nieuw.id}", nu)
            return self._record(s, rij, nu, met_pakket=False)

    def verplaats(self, coordinator: r.Medewerker, overdracht_id: int, team_id: str,
                  nu: dt.datetime | None = None, kennisbank: Kennisbank | None = None) -> r.Overdracht:
        """A coordinator moves a handoff to another team of the municipality (postcode areas are approximate).
        The new team is notified as for a new handoff (targets from the knowledge base). The date promised to the
        person stays; the new team's coordinator is warned again if it passes."""
        from wegwijs.kennis import laad_kennisbank

        nu = nu or nu_utc()
        teams = {t.id: t for t in alle_teams(kennisbank or laad_kennisbank())}
        with self._transactie() as s:
            rij, wie = self._zichtbaar(s, coordinator, overdracht_id)
            if wie.rol != "coordinator":
                raise GeenToegang("Alleen een coördinator kan een aanvraag naar een ander team verplaatsen.")
            team = s.get(m.Team, team_id)
            if team is None or team.gemeente != s.get(m.Team, wie.team_id).gemeente:
                raise OngeldigeInvoer("Kies een team van uw eigen gemeente.")
            if team.id == rij.team_id:
                raise OngeldigeInvoer("De aanvraag is al van dit team. Kies een ander team.")
            if rij.status == st.AFGEROND:
                raise st.OngeldigeStap("Deze aanvraag is afgerond. Open hem eerst opnieuw.")
            rij.team_id, rij.eigenaar_id = team.id, None
            rij.status, rij.opgepakt, rij.geescaleerd = st.NIEUW, None, None
            self._audit(s, rij.id, wie.id, f"verplaatst naar {team.id}", nu)
            self._meld(s, rij, team.naam, "verplaatst", _doelen(teams.get(team.id)), nu)
            return self._record(s, rij, nu, met_pakket=False)

    def _mag_wijzigen(self, s: Session, medewerker: r.Medewerker, overdracht_id: int) -> tuple[m.Overdracht, m.Medewerker]:
        rij, wie = self._zichtbaar(s, medewerker, overdracht_id)
        self._niet_verwijderd(rij)
        if wie.rol != "coordinator" and rij.eigenaar_id not in (None, wie.id):
            raise GeenToegang("Deze aanvraag is van een collega. Vraag de coördinator om hem aan u te geven.")
        return rij, wie

    def zet_status(self, medewerker: r.Medewerker, overdracht_id: int, status: str, uitkomst: str | None = None,
                   nu: dt.datetime | None = None) -> r.Overdracht:
        nu = nu or nu_utc()
        with self._transactie() as s:
            rij, wie = self._mag_wijzigen(s, medewerker, overdracht_id)
            claim = rij.status == st.NIEUW and status == st.OPGEPAKT
        if claim:
            return self.pak_op(medewerker, overdracht_id, nu)
        with self._transactie() as s:
            rij, wie = self._mag_wijzigen(s, medewerker, overdracht_id)
            nieuw = st.volgende(rij.status, status, uitkomst)
            if nieuw == st.CONTACT_GEHAD:
                rij.contact_gehad = nu
            if nieuw == st.AFGEROND:
                rij.afgerond, rij.uitkomst = nu, uitkomst.strip()
            elif rij.status == st.AFGEROND:
                rij.afgerond, rij.uitkomst = None, None
            rij.status = nieuw
            self._audit(s, rij.id, wie.id, f"status {nieuw}", nu)
            return self._record(s, rij, nu, met_pakket=False)

    def voeg_notitie_toe(self, medewerker: r.Medewerker, overdracht_id: int, tekst: str,
                         nu: dt.datetime | None = None) -> r.Notitie:
        nu = nu or nu_utc()
        tekst = _tekst(tekst, "De notitie")
        with self._transactie() as s:
            rij, wie = self._zichtbaar(s, medewerker, overdracht_id)
            self._niet_verwijderd(rij)
            notitie = m.Notitie(overdracht_id=rij.id, medewerker_id=wie.id, tekst=tekst, tijdstip=nu)
            s.add(notitie)
            s.flush()
            return r.Notitie(notitie.id, rij.id, wie.id, wie.naam, tekst, nu)

    def notities(self, medewerker: r.Medewerker, overdracht_id: int) -> list[r.Notitie]:
        with self._transactie() as s:
            rij, _ = self._zichtbaar(s, medewerker, overdracht_id)
            vraag = select(m.Notitie, m.Medewerker.naam).join(m.Medewerker).where(m.Notitie.overdracht_id == rij.id) \
                .order_by(m.Notitie.tijdstip, m.Notitie.id)
            return [r.Notitie(n.id, n.overdracht_id, n.medewerker_id, naam, n.tekst, n.tijdstip) for n, naam in s.execute(vraag)]

    def log_contactpoging(self, medewerker: r.Medewerker, overdracht_id: int, kanaal: str, resultaat: str,
                          datum: dt.date | None = None, toelichting: str | None = None,
                          nu: dt.datetime | None = None) -> r.Contactpoging:
        nu = nu or nu_utc()
        if kanaal not in POGING_KANALEN:
            raise OngeldigeInvoer(f"Kies een kanaal uit: {', '.join(POGING_KANALEN)}.")
        if resultaat not in POGING_RESULTATEN:
            raise OngeldigeInvoer(f"Kies een resultaat uit: {', '.join(POGING_RESULTATEN)}.")
        datum = datum or lokale_datum(nu)
        if datum > lokale_datum(nu):
            raise OngeldigeInvoer("Een contactpoging kan niet in de toekomst liggen.")
        toelichting = (toelichting or "").strip() or None
        if toelichting and len(toelichting) > MAX_TEKST:
            raise OngeldigeInvoer("De toelichting is te lang.")
        with self._transactie() as s:
            rij, wie = self._mag_wijzigen(s, medewerker, overdracht_id)
            if rij.status not in (st.OPGEPAKT, st.CONTACT_GEHAD):
                raise st.OngeldigeStap("Pak de aanvraag eerst op." if rij.status == st.NIEUW
                                       else "Deze aanvraag is afgerond. Open hem eerst opnieuw.")
            poging = m.Contactpoging(overdracht_id=rij.id, medewerker_id=wie.id, datum=datum, kanaal=kanaal,
                                     resultaat=resultaat, toelichting=toelichting, tijdstip=nu)
            s.add(poging)
            if resultaat == BEREIKT and rij.status == st.OPGEPAKT:
                rij.status, rij.contact_gehad = st.CONTACT_GEHAD, nu
            s.flush()
            return r.Contactpoging(poging.id, rij.id, wie.id, wie.naam, datum, kanaal, resultaat, toelichting, nu)

    def contactpogingen(self, medewerker: r.Medewerker, overdracht_id: int) -> list[r.Contactpoging]:
        with self._transactie() as s:
            rij, _ = self._zichtbaar(s, medewerker, overdracht_id)
            return self._pogingen(s, rij.id)

    @staticmethod
    def _pogingen(s: Session, overdracht_id: int) -> list[r.Contactpoging]:
        vraag = select(m.Contactpoging, m.Medewerker.naam).join(m.Medewerker) \
            .where(m.Contactpoging.overdracht_id == overdracht_id).order_by(m.Contactpoging.datum, m.Contactpoging.id)
        return [r.Contactpoging(p.id, p.overdracht_id, p.medewerker_id, naam, p.datum, p.kanaal, p.resultaat,
                                p.toelichting, p.tijdstip) for p, naam in s.execute(vraag)]

    def suggesties(self, medewerker: r.Medewerker, overdracht_id: int, drempel: int = 3) -> list[str]:
        with self._transactie() as s:
            rij, _ = self._zichtbaar(s, medewerker, overdracht_id)
            pogingen = [(p.datum, p.kanaal, p.resultaat) for p in self._pogingen(s, rij.id)]
            contact = rij.pakket.get("contact")
            return pogingsuggesties(pogingen, Contactvoorkeur.uit_dict(contact) if contact else None, drempel)

    def bewaar_bericht(self, medewerker: r.Medewerker, overdracht_id: int, tekst: str,
                       nu: dt.datetime | None = None) -> r.Bericht:
        """Store a reply before it is sent, with its idempotency key: whatever happens while sending, the reply is
        kept, and a resend carries the same key."""
        nu = nu or nu_utc()
        tekst = _tekst(tekst, "Het bericht")
        with self._transactie() as s:
            rij, wie = self._mag_wijzigen(s, medewerker, overdracht_id)
            bericht = m.Bericht(overdracht_id=rij.id, medewerker_id=wie.id, tekst=tekst, tijdstip=nu,
                                antwoord_id=str(uuid.uuid4()), status=r.ONBEKEND)
            s.add(bericht)
            s.flush()
            return self._bericht_record(bericht, wie.naam)

    @staticmethod
    def _bericht_record(b: m.Bericht, naam: str) -> r.Bericht:
        return r.Bericht(b.id, b.overdracht_id, b.medewerker_id, naam, b.tekst, b.tijdstip, b.antwoord_id, b.status,
                         b.bezorgd, b.fout)

    def berichten(self, medewerker: r.Medewerker, overdracht_id: int) -> list[r.Bericht]:
        with self._transactie() as s:
            rij, _ = self._zichtbaar(s, medewerker, overdracht_id)
            vraag = select(m.Bericht, m.Medewerker.naam).join(m.Medewerker).where(m.Bericht.overdracht_id == rij.id) \
                .order_by(m.Bericht.tijdstip, m.Bericht.id)
            return [self._bericht_record(b, naam) for b, naam in s.execute(vraag)]

    def te_bezorgen(self, medewerker: r.Medewerker, overdracht_id: int, bericht_id: int,
                    nu: dt.datetime | None = None) -> tuple[r.Overdracht, r.Bericht]:
        """The handoff and a reply of it that is not known to be delivered, for (re)sending; only for whom may
        write to the person (`GeenToegang` otherwise), checked before anything is sent."""
        with self._transactie() as s:
            rij, _ = self._mag_wijzigen(s, medewerker, overdracht_id)
            bericht = s.get(m.Bericht, bericht_id) if 0 < bericht_id < 2 ** 31 else None
            if bericht is None or bericht.overdracht_id != rij.id or bericht.status == r.BEZORGD:
                raise OngeldigeInvoer("Dit bericht is al bezorgd of bestaat niet.")
            return (self._record(s, rij, nu or nu_utc(), met_pakket=False),
                    self._bericht_record(bericht, s.get(m.Medewerker, bericht.medewerker_id).naam))

    def markeer_bericht(self, medewerker: r.Medewerker, bericht_id: int, status: str, fout: str | None = None,
                        nu: dt.datetime | None = None) -> r.Bericht:
        """Record what is known of a reply: `r.BEZORGD`, `r.ONBEKEND` or `r.MISLUKT` (with the reason). A reply
        found delivered stays delivered, whatever a later attempt reports."""
        if status not in (r.ONBEKEND, r.BEZORGD, r.MISLUKT):
            raise ValueError(f"onbekende status van een bericht: {status!r}")
        nu = nu or nu_utc()
        with self._transactie() as s:
            bericht = s.get(m.Bericht, bericht_id)
            if bericht is None:
                raise NietGevonden("Dit bericht bestaat niet, of u mag het niet zien.")
            self._zichtbaar(s, medewerker, bericht.overdracht_id)
            if bericht.status != r.BEZORGD:
                bericht.status, bericht.fout = status, (None if status == r.BEZORGD else fout)
                bericht.bezorgd = nu if status == r.BEZORGD else None
            return self._bericht_record(bericht, s.get(m.Medewerker, bericht.medewerker_id).naam)

    def bevestig_bezorgd(self, medewerker: r.Medewerker, overdracht_id: int, antwoord_ids: frozenset[str],
                         nu: dt.datetime | None = None) -> int:
        """Mark the replies of this handoff whose key Rasa's tracker holds as delivered; returns how many changed."""
        nu = nu or nu_utc()
        with self._transactie() as s:
            rij, _ = self._zichtbaar(s, medewerker, overdracht_id)
            if not antwoord_ids:
                return 0
            return s.execute(update(m.Bericht)
                             .where(m.Bericht.overdracht_id == rij.id, m.Bericht.status != r.BEZORGD,
                                    m.Bericht.antwoord_id.in_(sorted(antwoord_ids)))
                             .values(status=r.BEZORGD, bezorgd=nu, fout=None)
                             .execution_options(synchronize_session=False)).rowcount

    def mag_wijzigen(self, medewerker: r.Medewerker, overdracht_id: int,
                     nu: dt.datetime | None = None) -> r.Overdracht:
        """The handoff, if this worker may act on it (the owner, anyone of the team while nobody owns it, or a
        coordinator); `GeenToegang` otherwise. The inbox asks this before any effect outside the database."""
        with self._transactie() as s:
            rij, _ = self._mag_wijzigen(s, medewerker, overdracht_id)
            return self._record(s, rij, nu or nu_utc(), met_pakket=False)

    def zet_bot_gepauzeerd(self, medewerker: r.Medewerker, overdracht_id: int, gepauzeerd: bool,
                           nu: dt.datetime | None = None) -> r.Overdracht:
        nu = nu or nu_utc()
        with self._transactie() as s:
            rij, wie = self._mag_wijzigen(s, medewerker, overdracht_id)
            rij.bot_gepauzeerd = bool(gepauzeerd)
            self._audit(s, rij.id, wie.id, "bot gepauzeerd" if gepauzeerd else "bot hervat", nu)
            return self._record(s, rij, nu, met_pakket=False)

    def auditlog(self, medewerker: r.Medewerker, overdracht_id: int) -> list[r.AuditRegel]:
        with self._transactie() as s:
            rij, _ = self._zichtbaar(s, medewerker, overdracht_id)
            wie = aliased(m.Medewerker)
            vraag = select(m.AuditRegel, wie.naam).outerjoin(wie, wie.id == m.AuditRegel.medewerker_id) \
                .where(m.AuditRegel.overdracht_id == rij.id).order_by(m.AuditRegel.tijdstip, m.AuditRegel.id)
            return [r.AuditRegel(a.id, a.overdracht_id, a.medewerker_id, naam, a.actie, a.tijdstip)
                    for a, naam in s.execute(vraag)]

    def escaleer_te_laat(self, kennisbank: Kennisbank | None = None, nu: dt.datetime | None = None) -> int:
        """One 'te_laat' notification per overdue handoff, once. Targets come from the team in the knowledge base."""
        from wegwijs.kennis import laad_kennisbank

        nu = nu or nu_utc()
        teams = {t.id: t for t in alle_teams(kennisbank or laad_kennisbank())}
        with self._transactie() as s:
            kandidaten = s.scalars(select(m.Overdracht).where(m.Overdracht.status.in_((st.NIEUW, st.OPGEPAKT)),
                                                              m.Overdracht.geescaleerd.is_(None),
                                                              m.Overdracht.verwijderd.is_(None),
                                                              m.Overdracht.reactie_uiterlijk < lokale_datum(nu)))
            aantal = 0
            for rij in kandidaten.all():
                if not te_laat(rij.reactie_uiterlijk, rij.status, nu):
                    continue
                # claim the row first: of two deliverers at the same moment only one changes it (the other waits for
                # the row lock, then finds it claimed), so only one notice goes out
                geclaimd = s.execute(update(m.Overdracht).where(m.Overdracht.id == rij.id,
                                                                m.Overdracht.geescaleerd.is_(None))
                                     .values(geescaleerd=nu).execution_options(synchronize_session=False))
                if geclaimd.rowcount != 1:
                    continue
                team = teams.get(rij.team_id)
                self._meld(s, rij, team.naam if team else rij.team_id, "te_laat", _doelen(team), nu)
                aantal += 1
            return aantal
