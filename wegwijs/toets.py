"""The eligibility check: a household against every scheme that applies, with a reason for every condition.

Outcomes are an indication. A failed condition gives 'waarschijnlijk_niet' (with by how much); a missing fact,
an estimate close to its limit or a condition the municipality weighs case by case gives 'misschien'.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from wegwijs import taal
from wegwijs.feiten import Huishouden
from wegwijs.huishouden import valideer_of_fout
from wegwijs.kennis import laad_kennisbank
from wegwijs.kennis.formule import Formule, Onbekend
from wegwijs.kennis.model import EenVanDeze, Feit, Kennisbank, KindThuis, Regeling, Voorwaarde

VOLDAAN, NIET, ONBEKEND, TWIJFEL = "voldaan", "niet", "onbekend", "twijfel"
VOLGORDE = {"waarschijnlijk_wel": 0, "misschien": 1, "waarschijnlijk_niet": 2}
BEDRAG_SOORTEN = frozenset({"geld", "geld_jaar", "bedrag", "procent"})  # facts that are (shares of) amounts
HELE_HUUR = ("Ik rekende de huurtoeslag uit met uw hele huur. Zitten daar servicekosten in, dan is de huurtoeslag "
             "wat lager. De kale huur staat op uw huurcontract of op de brief over de huurverhoging.")
# a child of 18-20 at home is not counted in the parents' schemes, and has rights of its own
EIGEN_RECHTEN_18_TOT_21 = ("Er woont een kind van 18, 19 of 20 jaar bij u. Dat kind kan zelf recht hebben op "
                           "zorgtoeslag. Soms ook op studiefinanciering of een eigen uitkering. Het buurtteam kan "
                           "daarbij helpen.")
NIET_NAGEKEKEN = ("Een deel van de bedragen kon ik nog niet in een officiële bron nakijken. Daarom is de uitkomst "
                  "minder zeker dan anders.")
ONZEKER_DOOR_DATUM = ("Niet alle bedragen en regels hiervoor zijn zeker: sommige zijn nog niet bekend of nog niet "
                      "nagekeken. Ik reken met de beste die ik heb. Daarom weet ik dit niet zeker.")


class Oordeel(NamedTuple):
    """The result of one condition: its status and the plain-Dutch reason."""

    status: str
    reden: str


def toets(huishouden: dict, kennisbank: Kennisbank | None = None) -> dict:
    """Check a household document against every scheme of its municipality on its peildatum.

    Raises OngeldigeInvoer (plain Dutch, naming the field) when the document does not fit the contract.
    """
    valideer_of_fout(huishouden)
    kennisbank = kennisbank or laad_kennisbank()
    peildatum = dt.date.fromisoformat(huishouden["peildatum"]) if huishouden.get("peildatum") else dt.date.today()
    gemeente = kennisbank.gemeente(huishouden.get("gemeente")) or kennisbank.gemeente_bij_postcode(huishouden.get("postcode"))
    naam_gemeente = gemeente.naam if gemeente else huishouden.get("gemeente")
    h = Huishouden(huishouden, kennisbank, peildatum)
    regelingen = kennisbank.regelingen(naam_gemeente, peildatum)
    uitkomsten = [toets_regeling(r, h) for r in regelingen]
    uitkomsten.sort(key=lambda u: (VOLGORDE[u["uitkomst"]], -(u["bedrag_per_maand"] or 0)))
    opmerkingen = []
    if h.get("huur") is not None and h.document.get("kale_huur_per_maand") is None and any(
            u["id"] == "huurtoeslag" and u["uitkomst"] != "waarschijnlijk_niet" for u in uitkomsten):
        opmerkingen.append(HELE_HUUR)
    if any(18 <= kind["leeftijd"] <= 20 for kind in h._thuis()):
        opmerkingen.append(EIGEN_RECHTEN_18_TOT_21)
    bekend_tot = [*h.verouderde_normen.values(), *(r.geldig_tot for r in regelingen if r.voortgezet_op(peildatum))]
    if bekend_tot:
        opmerkingen.append(melding_oude_bedragen(peildatum, min(bekend_tot)))
    if h.niet_nagekeken:
        opmerkingen.append(NIET_NAGEKEKEN)
    if naam_gemeente and not gemeente:
        opmerkingen.append(f"Voor de gemeente {naam_gemeente} kennen we de regelingen van de gemeente nog niet. "
                           f"U ziet hier alleen de landelijke regelingen.")
    elif not naam_gemeente:
        opmerkingen.append("We weten uw gemeente niet. U ziet hier alleen de landelijke regelingen.")
    from wegwijs.budget import rondkomen  # budget builds on the scheme outcomes above

    return {
        "peildatum": peildatum.isoformat(),
        "gemeente": naam_gemeente,
        "regelingen": uitkomsten,
        "budget": rondkomen(h, uitkomsten),
        "opmerkingen": opmerkingen,
    }


def melding_oude_bedragen(peildatum: dt.date, bekend_tot: dt.date) -> str:
    """What the person reads when the check uses amounts or rules of before peildatum (none newer are known)."""
    if peildatum.year > bekend_tot.year:
        return (f"De bedragen voor {peildatum.year} zijn nog niet bekend. Ik reken met die van {bekend_tot.year}. "
                f"Daarom is de uitkomst minder zeker dan anders.")
    return (f"Een deel van de bedragen van na {taal.datum(bekend_tot)} is nog niet bekend. Ik reken met de bedragen "
            f"van daarvoor. Daarom is de uitkomst minder zeker dan anders.")


def toets_regeling(regeling: Regeling, h: Huishouden) -> dict:
    """One scheme for one household. When the scheme reads a norm whose value on peildatum is not known yet (the
    last known is used), or its own rules ended, an outcome that an amount decides is 'misschien'."""
    with h.verzamel() as verouderd:
        oordelen = [_beoordeel(v, regeling, h) for v in regeling.voorwaarden]
        bedrag = _bedrag(regeling, h, oordelen)
    statussen = {o.status for o in oordelen}
    if NIET in statussen:
        uitkomst, beslissend = "waarschijnlijk_niet", {NIET}
    elif statussen & {ONBEKEND, TWIJFEL}:
        uitkomst, beslissend = "misschien", {ONBEKEND, TWIJFEL}
    else:
        uitkomst, beslissend = "waarschijnlijk_wel", {VOLDAAN}
    # the reasons that decide the outcome first, then the others
    redenen = [o.reden for o in oordelen if o.status in beslissend] + [o.reden for o in oordelen if o.status not in beslissend]
    if uitkomst == "waarschijnlijk_niet":
        bedrag = None
    if bedrag == 0 and uitkomst == "waarschijnlijk_wel":  # every condition holds, but the amount comes to nothing
        uitkomst = "waarschijnlijk_niet"
        redenen.insert(0, regeling.reden_geen_bedrag or f"Met wat u heeft opgegeven, komt {regeling.naam} voor u "
                                                        f"uit op {taal.euro(0)} per maand.")
    if (verouderd or regeling.voortgezet_op(h.peildatum)) and uitkomst != "misschien":
        bepalend = [v for v, o in zip(regeling.voorwaarden, oordelen) if o.status in beslissend]
        if any(_over_bedrag(v, h) for v in bepalend) or regeling.bedrag_per_maand and bedrag is not None:
            uitkomst = "misschien"
            redenen.insert(0, ONZEKER_DOOR_DATUM)
    return {
        "id": regeling.id,
        "naam": regeling.naam,
        "uitkomst": uitkomst,
        "redenen": redenen,
        "bedrag_per_maand": bedrag,
        "volgende_stap": regeling.aanvragen.get("hoe"),
        "link": regeling.aanvragen.get("link"),
        "uitvoerder": regeling.uitvoerder,
        "gemeente": regeling.gemeente,
    }


def _bedrag(regeling: Regeling, h: Huishouden, oordelen: list[Oordeel]) -> float | None:
    """The amount per month, when the scheme has one and no condition failed."""
    if regeling.bedrag_per_maand is None or any(o.status == NIET for o in oordelen):
        return None
    waarde = regeling.bedrag_per_maand.waarde(h.waarde, h.kinderen)
    return round(max(0.0, float(waarde)), 2) if waarde is not None else None


def _over_bedrag(voorwaarde: Voorwaarde | KindThuis | EenVanDeze, h: Huishouden) -> bool:
    """Whether the condition compares an amount (income, savings, rent, a share of the bijstandsnorm)."""
    if isinstance(voorwaarde, EenVanDeze):
        return any(_over_bedrag(deel, h) for deel in voorwaarde.onderdelen)
    if isinstance(voorwaarde, KindThuis):
        return False
    return voorwaarde.toets in ("minimaal", "maximaal") and h.kennisbank.feiten[voorwaarde.feit].soort in BEDRAG_SOORTEN


# -- one condition ---------------------------------------------------------------------------------------------

def _beoordeel(voorwaarde: Voorwaarde | KindThuis | EenVanDeze, regeling: Regeling, h: Huishouden) -> Oordeel:
    if isinstance(voorwaarde, EenVanDeze):
        return _een_van_deze(voorwaarde, regeling, h)
    if isinstance(voorwaarde, KindThuis):
        return _kind_thuis(voorwaarde, regeling, h)
    feit = h.kennisbank.feiten[voorwaarde.feit]
    waarde = h.get(voorwaarde.feit)
    if waarde is None:
        return Oordeel(ONBEKEND, _reden_onbekend(voorwaarde.feit, regeling, h))
    if voorwaarde.toets in ("minimaal", "maximaal"):
        return _vergelijk(voorwaarde, feit, waarde, regeling, h)
    grens = voorwaarde.grens.waarde(h.waarde, h.kinderen) if isinstance(voorwaarde.grens, Formule) else voorwaarde.grens
    voldaan = waarde == grens if voorwaarde.toets == "is" else waarde in grens
    gegeven = _beschrijf(feit, waarde)
    if voldaan:
        return Oordeel(VOLDAAN, _eigen(voorwaarde.reden_wel, waarde, grens, None, feit) or gegeven)
    reden = _eigen(voorwaarde.reden_niet, waarde, grens, None, feit) or f"{gegeven} {_gevolg(voorwaarde, regeling)}"
    return Oordeel(_status_niet(voorwaarde), reden)


def _kind_thuis(voorwaarde: KindThuis, regeling: Regeling, h: Huishouden) -> Oordeel:
    leeftijd = _leeftijden(voorwaarde.van, voorwaarde.tot)
    try:
        aantal = h.kinderen(voorwaarde.van, voorwaarde.tot)
    except Onbekend:  # the person skipped the question about children: not knowing is not a no
        return Oordeel(ONBEKEND, f"We weten nog niet of er een kind {leeftijd} bij u woont. {_nog_niet(regeling)}")
    if aantal:
        return Oordeel(VOLDAAN, voorwaarde.reden_wel or f"Er woont een kind {leeftijd} bij u.")
    reden = voorwaarde.reden_niet or f"Er woont geen kind {leeftijd} bij u. {_gevolg(voorwaarde, regeling)}"
    return Oordeel(_status_niet(voorwaarde), reden)


def _leeftijden(van: int, tot: int) -> str:
    """An age range in whole years, both included, as words: 'van 4 tot en met 11 jaar', 'jonger dan 18 jaar'."""
    if van == 0:
        return f"jonger dan {tot + 1} jaar"
    if van == tot:
        return f"van {van} jaar"
    return f"van {van} tot en met {tot} jaar"


def _vergelijk(voorwaarde: Voorwaarde, feit: Feit, waarde: float, regeling: Regeling, h: Huishouden) -> Oordeel:
    grens = voorwaarde.grens.waarde(h.waarde, h.kinderen)
    if grens is None:
        missing = [n for n in voorwaarde.grens.namen if h.get(n) is None]
        return Oordeel(ONBEKEND, _reden_onbekend(missing[0] if missing else voorwaarde.feit, regeling, h))
    maximaal = voorwaarde.toets == "maximaal"
    voldaan = waarde <= grens if maximaal else waarde >= grens
    verschil = abs(waarde - grens)
    marge = h.get("schatting.marge") if h.geschat(feit) else None
    if marge is not None and verschil <= abs(grens) * marge / 100:
        return Oordeel(TWIJFEL, f"{_label(feit)} ({_opmaak(feit, waarde)}) ligt dicht bij de grens voor {regeling.naam} "
                                f"({_opmaak(feit, grens)}). Dit is een schatting. Het kan net wel of net niet genoeg zijn.")
    status = VOLDAAN if voldaan else _status_niet(voorwaarde)
    eigen = _eigen(voorwaarde.reden_wel if voldaan else voorwaarde.reden_niet, waarde, grens, verschil, feit)
    if eigen:
        return Oordeel(status, eigen)
    w, g = _opmaak(feit, waarde), _opmaak(feit, grens)
    if voldaan and maximaal:
        return Oordeel(status, f"{_label(feit)} ({w}) is niet hoger dan de grens voor {regeling.naam} ({g}).")
    if voldaan:
        return Oordeel(status, f"{_label(feit)} ({w}) is hoog genoeg voor {regeling.naam} (minimaal {g}).")
    if maximaal:
        reden = f"{_label(feit)} ({w}) is {_opmaak(feit, verschil)} hoger dan de grens voor {regeling.naam} ({g})."
    else:
        reden = f"{_label(feit)} ({w}) is lager dan nodig voor {regeling.naam} (minimaal {g})."
    if voorwaarde.bij_niet_voldaan == "misschien":
        reden += " De gemeente kijkt wel naar uw eigen situatie."
    return Oordeel(status, reden)


_LABELS: dict[str, str] = {}
_PLAATSHOUDERS: dict[str, tuple[str, ...]] = {}  # which of {waarde} {grens} {verschil} an editor's sentence uses


def _label(feit: Feit) -> str:
    """The fact's label at the start of a sentence."""
    label = _LABELS.get(feit.label)
    if label is None:
        label = _LABELS[feit.label] = feit.label[0].upper() + feit.label[1:]
    return label


def _een_van_deze(groep: EenVanDeze, regeling: Regeling, h: Huishouden) -> Oordeel:
    oordelen = [_beoordeel(deel, regeling, h) for deel in groep.onderdelen]
    for status in (VOLDAAN, ONBEKEND, TWIJFEL):
        gekozen = [o for o in oordelen if o.status == status]
        if gekozen:
            return Oordeel(status, gekozen[0].reden if status == VOLDAAN else " ".join(o.reden for o in gekozen))
    status = NIET if any(o.status == NIET for o in oordelen) else TWIJFEL
    return Oordeel(status, _reden_groep_niet(groep, oordelen, regeling))


def _reden_groep_niet(groep: EenVanDeze, oordelen: list[Oordeel], regeling: Regeling) -> str:
    """Why none of the group holds, naming the limit that failed: an editor's own sentence first, else a limit
    (a fact such as 'U woont samen met een partner' is not itself the reason), then the consequence once."""
    delen = list(zip(groep.onderdelen, oordelen))
    gekozen = ([o.reden for d, o in delen if getattr(d, "reden_niet", None)]
               or [o.reden for d, o in delen if getattr(d, "toets", None) in ("minimaal", "maximaal")]
               or [o.reden for _, o in delen])
    reden = " ".join(gekozen)
    gevolg = f"{regeling.naam} is daarom waarschijnlijk niet voor u."
    if any(o.status == NIET for o in oordelen) and gevolg not in reden:
        reden += " " + gevolg
    return reden


def _status_niet(voorwaarde: Voorwaarde | KindThuis) -> str:
    return TWIJFEL if voorwaarde.bij_niet_voldaan == "misschien" else NIET


def _gevolg(voorwaarde: Voorwaarde | KindThuis, regeling: Regeling) -> str:
    """What a failed condition means for the scheme."""
    if voorwaarde.bij_niet_voldaan == "misschien":
        return f"Daardoor weten we niet zeker of u {regeling.naam} kunt krijgen."
    return f"{regeling.naam} is daarom waarschijnlijk niet voor u."


def _reden_onbekend(naam: str, regeling: Regeling, h: Huishouden) -> str:
    ontbrekend = [h.kennisbank.feiten[n].label for n in h.ontbreekt(naam) if n in h.kennisbank.feiten]
    wat = " en ".join(ontbrekend) if ontbrekend else "een gegeven"
    return f"We weten {wat} nog niet. {_nog_niet(regeling)}"


def _nog_niet(regeling: Regeling) -> str:
    return f"Daardoor kunnen we nog niet zeggen of u {regeling.naam} kunt krijgen."


def _beschrijf(feit: Feit, waarde: Any) -> str:
    if feit.soort == "ja_nee":
        zin = feit.wel if waarde else feit.niet
        if zin:
            return zin
    return f"{_label(feit)}: {_opmaak(feit, waarde)}."


def _eigen(tekst: str | None, waarde: Any, grens: Any, verschil: Any, feit: Feit) -> str | None:
    if not tekst:
        return None
    gebruikt = _PLAATSHOUDERS.get(tekst)
    if gebruikt is None:
        gebruikt = _PLAATSHOUDERS[tekst] = tuple(n for n in ("waarde", "grens", "verschil") if "{" + n + "}" in tekst)
    if not gebruikt:
        return tekst
    waarden = {"waarde": waarde, "grens": grens, "verschil": verschil}
    return tekst.format(**{naam: _opmaak(feit, waarden[naam]) if waarden[naam] is not None else "" for naam in gebruikt})


def _opmaak(feit: Feit, waarde: Any) -> str:
    if isinstance(waarde, tuple):
        return ", ".join(_opmaak(feit, w) for w in waarde)
    soort = feit.soort
    if soort in ("geld", "bedrag"):
        return taal.euro(waarde) + (" per maand" if soort == "geld" else "")
    if soort == "geld_jaar":  # a year's income is an estimate: cents would suggest a precision it does not have
        return taal.euro(round(waarde)) + " per jaar"
    if soort == "jaren":
        return f"{taal.getal(waarde, 0 if waarde == int(waarde) else 1)} jaar"
    if soort == "procent":
        return taal.procent(waarde)
    if soort == "ja_nee":
        return "ja" if waarde else "nee"
    if soort == "getal":
        return taal.getal(waarde)
    return str(waarde).replace("_", " ")
