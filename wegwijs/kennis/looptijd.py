"""Content that runs out: a warning for the editors, with file and field, before a scheme or a norm ends with
nothing after it. After that day the assistant goes on with the last known rules and amounts, and says so
(toets.py); these warnings are there so that it rarely has to."""
from __future__ import annotations

import datetime as dt

from wegwijs import taal
from wegwijs.fouten import Bevinding
from wegwijs.kennis.model import Kennisbank, Regeling

WAARSCHUW_DAGEN = 60


def aflopend(kennisbank: Kennisbank, vandaag: dt.date, dagen: int = WAARSCHUW_DAGEN) -> list[Bevinding]:
    """Warnings for the last version of each scheme, and each norm, that ends within `dagen` days of `vandaag`
    (or ended already) without a successor. A scheme marked `stopt` ends for good and gets none."""
    grens = vandaag + dt.timedelta(days=dagen)
    waarschuwingen = []
    for laatste in _laatste_versies(kennisbank):
        if laatste.geldig_tot is not None and not laatste.stopt and laatste.geldig_tot <= grens:
            volgende = laatste.geldig_tot + dt.timedelta(days=1)
            waarschuwingen.append(Bevinding(laatste.bestand, None, "geldig_tot", (
                f"{laatste.naam} {_loopt_af(laatste.geldig_tot, vandaag)}, en er is geen nieuwere versie. Maak een "
                f"bestand met de regels vanaf {taal.datum(volgende)} (geldig_vanaf: {volgende}), of zet "
                f"'stopt: true' als de regeling echt ophoudt. Tot dan rekent de assistent met deze regels en zegt "
                f"hij dat de uitkomst minder zeker is.")))
    for naam, norm in sorted(kennisbank.normen.items()):
        if norm.bekend_tot is not None and norm.bekend_tot <= grens:
            groep, sleutel = naam.split(".", 1)
            waarschuwingen.append(Bevinding(f"normen/{groep}.yaml", None, f"{sleutel}.bekend_tot", (
                f"de bedragen van {sleutel} zijn bekend tot en met {taal.datum(norm.bekend_tot)} en dat "
                f"{'was' if norm.bekend_tot < vandaag else 'is'} {_over(norm.bekend_tot, vandaag)}. Voeg de nieuwe "
                f"waarden toe met hun bron, en schuif bekend_tot op. Tot dan rekent de assistent met de laatste "
                f"bedragen en zegt hij dat de uitkomst minder zeker is.")))
    return waarschuwingen


def _laatste_versies(kennisbank: Kennisbank) -> list[Regeling]:
    per_id: dict[tuple[str | None, str], Regeling] = {}
    for regeling in [*kennisbank.landelijk, *(r for lijst in kennisbank.gemeentelijk.values() for r in lijst)]:
        sleutel = (regeling.gemeente, regeling.id)
        if sleutel not in per_id or regeling.geldig_vanaf > per_id[sleutel].geldig_vanaf:
            per_id[sleutel] = regeling
    return sorted(per_id.values(), key=lambda r: r.bestand)


def _loopt_af(tot: dt.date, vandaag: dt.date) -> str:
    if tot < vandaag:
        return f"is verlopen op {taal.datum(tot)}"
    return f"loopt af op {taal.datum(tot)} ({_over(tot, vandaag)})"


def _over(dag: dt.date, vandaag: dt.date) -> str:
    dagen = (dag - vandaag).days
    if dagen < 0:
        return f"{-dagen} {'dag' if dagen == -1 else 'dagen'} geleden"
    if dagen == 0:
        return "vandaag"
    return f"over {dagen} {'dag' if dagen == 1 else 'dagen'}"
