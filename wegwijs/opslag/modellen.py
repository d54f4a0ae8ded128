"""The tables. Times are stored as UTC without timezone (SQLite has none) and come back timezone-aware."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Text,
                        TypeDecorator)
from sqlalchemy.orm import declarative_base

NAMING = {"ix": "ix_%(table_name)s_%(column_0_name)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s"}
Base = declarative_base(metadata=MetaData(naming_convention=NAMING))


class UtcDateTime(TypeDecorator):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a time without timezone cannot be stored; use UTC")
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        return value.replace(tzinfo=dt.timezone.utc) if value is not None else None


class Team(Base):
    __tablename__ = "teams"
    id = Column(String(64), primary_key=True)
    naam = Column(String(200), nullable=False)
    gemeente = Column(String(100), nullable=False, index=True)


class Medewerker(Base):
    __tablename__ = "medewerkers"
    id = Column(Integer, primary_key=True)
    naam = Column(String(200), nullable=False)
    email = Column(String(254), nullable=False, unique=True)
    team_id = Column(String(64), ForeignKey("teams.id"), nullable=False, index=True)
    rol = Column(String(20), nullable=False)
    wachtwoord_hash = Column(String(300), nullable=False)
    aangemaakt = Column(UtcDateTime, nullable=False)


class Sessie(Base):
    __tablename__ = "sessies"
    token_hash = Column(String(64), primary_key=True)
    medewerker_id = Column(Integer, ForeignKey("medewerkers.id", ondelete="CASCADE"), nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    aangemaakt = Column(UtcDateTime, nullable=False)
    verloopt = Column(UtcDateTime, nullable=False)


class Overdracht(Base):
    __tablename__ = "overdrachten"
    id = Column(Integer, primary_key=True)
    kanaal = Column(String(50), nullable=False)
    gesprek_id = Column(String(200), nullable=False)
    team_id = Column(String(64), ForeignKey("teams.id"), nullable=False, index=True)
    eigenaar_id = Column(Integer, ForeignKey("medewerkers.id"), index=True)
    status = Column(String(20), nullable=False, index=True)
    urgentie = Column(Integer, nullable=False, default=0)
    pakket = Column(JSON, nullable=False)
    aangemaakt = Column(UtcDateTime, nullable=False)
    opgepakt = Column(UtcDateTime)
    contact_gehad = Column(UtcDateTime)
    afgerond = Column(UtcDateTime)
    uitkomst = Column(Text)
    reactie_uiterlijk = Column(Date, nullable=False)
    geescaleerd = Column(UtcDateTime)
    bot_gepauzeerd = Column(Boolean, nullable=False, default=False)
    verwijderd = Column(UtcDateTime)  # withdrawn at the person's request: nothing of the person is left
    __table_args__ = (Index("ix_overdrachten_gesprek", "kanaal", "gesprek_id"),)


class Toestemming(Base):
    __tablename__ = "toestemmingen"
    id = Column(Integer, primary_key=True)
    overdracht_id = Column(Integer, ForeignKey("overdrachten.id", ondelete="CASCADE"), nullable=False, index=True)
    team_id = Column(String(64), nullable=False)
    onderdelen = Column(JSON, nullable=False)
    tekst = Column(Text, nullable=False)
    tijdstip = Column(UtcDateTime, nullable=False)


class Notitie(Base):
    __tablename__ = "notities"
    id = Column(Integer, primary_key=True)
    overdracht_id = Column(Integer, ForeignKey("overdrachten.id", ondelete="CASCADE"), nullable=False, index=True)
    medewerker_id = Column(Integer, ForeignKey("medewerkers.id"), nullable=False)
    tekst = Column(Text, nullable=False)
    tijdstip = Column(UtcDateTime, nullable=False)


class Contactpoging(Base):
    __tablename__ = "contactpogingen"
    id = Column(Integer, primary_key=True)
    overdracht_id = Column(Integer, ForeignKey("overdrachten.id", ondelete="CASCADE"), nullable=False, index=True)
    medewerker_id = Column(Integer, ForeignKey("medewerkers.id"), nullable=False)
    datum = Column(Date, nullable=False)
    kanaal = Column(String(20), nullable=False)
    resultaat = Column(String(30), nullable=False)
    toelichting = Column(Text)
    tijdstip = Column(UtcDateTime, nullable=False)


class Bericht(Base):
    __tablename__ = "berichten"
    id = Column(Integer, primary_key=True)
    overdracht_id = Column(Integer, ForeignKey("overdrachten.id", ondelete="CASCADE"), nullable=False, index=True)
    medewerker_id = Column(Integer, ForeignKey("medewerkers.id"), nullable=False)
    tekst = Column(Text, nullable=False)
    tijdstip = Column(UtcDateTime, nullable=False)
    # the idempotency key, chosen before the first send and the same on every resend: Rasa keeps it in the bot
    # event's metadata, and a channel delivers each key at most once
    antwoord_id = Column(String(36), nullable=False, unique=True)
    status = Column(String(12), nullable=False)  # onbekend, bezorgd, mislukt (wegwijs.opslag.records)
    bezorgd = Column(UtcDateTime)  # when it was found delivered
    fout = Column(Text)  # why the last attempt to deliver failed or could not be confirmed


class AuditRegel(Base):
    """Who looked at or changed which handoff. No content, and no foreign key: it outlives a deleted handoff."""

    __tablename__ = "audit"
    id = Column(Integer, primary_key=True)
    overdracht_id = Column(Integer, nullable=False, index=True)
    medewerker_id = Column(Integer, ForeignKey("medewerkers.id"))
    actie = Column(String(100), nullable=False)   # e.g. "verplaatst naar " and a team id
    tijdstip = Column(UtcDateTime, nullable=False)


class Melding(Base):
    """Outbox: one notification to deliver. Holds no personal data and only the NAME of the target's variable."""

    __tablename__ = "outbox"
    id = Column(Integer, primary_key=True)
    sleutel = Column(String(36), nullable=False, unique=True)  # idempotency key, the same on every retry
    soort = Column(String(30), nullable=False)  # nieuwe_aanvraag, te_laat
    doel = Column(String(10), nullable=False)  # webhook, email
    doel_env = Column(String(100), nullable=False)
    overdracht_id = Column(Integer, ForeignKey("overdrachten.id", ondelete="CASCADE"), nullable=False, index=True)
    inhoud = Column(JSON, nullable=False)
    status = Column(String(12), nullable=False, index=True)  # wachtend, bezig, verstuurd
    pogingen = Column(Integer, nullable=False, default=0)
    volgende_poging = Column(UtcDateTime, nullable=False)
    bezig_tot = Column(UtcDateTime)
    laatste_fout = Column(Text)
    aangemaakt = Column(UtcDateTime, nullable=False)
    verstuurd = Column(UtcDateTime)
