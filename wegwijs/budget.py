"""Budget rules: income as a share of the sociaal minimum, and a rondkomen check in Nibud's manner.

Nibud's arithmetic: saldo = income (with toeslagen) - basic package (fixed costs incl. rent, and minimum living
costs) - social participation. Wegwijs uses the person's own rent and Nibud's figures (knowledge/normen/nibud.yaml)
for the rest, and shows what each scheme the household may not claim yet would add.
"""
from __future__ import annotations

from typing import Any

from wegwijs import taal
from wegwijs.feiten import Huishouden


def saldo(inkomsten: float, basispakket: float, participatie: float) -> float:
    """What is left each month after the basic package and participation (Nibud, 'Onder de streep')."""
    return inkomsten - basispakket - participatie


def minimale_kosten(h: Huishouden) -> dict[str, float] | None:
    """Rent plus Nibud's basic package and participation for this household; None when something is unknown."""
    huur, partner, kinderen = h.get("huur"), h.get("toeslagpartner"), h.get("aantal_kinderen")
    delen = {
        "basispakket_volwassenen": h.get("nibud.basispakket_volwassenen"),
        "basispakket_per_kind": h.get("nibud.basispakket_per_kind"),
        "participatie_volwassenen": h.get("nibud.participatie_volwassenen"),
        "participatie_per_kind": h.get("nibud.participatie_per_kind"),
    }
    if huur is None or partner is None or kinderen is None or None in delen.values():
        return None
    return {
        "huur": huur,
        "basispakket": delen["basispakket_volwassenen"] + kinderen * delen["basispakket_per_kind"],
        "participatie": delen["participatie_volwassenen"] + kinderen * delen["participatie_per_kind"],
    }


def rondkomen(h: Huishouden, uitkomsten: list[dict]) -> dict[str, Any]:
    """The budget part of the check's answer: figures, the assumptions behind them, and plain sentences."""
    inkomen = h.get("inkomen")
    minimum = h.get("sociaal_minimum")
    percentage = h.get("inkomen_percentage_sociaal_minimum")
    kosten = minimale_kosten(h)
    erbij = [{"id": u["id"], "naam": u["naam"], "bedrag_per_maand": u["bedrag_per_maand"]}
             for u in uitkomsten if u["uitkomst"] == "waarschijnlijk_wel" and u["bedrag_per_maand"]]
    samenvatting: list[str] = []
    if percentage is not None:
        samenvatting.append(f"Uw inkomen is {taal.procent(percentage)} van de bijstandsnorm voor uw situatie "
                            f"({taal.euro(minimum)} per maand). Gemeenten gebruiken dit getal voor hun regelingen.")
    nu = met = None
    if inkomen is not None and kosten is not None:
        nu = round(saldo(inkomen, kosten["basispakket"] + kosten["huur"], kosten["participatie"]), 2)
        met = round(nu + sum(r["bedrag_per_maand"] for r in erbij), 2)
        samenvatting.append(_zin_saldo(nu, "Met uw inkomen van nu"))
        for regeling in erbij:
            samenvatting.append(f"Als u {taal.in_zin(regeling['naam'])} nog niet krijgt en het aanvraagt, houdt u ongeveer {taal.euro(round(regeling['bedrag_per_maand']))} "
                                f"per maand meer over.")
        if erbij:
            samenvatting.append(_zin_saldo(met, "Met deze regelingen erbij"))
    else:
        samenvatting.append(_waarom_geen_saldo(h, inkomen))
    return {
        "inkomen_per_maand": inkomen,
        "sociaal_minimum": minimum,
        "inkomen_percentage_sociaal_minimum": percentage,
        "kosten_per_maand": kosten,
        "regelingen_erbij": erbij,
        "saldo_per_maand": nu,
        "saldo_met_regelingen": met,
        "aannames": [
            "Uw inkomen is netto per maand, zonder toeslagen, kinderbijslag en kindgebonden budget.",
            "De kosten zijn uw huur plus de bedragen die het Nibud minimaal nodig vindt voor vaste lasten, "
            "eten, kleding en meedoen (zoals een verjaardag of een sportclub).",
            "Bedragen van regelingen zijn een schatting. Wat u echt krijgt, hoort u van de instantie.",
        ],
        "samenvatting": samenvatting,
    }


def _waarom_geen_saldo(h: Huishouden, inkomen: float | None) -> str:
    if inkomen is None:
        wat = "uw inkomen"
    elif h.get("huur") is None:
        wat = "uw huur"
    elif h.get("toeslagpartner") is None or h.get("aantal_kinderen") is None:
        wat = "hoe uw gezin eruitziet"
    else:  # the knowledge base has no Nibud figures for this kind of household yet
        return ("Voor uw soort huishouden hebben we nog geen bedragen van het Nibud. Daarom rekenen we niet uit wat u "
                "overhoudt. Een medewerker van het buurtteam kan dat samen met u doen.")
    return f"We weten {wat} nog niet. Daarom kunnen we niet uitrekenen wat u overhoudt."


def _zin_saldo(bedrag: float, begin: str) -> str:
    if bedrag >= 0:
        return f"{begin} houdt u na de vaste lasten en de gewone uitgaven ongeveer {taal.euro(round(bedrag))} per maand over."
    return (f"{begin} komt u ongeveer {taal.euro(round(-bedrag))} per maand tekort voor de vaste lasten en de gewone "
            f"uitgaven. Dat ligt niet aan u: veel mensen met dit inkomen hebben dit.")
