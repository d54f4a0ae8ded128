"""Consent, item by item: the person sees exactly what will be shared, with which team and why, and may leave
items out. No consent, no handoff. The packet holds only what was agreed to, as it was shown."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from wegwijs.fouten import OngeldigeInvoer
from wegwijs.kennis.model import Buurtteam
from wegwijs.overdracht import pakket as p
from wegwijs.overdracht.contact import Contactvoorkeur
from wegwijs.overdracht.signalen import SIGNAAL_TEKSTEN, gesorteerd, urgentie
from wegwijs.overdracht.werkdagen import nu_utc

ONDERDELEN = ("vraag", "zorgen", "huishouden", "regelingen", "budget", "contact")
VERPLICHT = "contact"
_TITELS = {"vraag": "Uw vraag, in uw eigen woorden", "zorgen": "Wat u zorgen geeft",
           "huishouden": "Uw situatie", "regelingen": "De regelingen die we samen hebben bekeken, met de uitleg die u van mij kreeg",
           "budget": "Wat u ongeveer overhoudt", "contact": "Hoe u contact wilt"}
_WAAROM = {
    "vraag": "Dan hoeft u uw verhaal niet opnieuw te vertellen.",
    "zorgen": "Dan weet de medewerker wat haast heeft.",
    "huishouden": "Dan kan de medewerker meteen meedenken over wat bij u past.",
    "regelingen": "Dan kan de medewerker nakijken wat u misschien kunt krijgen, en helpen met aanvragen.",
    "budget": "Dan kan de medewerker meedenken over rondkomen.",
    "contact": "Anders kan het buurtteam u niet bereiken.",
}
VERSIE = 1


@dataclass(frozen=True)
class Onderdeel:
    sleutel: str
    titel: str
    regels: tuple[str, ...]  # exactly the lines the team will see
    waarom: str


@dataclass(frozen=True)
class Toestemming:
    team_id: str
    team_naam: str
    onderdelen: tuple[str, ...]
    tijdstip: dt.datetime
    tekst: str  # the consent question with only the agreed items: what was agreed to, nothing else is kept
    regels: dict  # sleutel -> the lines shown for each agreed item

    def als_dict(self) -> dict:
        return {"team_id": self.team_id, "team_naam": self.team_naam, "onderdelen": list(self.onderdelen),
                "tijdstip": self.tijdstip.isoformat(), "tekst": self.tekst,
                "regels": {k: list(v) for k, v in self.regels.items()}}

    @classmethod
    def uit_dict(cls, data: dict) -> "Toestemming":
        return cls(data["team_id"], data["team_naam"], tuple(data["onderdelen"]),
                   dt.datetime.fromisoformat(data["tijdstip"]), data["tekst"],
                   {k: tuple(v) for k, v in data["regels"].items()})


def _regels(sleutel: str, gegevens: p.Gesprekgegevens, contact: Contactvoorkeur | None) -> tuple[str, ...]:
    if sleutel == "vraag":
        return (gegevens.vraag.strip(),) if (gegevens.vraag or "").strip() else ()
    if sleutel == "zorgen":
        return p.zorgen_regels(gegevens)
    if sleutel == "huishouden":
        return p.huishouden_regels(gegevens.huishouden) if gegevens.huishouden else ()
    if sleutel == "regelingen":
        return p.regeling_regels(gegevens.uitslag) if gegevens.uitslag else ()
    if sleutel == "budget":
        budget = p.budget(gegevens.uitslag) if gegevens.uitslag else None
        return tuple(budget["samenvatting"]) if budget else ()
    return contact.regels() if contact else ()


def onderdelen(gegevens: p.Gesprekgegevens, contact: Contactvoorkeur | None) -> list[Onderdeel]:
    """The consent items that have content, in a fixed order."""
    gevonden = [(s, _regels(s, gegevens, contact)) for s in ONDERDELEN]
    return [Onderdeel(s, _TITELS[s], regels, _WAAROM[s]) for s, regels in gevonden if regels]


def toestemmingsvraag(getoond: list[Onderdeel], team: Buurtteam) -> str:
    delen = [f"Ik wil dit doorgeven aan {team.naam}. Dan neemt een medewerker contact met u op. "
             f"Dit is wat het buurtteam dan van mij krijgt:"]
    for nummer, onderdeel in enumerate(getoond, 1):
        regels = "\n".join(f"  - {r}" for r in onderdeel.regels)
        delen.append(f"{nummer}. {onderdeel.titel}. {onderdeel.waarom}\n{regels}")
    delen.append("U kiest zelf. U kunt een onderdeel weglaten of veranderen. Zonder uw ja geef ik niets door.")
    delen.append("Goed om te weten: als een kind of een volwassene in gevaar is, moet de medewerker daar iets mee "
                 "doen. Ook als u dat liever niet heeft.")
    return "\n\n".join(delen)


def geef_toestemming(gekozen: Iterable[str], team: Buurtteam, getoond: list[Onderdeel],
                     nu: dt.datetime | None = None) -> Toestemming:
    """The consent record for the items the person said yes to; raises OngeldigeInvoer."""
    gekozen = set(gekozen)
    per_sleutel = {o.sleutel: o for o in getoond}
    onbekend = sorted(gekozen - set(ONDERDELEN))
    if onbekend:
        raise OngeldigeInvoer(f"Onbekend onderdeel: {', '.join(onbekend)}.")
    niet_getoond = sorted(gekozen - set(per_sleutel))
    if niet_getoond:
        raise OngeldigeInvoer("U kunt alleen toestemming geven voor wat u gezien heeft.")
    if VERPLICHT not in gekozen:
        raise OngeldigeInvoer("Zonder een manier om u te bereiken kan het buurtteam geen contact met u opnemen. "
                              f"U kunt ook zelf bellen: {team.telefoon}.")
    gekozen_op_volgorde = tuple(s for s in ONDERDELEN if s in gekozen)
    akkoord = [per_sleutel[s] for s in gekozen_op_volgorde]
    return Toestemming(team.id, team.naam, gekozen_op_volgorde, nu or nu_utc(), toestemmingsvraag(akkoord, team),
                       {o.sleutel: o.regels for o in akkoord})


def maak_pakket(gegevens: p.Gesprekgegevens, contact: Contactvoorkeur, toestemming: Toestemming,
                team: Buurtteam) -> dict:
    """The handoff packet (JSON-able) with only the consented items, exactly as the person saw them."""
    if toestemming.team_id != team.id:
        raise OngeldigeInvoer(f"De toestemming is gegeven voor {toestemming.team_naam}, niet voor {team.naam}.")
    for sleutel in toestemming.onderdelen:
        if _regels(sleutel, gegevens, contact) != toestemming.regels[sleutel]:
            raise OngeldigeInvoer("De gegevens zijn veranderd nadat u toestemming gaf. Kijk ze nog een keer na.")
    mag = set(toestemming.onderdelen)
    uit: dict = {"versie": VERSIE}
    if "vraag" in mag:
        uit["vraag"] = gegevens.vraag.strip()
    if "zorgen" in mag:
        uit["zorgen"] = list(gegevens.zorgen)
        uit["signalen"] = [{"sleutel": s, "tekst": SIGNAAL_TEKSTEN[s]} for s in gesorteerd(gegevens.signalen)]
    if "huishouden" in mag:
        uit["huishouden"] = list(p.huishouden_regels(gegevens.huishouden))
    if "regelingen" in mag:
        uit["regelingen"] = p.regelingen(gegevens.uitslag)
    if "budget" in mag:
        uit["budget"] = p.budget(gegevens.uitslag)
    uit["contact"] = contact.als_dict()
    uit["toestemming"] = toestemming.als_dict()
    uit["team"] = {"id": team.id, "naam": team.naam}
    return uit


def urgentie_van_pakket(pakket: dict) -> int:
    return urgentie(s["sleutel"] for s in pakket.get("signalen") or [])
