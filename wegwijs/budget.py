"""Budget rules: income as a share of the sociaal minimum, and a rondkomen check in Nibud's manner.

Nibud's arithmetic ('Onder de streep'): saldo = income (with toeslagen) - basic package (fixed costs including
rent, reserves, household spending) - social participation. Wegwijs uses the person's own rent and Nibud's
amounts per person (knowledge/normen/nibud.yaml, prices of 2022 brought to the year with the CPI), counts what
the household already receives, and shows what each scheme it may not claim yet would add.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from wegwijs import taal
from wegwijs.feiten import Huishouden
from wegwijs.kennis.model import Kennisbank

GEMEENTE = "gemeente"  # in 'ontvangt_al': the municipality's schemes (Stadspas, kwijtschelding, ...)
# the cost parts of Nibud's budget, in the order of its tables
POSTEN = ("vaste_lasten", "reservering", "huishoudelijk", "participatie")
BASISPAKKET = POSTEN[:3]
NORMEN = tuple(f"nibud.{naam}" for naam in (
    "prijsindex", *(f"{post}_{wie}" for wie in ("volwassene", "kind") for post in POSTEN),
    "minder_per_kind_tot_12", "leeftijd_ouder_kind", "basispakket_partner", "participatie_partner", "schoolkosten_student"))


def saldo(inkomsten: float, basispakket: float, participatie: float) -> float:
    """What is left each month after the basic package and participation (Nibud, 'Onder de streep')."""
    return inkomsten - basispakket - participatie


def nibud_kosten(kennisbank: Kennisbank, peildatum: dt.date, regime: str, *, huur: float, partner: bool,
                 kinderen: Iterable[int], student: bool = False) -> dict[str, float]:
    """Nibud's minimum costs per month for a household, in prices of peildatum's year.

    `regime` is one of the values of the fact nibud_regime: with or without the municipality's schemes.
    Children are those under 18 at home (older children have a budget of their own).
    """
    def norm(naam: str) -> float:
        waarde = kennisbank.norm_op(f"nibud.{naam}", peildatum)
        return waarde[regime] if isinstance(waarde, dict) else waarde

    kinderen = list(kinderen)
    jong = sum(1 for leeftijd in kinderen if leeftijd < norm("leeftijd_ouder_kind"))
    posten = {post: norm(f"{post}_volwassene") + len(kinderen) * norm(f"{post}_kind") for post in POSTEN}
    posten["vaste_lasten"] += norm("schoolkosten_student") if student else 0
    # the sources give the partner's part and a young child's saving for the basic package as a whole: they are
    # spread over its posts as the first adult's and a child's are
    _verdeel(posten, norm("basispakket_partner") if partner else 0, {p: norm(f"{p}_volwassene") for p in BASISPAKKET})
    _verdeel(posten, -jong * norm("minder_per_kind_tot_12"), {p: norm(f"{p}_kind") for p in BASISPAKKET})
    posten["participatie"] += norm("participatie_partner") if partner else 0
    index = norm("prijsindex")
    kosten = {post: bedrag * index for post, bedrag in posten.items()}
    kosten["vaste_lasten"] += huur   # the person's own rent, not indexed
    kosten["basispakket"] = kosten["vaste_lasten"] + kosten["reservering"] + kosten["huishoudelijk"]
    kosten = {post: round(bedrag, 2) for post, bedrag in kosten.items()}
    kosten["huur"] = round(huur, 2)
    return kosten


def _nibud_op(h: Huishouden) -> bool:
    """Whether Nibud's amounts reach back to peildatum (they start with the prices of 2022)."""
    return h.kennisbank.norm_op("nibud.prijsindex", h.peildatum) is not None


def _verdeel(posten: dict[str, float], bedrag: float, verhouding: dict[str, float]) -> None:
    totaal = sum(verhouding.values())
    for post, deel in verhouding.items():
        posten[post] += bedrag * deel / totaal


def minimale_kosten(h: Huishouden) -> dict[str, float] | None:
    """Rent plus Nibud's costs for this household; None when something they depend on is unknown."""
    huur, partner, regime = h.get("huur"), h.get("heeft_partner"), h.get("nibud_regime")
    if huur is None or partner is None or regime is None or h.get("aantal_kinderen") is None \
            or not _nibud_op(h):
        return None
    kinderen = [k["leeftijd"] for k in h.kinderen_thuis() if k["leeftijd"] < 18]
    return nibud_kosten(h.kennisbank, h.peildatum, regime, huur=huur, partner=partner, kinderen=kinderen,
                        student=h.get("studeert") is True)


def rondkomen(h: Huishouden, uitkomsten: list[dict]) -> dict[str, Any]:
    """The budget part of the check's answer: figures, the assumptions behind them, and plain sentences. The
    bottom line ('kort_gezegd') is one sentence, shown wherever the budget is."""
    inkomen = h.get("inkomen")
    minimum = h.get("sociaal_minimum")
    percentage = h.get("inkomen_percentage_sociaal_minimum")
    kosten = minimale_kosten(h)
    al = h.document.get("ontvangt_al")   # None: not asked or skipped
    ontvangen = [u for u in uitkomsten if al and u["id"] in al]
    # a scheme the person gets whose amount the check cannot tell (or does not know at all): 'now' would be too low
    bedragen = {u["id"]: u["bedrag_per_maand"] for u in ontvangen}
    onbekend_bedrag = [next((u["naam"] for u in ontvangen if u["id"] == i), i.replace("_", " "))
                       for i in (al or ()) if i != GEMEENTE and not bedragen.get(i)]
    erbij = [{"id": u["id"], "naam": u["naam"], "bedrag_per_maand": u["bedrag_per_maand"]}
             for u in uitkomsten if u["uitkomst"] == "waarschijnlijk_wel" and u["bedrag_per_maand"]
             and u["id"] not in (al or ()) and not (u["gemeente"] and GEMEENTE in (al or ()))]
    samenvatting: list[str] = []
    if percentage is not None:
        samenvatting.append(f"Uw inkomen is {taal.procent(percentage)} van de bijstandsnorm voor uw situatie "
                            f"({taal.euro(minimum)} per maand). Gemeenten gebruiken dit getal voor hun regelingen.")
    nu = met = None
    if inkomen is not None and kosten is not None and not onbekend_bedrag:
        al_erbij = sum(u["bedrag_per_maand"] for u in ontvangen)
        nu = round(saldo(inkomen + al_erbij, kosten["basispakket"], kosten["participatie"]), 2)
        met = round(nu + sum(r["bedrag_per_maand"] for r in erbij), 2)
        samenvatting.append(_zin_saldo(nu, _begin_nu(al, ontvangen)))
        for regeling in erbij:
            samenvatting.append(f"Als u {taal.in_zin(regeling['naam'])} nog niet krijgt en het aanvraagt, houdt u "
                                f"ongeveer {taal.euro(round(regeling['bedrag_per_maand']))} per maand meer over.")
        kort = _zin_saldo(met, "Kort gezegd: met alles wat u waarschijnlijk kunt krijgen," if erbij else None)
    elif onbekend_bedrag:
        kort = (f"Ik weet niet hoeveel u nu krijgt aan {taal.opsomming(onbekend_bedrag)}. Daarom reken ik niet uit "
                f"wat u overhoudt. Een medewerker van het buurtteam kan dat samen met u doen.")
    else:
        kort = _waarom_geen_saldo(h, inkomen)
    kosteloos = [u["naam"] for u in uitkomsten if u["uitkomst"] == "waarschijnlijk_wel" and u["gemeente"]
                 and not u["bedrag_per_maand"] and GEMEENTE not in (al or ())]
    if kosteloos and nu is not None:
        samenvatting.append(f"Ook {taal.opsomming(kosteloos)} {'kan' if len(kosteloos) == 1 else 'kunnen'} uw kosten "
                            f"lager maken. Hoeveel, hangt af van wat u ermee doet.")
    return {
        "inkomen_per_maand": inkomen,
        "sociaal_minimum": minimum,
        "inkomen_percentage_sociaal_minimum": percentage,
        "kosten_per_maand": kosten,
        "ontvangt_al": [{"id": u["id"], "naam": u["naam"], "bedrag_per_maand": u["bedrag_per_maand"]} for u in ontvangen],
        "regelingen_erbij": erbij,
        "saldo_per_maand": nu,
        "saldo_met_regelingen": met,
        "kort_gezegd": kort,
        "aannames": _aannames(h),
        "samenvatting": [kort, *samenvatting],
    }


def _begin_nu(al: list[str] | None, ontvangen: list[dict]) -> str:
    if al is None:
        return "Met alleen uw inkomen, zonder toeslagen en kinderbijslag,"
    if ontvangen:
        return f"Met uw inkomen en wat u nu al krijgt ({taal.opsomming([u['naam'] for u in ontvangen])})"
    return "Met uw inkomen van nu"


def _aannames(h: Huishouden) -> list[str]:
    aannames = [
        "Uw inkomen is netto per maand, zonder toeslagen, kinderbijslag en kindgebonden budget.",
        "De kosten zijn uw huur plus de bedragen die het Nibud minimaal nodig vindt voor vaste lasten, eten, kleding "
        "en meedoen (zoals een verjaardag of een sportclub). Extra kosten door ziekte of een handicap zitten er niet in.",
        "Bedragen van regelingen zijn een schatting. Wat u echt krijgt, hoort u van de instantie.",
    ]
    index = h.kennisbank.normen["nibud.prijsindex"]
    if index.verouderd_op(h.peildatum):
        aannames.append(f"De Nibud-bedragen zijn van 2022, met de prijsstijging tot en met {index.bekend_tot.year}. "
                        f"De prijzen van {h.peildatum.year} zijn nog niet bekend; de kosten zijn daarom misschien "
                        f"iets te laag.")
    else:
        aannames.append(f"De Nibud-bedragen zijn van 2022, met de prijsstijging tot en met {h.peildatum.year}.")
    return aannames


def _waarom_geen_saldo(h: Huishouden, inkomen: float | None) -> str:
    if inkomen is None:
        wat = "uw inkomen"
    elif h.get("huur") is None:
        wat = "uw woonlasten" if h.get("woonsituatie") == "koop" else "uw huur"
    elif h.get("heeft_partner") is None or h.get("aantal_kinderen") is None:
        wat = "hoe uw gezin eruitziet"
    else:
        return ("Voor deze datum hebben we geen bedragen van het Nibud. Daarom kunnen we niet uitrekenen wat u "
                "overhoudt.")
    return f"We weten {wat} nog niet. Daarom kunnen we niet uitrekenen wat u overhoudt."


def _zin_saldo(bedrag: float, begin: str | None) -> str:
    """'<begin> houdt u ... over' or, without a beginning, the bottom line 'Kort gezegd: u houdt ... over'."""
    onderwerp = f"{begin} houdt u" if begin else "Kort gezegd: u houdt"
    if bedrag >= 0:
        return f"{onderwerp} na de vaste lasten en de gewone uitgaven ongeveer {taal.euro(round(bedrag))} per maand over."
    onderwerp = f"{begin} komt u" if begin else "Kort gezegd: u komt"
    return (f"{onderwerp} ongeveer {taal.euro(round(-bedrag))} per maand tekort voor de vaste lasten en de gewone "
            f"uitgaven. Dat ligt niet aan u: veel mensen met dit inkomen hebben dit.")
