"""The knowledge base as the check uses it: norms with dated values, facts, schemes with their conditions."""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from wegwijs.kennis.formule import Formule

UITKOMSTEN = ("waarschijnlijk_wel", "misschien", "waarschijnlijk_niet")


@dataclass(frozen=True)
class Bron:
    titel: str
    url: str | None = None
    geraadpleegd: dt.date | None = None
    gepubliceerd: dt.date | None = None  # the date of the publication itself


@dataclass(frozen=True)
class Norm:
    """A legal amount with values by start date, optionally chosen by the value of one or two facts (`per`)."""

    naam: str
    beschrijving: str
    eenheid: str
    per: tuple[str, ...]
    vanaf: tuple[dt.date, ...]  # sorted start dates
    waarden: tuple[Any, ...]  # value (number, or nested maps keyed by the per-facts' values) for each start date
    bron: tuple[Bron, ...]
    # the last day on which the last value is known to apply (the next one is not published yet); None: until
    # the law changes (a percentage in the law itself)
    bekend_tot: dt.date | None = None
    nagekeken: bool = True  # False: the value could not be checked against an official source yet

    def onzeker_op(self, peildatum: dt.date) -> bool:
        """True when the value used on peildatum is not certain: past what is known, or not checked."""
        return not self.nagekeken or self.verouderd_op(peildatum)

    def op(self, peildatum: dt.date) -> Any:
        """The value in force on peildatum (still keyed by the per-facts), or None before the first date."""
        index = bisect.bisect_right(self.vanaf, peildatum) - 1
        return self.waarden[index] if index >= 0 else None

    def verouderd_op(self, peildatum: dt.date) -> bool:
        """True when peildatum is past what is known: the last value is used, but it may have changed."""
        return self.bekend_tot is not None and peildatum > self.bekend_tot


@dataclass(frozen=True)
class Feit:
    naam: str
    label: str
    soort: str  # geld, geld_jaar, bedrag, jaren, getal, procent, ja_nee, woord
    wel: str | None = None
    niet: str | None = None
    waarden: tuple[str, ...] = ()
    geschat: bool = False


@dataclass(frozen=True)
class Voorwaarde:
    """One test on one fact: `toets` is minimaal, maximaal, is or een_van."""

    feit: str
    toets: str
    grens: Formule | tuple[Any, ...]  # a tuple of words/values for een_van
    bij_niet_voldaan: str = "waarschijnlijk_niet"
    reden_wel: str | None = None
    reden_niet: str | None = None


@dataclass(frozen=True)
class KindThuis:
    """At least one child aged van..tot (both included) lives at home."""

    van: int
    tot: int
    bij_niet_voldaan: str = "waarschijnlijk_niet"
    reden_wel: str | None = None
    reden_niet: str | None = None


@dataclass(frozen=True)
class EenVanDeze:
    """A group that holds when one of its conditions holds."""

    onderdelen: tuple[Voorwaarde | KindThuis | EenVanDeze, ...]


@dataclass(frozen=True)
class Regeling:
    id: str
    naam: str
    gemeente: str | None  # None for a national scheme
    geldig_vanaf: dt.date
    geldig_tot: dt.date | None
    uitleg: str
    voor_wie: str
    voorwaarden: tuple[Voorwaarde | KindThuis | EenVanDeze, ...]
    aanvragen: dict[str, str]
    klaarleggen: tuple[str, ...]
    terugbetalen: str
    wijzigingen_doorgeven: tuple[str, ...]
    bron: tuple[Bron, ...]
    laatst_gecontroleerd: dt.date
    bestand: str
    uitvoerder: str | None = None
    bedrag_per_maand: Formule | None = None
    bedrag_toelichting: str | None = None
    bezwaar: str | None = None

    reden_geen_bedrag: str | None = None  # why the outcome is no when every condition holds but the amount is 0
    stopt: bool = False  # the scheme ends for good at geldig_tot: no next version is to be expected

    def geldig_op(self, peildatum: dt.date) -> bool:
        return self.geldig_vanaf <= peildatum and (self.geldig_tot is None or peildatum <= self.geldig_tot)

    def voortgezet_op(self, peildatum: dt.date) -> bool:
        """True when this version ended before peildatum and is used because no newer one is known yet."""
        return self.geldig_tot is not None and peildatum > self.geldig_tot


@dataclass(frozen=True)
class Buurtteam:
    """A team a person can be handed over to (knowledge/gemeenten/<naam>/buurtteams.yaml)."""

    id: str
    naam: str
    gemeente: str  # Gemeente.naam
    gebied: str
    postcodes: tuple[tuple[int, int], ...]
    telefoon: str
    openingstijden: str
    reactie_werkdagen: int
    algemeen: bool = False  # the team for people of this municipality whose postcode is not known
    website: str | None = None
    adres: str | None = None
    webhook_env: str | None = None  # NAME of the environment variable holding the webhook URL
    email_env: str | None = None  # NAME of the environment variable holding the e-mail address
    bron: tuple[Bron, ...] = ()

    def heeft_postcode(self, cijfers: int) -> bool:
        return any(laag <= cijfers <= hoog for laag, hoog in self.postcodes)


@dataclass(frozen=True)
class Gemeente:
    sleutel: str  # folder name, lowercase
    naam: str
    website: str | None
    postcodes: tuple[tuple[int, int], ...]
    contact: dict[str, Any]
    bron: tuple[Bron, ...]
    teams: tuple[Buurtteam, ...] = ()
    # what people also call it: nicknames, the area code, districts and villages of the municipality (lowercase)
    ook_genoemd: tuple[str, ...] = ()

    def heeft_postcode(self, cijfers: int) -> bool:
        return any(laag <= cijfers <= hoog for laag, hoog in self.postcodes)


@dataclass
class Kennisbank:
    map: str
    feiten: dict[str, Feit]
    normen: dict[str, Norm]
    landelijk: list[Regeling]
    gemeenten: dict[str, Gemeente]
    gemeentelijk: dict[str, list[Regeling]] = field(default_factory=dict)  # by Gemeente.sleutel
    # every municipality of the country (knowledge/gemeentelijst.yaml): typed form -> official name
    gemeentelijst: dict[str, str] = field(default_factory=dict)
    _normen_op: dict = field(default_factory=dict, repr=False, compare=False)

    def norm_op(self, naam: str, peildatum: dt.date) -> Any:
        """A norm's value in force on peildatum; the same for every household checked on that day, so kept."""
        sleutel = (naam, peildatum)
        if sleutel not in self._normen_op:
            self._normen_op[sleutel] = self.normen[naam].op(peildatum)
        return self._normen_op[sleutel]

    def gemeente(self, naam: str | None) -> Gemeente | None:
        return self.gemeenten.get(naam.strip().lower()) if naam else None

    def gemeente_bij_postcode(self, postcode: str | None) -> Gemeente | None:
        digits = "".join(ch for ch in (postcode or "")[:4] if ch.isdigit())
        if len(digits) != 4:
            return None
        return next((g for g in self.gemeenten.values() if g.heeft_postcode(int(digits))), None)

    def regelingen(self, gemeente: str | None, peildatum: dt.date) -> list[Regeling]:
        """National schemes and the municipality's own, as they apply on peildatum. A scheme whose last version
        ended before peildatum is given in that version (the last known rules; Regeling.voortgezet_op), unless it
        stops for good: a new year never makes a scheme silently disappear."""
        lokaal = self.gemeente(gemeente)
        alle = self.landelijk + (self.gemeentelijk.get(lokaal.sleutel, []) if lokaal else [])
        per_id: dict[tuple[str | None, str], list[Regeling]] = {}
        for regeling in alle:
            per_id.setdefault((regeling.gemeente, regeling.id), []).append(regeling)
        gekozen = []
        for versies in per_id.values():
            geldig = [r for r in versies if r.geldig_op(peildatum)]
            if not geldig:
                voorbij = [r for r in versies if r.voortgezet_op(peildatum)]
                laatste = max(voorbij, key=lambda r: r.geldig_vanaf, default=None)
                geldig = [laatste] if laatste is not None and not laatste.stopt and \
                    not any(r.geldig_vanaf > laatste.geldig_vanaf for r in versies) else []
            gekozen += geldig
        return gekozen

    def regeling(self, id: str, gemeente: str | None = None, peildatum: dt.date | None = None) -> Regeling | None:
        """One scheme by id: the municipality's own version first, else the national one."""
        peildatum = peildatum or dt.date.today()
        kandidaten = [r for r in self.regelingen(gemeente, peildatum) if r.id == id]
        if not kandidaten and gemeente is None:  # municipal scheme asked for without a municipality: any will do
            kandidaten = [r for lijst in self.gemeentelijk.values() for r in lijst if r.id == id and r.geldig_op(peildatum)]
        kandidaten.sort(key=lambda r: r.gemeente is None)
        return kandidaten[0] if kandidaten else None
