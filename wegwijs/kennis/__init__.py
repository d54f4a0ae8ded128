"""The knowledge base: regelingen, normen and feiten from knowledge/, checked before anything may use them."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from wegwijs.kennis.laden import laad
from wegwijs.kennis.model import Bron, Feit, Gemeente, Kennisbank, Norm, Regeling

__all__ = ["Bron", "Feit", "Gemeente", "Kennisbank", "Norm", "Regeling", "controleer", "laad_kennisbank"]


def controleer(map: Path | str | None = None):
    """(Kennisbank or None, findings): everything `wegwijs kennis check` reports."""
    from wegwijs.budget import NORMEN as BUDGET_NORMEN
    from wegwijs.feiten import FEITNAMEN, VERPLICHTE_NORMEN
    from wegwijs.fouten import Bevinding
    from wegwijs.kennis.regeltests import verzamel

    kennisbank, bevindingen = laad(map, VERPLICHTE_NORMEN + BUDGET_NORMEN)
    bevindingen += verzamel(map)[1]
    if kennisbank is not None:

        for naam in sorted(set(kennisbank.feiten) - FEITNAMEN):
            bevindingen.append(Bevinding("feiten.yaml", None, naam, f"Wegwijs kan het feit '{naam}' niet uitrekenen."))
        for naam in sorted(FEITNAMEN - set(kennisbank.feiten)):
            bevindingen.append(Bevinding("feiten.yaml", None, naam, f"het feit '{naam}' mist een label en soort."))
    return (None if bevindingen else kennisbank), bevindingen


@lru_cache(maxsize=4)
def laad_kennisbank(pad: Path | str | None = None) -> Kennisbank:
    """The checked knowledge base (cached); raises KennisFout when any file has an error."""
    from wegwijs.fouten import KennisFout

    kennisbank, bevindingen = controleer(pad)
    if kennisbank is None:
        raise KennisFout(bevindingen)
    return kennisbank
