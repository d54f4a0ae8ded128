"""What the check knows about one household: facts worked out from the answers, each once and only when asked.

A fact is None when the answers it needs are missing; `ontbreekt` then says which answers those are, so the
reason can name what to ask. The labels and possible values of facts are in knowledge/feiten.yaml.
"""
from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any, Callable, Iterator

from wegwijs.kennis.formule import Onbekend
from wegwijs.kennis.model import Feit, Kennisbank

# Norms the computations below read; `wegwijs kennis check` reports them when missing.
VERPLICHTE_NORMEN = (
    "participatiewet.norm", "participatiewet.kostendeler_basis", "participatiewet.kostendeler_per_persoon",
    "participatiewet.kostendeler_vanaf_leeftijd",
    "aow.leeftijd", "aow.opbouw_vanaf_leeftijd", "schatting.bruto_netto_factor", "schatting.marge",
)

_Bereken = Callable[["Huishouden"], Any]
_ONBEREKEND = object()  # not worked out yet (None means: unknown)
_FEITEN: dict[str, tuple[_Bereken, tuple[str, ...]]] = {}


def feit(*nodig: str) -> Callable[[_Bereken], _Bereken]:
    """Register a fact; `nodig` names the answers (other facts) it is worked out from."""
    def registreer(functie: _Bereken) -> _Bereken:
        _FEITEN[functie.__name__] = (functie, nodig)
        return functie
    return registreer


_GEEN: frozenset[str] = frozenset()


class Huishouden:
    """A household document (huishouden.schema.json) with its facts, for one peildatum."""

    def __init__(self, document: dict, kennisbank: Kennisbank, peildatum: dt.date):
        self.document = document
        self.kennisbank = kennisbank
        self.peildatum = peildatum
        self._cache: dict[str, Any] = {}
        # norms read for this check whose value on peildatum is not known yet (name -> last day known), those not
        # checked against an official source, and per fact the uncertain ones it was worked out from, so that
        # each scheme knows which of them it used (verzamel)
        self.verouderde_normen: dict[str, dt.date] = {}
        self.niet_nagekeken: set[str] = set()
        self._verouderd_in: dict[str, frozenset[str]] = {}
        self._verzamelaars: list[set[str]] = []
        onbekend = document.get("onbekend") or ()
        self._onbekend = frozenset(onbekend)

    # -- reading -------------------------------------------------------------------------------------------------
    def get(self, naam: str) -> Any:
        """A fact's value or a norm's value for this household; None when unknown."""
        waarde = self._cache.get(naam, _ONBEREKEND)
        if waarde is not _ONBEREKEND:
            if self._verouderd_in[naam]:
                self._meld(self._verouderd_in[naam])
            return waarde
        # a plain push and pop, not verzamel(): this runs for every fact of every check
        verouderd: set[str] = set()
        self._verzamelaars.append(verouderd)
        try:
            waarde = _FEITEN[naam][0](self) if naam in _FEITEN else self.norm(naam)
        finally:
            self._verzamelaars.pop()
        self._cache[naam] = waarde
        self._verouderd_in[naam] = frozenset(verouderd) if verouderd else _GEEN
        if verouderd:
            self._meld(verouderd)
        return waarde

    @contextlib.contextmanager
    def verzamel(self) -> Iterator[set[str]]:
        """Collects the names of the uncertain norms (not known on peildatum, or not checked) that what runs inside
        reads, also through facts worked out earlier."""
        verouderd: set[str] = set()
        self._verzamelaars.append(verouderd)
        try:
            yield verouderd
        finally:
            self._verzamelaars.pop()

    def _meld(self, namen: set[str] | frozenset[str]) -> None:
        for verzamelaar in self._verzamelaars:
            verzamelaar |= namen

    def waarde(self, naam: str) -> Any:
        """As get, but raise Onbekend for formulas."""
        waarde = self.get(naam)
        if waarde is None:
            raise Onbekend(naam)
        return waarde

    def norm(self, naam: str) -> Any:
        norm = self.kennisbank.normen[naam]
        if norm.verouderd_op(self.peildatum):
            self.verouderde_normen[naam] = norm.bekend_tot
        if not norm.nagekeken:
            self.niet_nagekeken.add(naam)
        if norm.onzeker_op(self.peildatum):
            self._meld({naam})
        waarde = self.kennisbank.norm_op(naam, self.peildatum)
        for feitnaam in self.kennisbank.normen[naam].per:
            if waarde is None:
                return None
            sleutel = self.get(feitnaam)
            waarde = waarde.get(sleutel) if sleutel is not None else None
        return waarde

    def ontbreekt(self, naam: str) -> list[str]:
        """The answers missing for this fact (itself when it is an answer)."""
        if naam not in _FEITEN or not _FEITEN[naam][1]:
            return [naam]
        missing: list[str] = []
        for basis in _FEITEN[naam][1]:
            if self.get(basis) is None:
                missing += [m for m in self.ontbreekt(basis) if m not in missing]
        return missing or [naam]

    def geschat(self, feit: Feit) -> bool:
        """Whether this household's value of the fact is an estimate (an estimated fact the person gave exactly
        is not)."""
        return feit.geschat and not (feit.naam == "toetsingsinkomen" and self.document.get("toetsingsinkomen") is not None)

    def kinderen(self, van: int, tot: int) -> int:
        """Children living at home aged van..tot inclusive."""
        if "kinderen" in self._onbekend:
            raise Onbekend("aantal_kinderen")
        return sum(1 for k in self._thuis() if van <= k["leeftijd"] <= tot)

    # -- helpers -------------------------------------------------------------------------------------------------
    def kinderen_thuis(self) -> list[dict]:
        """The children living at home, of any age (an empty list when the question was skipped)."""
        return [] if "kinderen" in self._onbekend else self._thuis()

    def _thuis(self) -> list[dict]:
        return [k for k in self.document.get("kinderen") or () if k.get("woont_thuis", True)]

    def _deel(self, *pad: str) -> Any:
        if pad[0] in self._onbekend:
            return None
        waarde: Any = self.document
        for stap in pad:
            if not isinstance(waarde, dict):
                return None
            waarde = waarde.get(stap)
        return waarde


def _drie(*waarden: Any) -> bool | None:
    """True if all are true, False if one is false, else unknown."""
    if any(w is False for w in waarden):
        return False
    return None if any(w is None for w in waarden) else True


# -- the facts (names as in knowledge/feiten.yaml) ----------------------------------------------------------------

@feit()
def leeftijd(h: Huishouden) -> Any:
    return h._deel("aanvrager", "leeftijd")


@feit()
def heeft_partner(h: Huishouden) -> Any:
    return None if "partner" in h._onbekend else bool(h.document.get("partner"))


@feit("heeft_partner")
def leeftijd_partner(h: Huishouden) -> Any:
    return h._deel("partner", "leeftijd")


@feit("heeft_partner")
def toeslagpartner(h: Huishouden) -> Any:
    partner = h.get("heeft_partner")
    return None if partner is None else ("met_partner" if partner else "alleenstaand")


@feit()
def aantal_kinderen(h: Huishouden) -> Any:
    return None if "kinderen" in h._onbekend else sum(1 for k in h._thuis() if k["leeftijd"] < 18)


@feit("aantal_kinderen")
def jongste_kind_leeftijd(h: Huishouden) -> Any:
    leeftijden = [k["leeftijd"] for k in h._thuis() if k["leeftijd"] < 18]
    return min(leeftijden) if leeftijden and "kinderen" not in h._onbekend else None


@feit("heeft_partner", "aantal_kinderen")
def leefvorm(h: Huishouden) -> Any:
    partner, kinderen = h.get("heeft_partner"), h.get("aantal_kinderen")
    if partner is None or kinderen is None:
        return None
    if partner:
        return "paar_met_kinderen" if kinderen else "paar"
    return "alleenstaande_ouder" if kinderen else "alleenstaand"


@feit("leeftijd")
def aow_leeftijd_bereikt(h: Huishouden) -> Any:
    leeftijd_, grens = h.get("leeftijd"), h.get("aow.leeftijd")
    return None if leeftijd_ is None or grens is None else leeftijd_ >= grens


@feit("leeftijd", "heeft_partner")
def leeftijdsgroep(h: Huishouden) -> Any:
    """Which bijstandsnorm applies: a couple gets the AOW norm when one of them has reached AOW age, and a couple
    with one partner under 21 and one of 21 or older has its own norm (art. 20 Participatiewet)."""
    leeftijd_, partner, grens = h.get("leeftijd"), h.get("heeft_partner"), h.get("aow.leeftijd")
    if leeftijd_ is None or partner is None or grens is None:
        return None
    leeftijden = [leeftijd_] + ([h.get("leeftijd_partner")] if partner else [])
    if any(l is not None and l >= grens for l in leeftijden):
        return "aow_leeftijd"
    if None in leeftijden:
        return None
    jong = sum(1 for l in leeftijden if l < 21)
    return "21_tot_aow" if not jong else ("jonger_dan_21" if jong == len(leeftijden) else "een_jonger_dan_21")


@feit("leeftijdsgroep", "kostendelers")
def huurgrens_groep(h: Huishouden) -> Any:
    """Which maximale huurgrens of huurtoeslag applies: the low one ("jongeren") only when everyone at home is
    under 21 and no child lives there; a child or another adult of 21 or older gives the usual one ("anderen")."""
    groep = h.get("leeftijdsgroep")
    if groep is None or groep != "jonger_dan_21":
        return None if groep is None else "anderen"
    if {"kinderen", "andere_volwassenen_in_huis"} & h._onbekend:
        return None
    return "anderen" if h._thuis() or h.document.get("andere_volwassenen_in_huis", 0) else "jongeren"


@feit()
def kostendelers(h: Huishouden) -> Any:
    """Other adults of 21 or older sharing the home, children of 21 or older at home included."""
    return _huisgenoten_vanaf(h, 21)


def _huisgenoten_vanaf(h: Huishouden, leeftijd: float) -> int | None:
    """The other adults in the home and the children at home of `leeftijd` or older. The household document counts
    the other adults from 21, and separately those of 27 or older; another age cannot be told from it."""
    if {"andere_volwassenen_in_huis", "kinderen"} & h._onbekend:
        return None
    kinderen = sum(1 for k in h._thuis() if k["leeftijd"] >= leeftijd)
    alle = h.document.get("andere_volwassenen_in_huis", 0)
    if leeftijd <= 21 or alle == 0:
        return alle + kinderen
    vanaf_27 = h.document.get("andere_volwassenen_vanaf_27")
    if leeftijd != 27 or vanaf_27 is None or "andere_volwassenen_vanaf_27" in h._onbekend:
        return None  # some housemates may be too young to count: unknown, never a guess
    return vanaf_27 + kinderen


@feit("kostendelers")
def kostendelers_bijstand(h: Huishouden) -> Any:
    """The housemates who count for the kostendelersnorm: from the law's age (27 since 2023), children at home
    included."""
    vanaf = h.get("participatiewet.kostendeler_vanaf_leeftijd")
    return None if vanaf is None else _huisgenoten_vanaf(h, vanaf)


@feit("leeftijdsgroep", "leefvorm", "kostendelers_bijstand")
def sociaal_minimum(h: Huishouden) -> Any:
    """The bijstandsnorm for this household, with the kostendelersnorm when other adults share the home.

    The kostendelersnorm (art. 22a Participatiewet) is for each partner of 21 or older. A partner under 21 keeps
    their own part of the couple's norm (lid 3): the norm minus half the gehuwdennorm for 21 to AOW age.
    """
    norm, groep = h.get("participatiewet.norm"), h.get("leeftijdsgroep")
    anderen = h.get("kostendelers_bijstand")
    if norm is None or anderen is None:
        return None
    if not anderen or groep == "jonger_dan_21":
        return norm
    normen = h.kennisbank.norm_op("participatiewet.norm", h.peildatum)
    if groep == "een_jonger_dan_21":
        paarnorm = normen["21_tot_aow"]["paar"]
        personen, jongere = 1, norm - paarnorm / 2
    else:
        paarnorm = normen[groep]["paar"]
        personen, jongere = 1 + int(bool(h.get("heeft_partner"))), 0
    delers = anderen + personen
    deel = (h.get("participatiewet.kostendeler_basis") + delers * h.get("participatiewet.kostendeler_per_persoon")) / delers
    return round(jongere + paarnorm * deel / 100 * personen, 2)


@feit()
def woonsituatie(h: Huishouden) -> Any:
    return h._deel("woning", "soort")


@feit()
def huur(h: Huishouden) -> Any:
    return h._deel("woning", "huur_per_maand")


@feit("huur")
def kale_huur(h: Huishouden) -> Any:
    """The rent huurtoeslag is reckoned on: without service costs when known, else the whole rent (a little high)."""
    kaal = h.document.get("kale_huur_per_maand")
    return kaal if kaal is not None and h.get("huur") is not None else h.get("huur")


@feit()
def inkomen(h: Huishouden) -> Any:
    waarde = h._deel("inkomen", "netto_per_maand")
    if waarde is None and h._deel("inkomen", "bron") == "geen":
        return 0
    return waarde


@feit()
def inkomen_bron(h: Huishouden) -> Any:
    return h._deel("inkomen", "bron")


@feit("inkomen")
def toetsingsinkomen(h: Huishouden) -> Any:
    """As given, or estimated from the net income per month."""
    if h.document.get("toetsingsinkomen") is not None:
        return h.document["toetsingsinkomen"]
    netto, factor = h.get("inkomen"), h.get("schatting.bruto_netto_factor")
    return None if netto is None or factor is None else round(netto * 12 * factor)


@feit("inkomen", "sociaal_minimum")
def inkomen_percentage_sociaal_minimum(h: Huishouden) -> Any:
    netto, minimum = h.get("inkomen"), h.get("sociaal_minimum")
    return None if netto is None or not minimum else round(netto / minimum * 100, 1)


@feit()
def laag_inkomen_jaren(h: Huishouden) -> Any:
    return h._deel("inkomen", "laag_inkomen_sinds_jaren")


@feit()
def vermogen(h: Huishouden) -> Any:
    return h._deel("vermogen")


@feit()
def schulden(h: Huishouden) -> Any:
    return h._deel("schulden")


@feit()
def kinderopvang(h: Huishouden) -> Any:
    return h._deel("kinderopvang")


@feit("inkomen_percentage_sociaal_minimum")
def nibud_regime(h: Huishouden) -> Any:
    """Which of Nibud's budgets applies: with the municipality's schemes only when the person already gets them."""
    if "gemeente" not in (h.document.get("ontvangt_al") or ()):
        return "zonder_gemeenteregelingen"
    percentage = h.get("inkomen_percentage_sociaal_minimum")
    if percentage is None:
        return None
    return "bijstandsniveau" if percentage <= 100 else "met_gemeenteregelingen"


@feit()
def studeert(h: Huishouden) -> Any:
    return h._deel("aanvrager", "studeert")


@feit()
def werkt(h: Huishouden) -> Any:
    return h._deel("aanvrager", "werkt")


@feit("werkt", "heeft_partner")
def ouders_werken_of_studeren(h: Huishouden) -> Any:
    def actief(persoon: str) -> Any:
        werk, studie = h._deel(persoon, "werkt"), h._deel(persoon, "studeert")
        return True if werk or studie else (False if werk is False and studie in (False, None) else None)
    partner = h.get("heeft_partner")
    if partner is None:
        return None
    return _drie(actief("aanvrager"), *([actief("partner")] if partner else []))


@feit("leeftijd")
def aow_gat_jaren(h: Huishouden) -> Any:
    """Years without AOW insurance: from the start of the insured period until the person came to live here."""
    sinds, vanaf = h._deel("aanvrager", "in_nederland_sinds_leeftijd"), h.get("aow.opbouw_vanaf_leeftijd")
    if vanaf is None or "in_nederland_sinds_leeftijd" in h._onbekend:
        return None
    if sinds is None:  # the contract: absent when always lived here
        return 0
    return max(0, sinds - vanaf)


FEITNAMEN = frozenset(_FEITEN)
