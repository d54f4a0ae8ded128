"""What the conversation collected, in the lines the person sees before consent and the team sees after it.
Only facts and the person's own words: no labels, no diagnoses."""
from __future__ import annotations

from dataclasses import dataclass, field

from wegwijs.gesprek.berichten import UITKOMST
from wegwijs.gesprek.invoer import ONTVANGT_NAMEN
from wegwijs.gesprek.privacy import schoon_bericht
from wegwijs.overdracht.signalen import SIGNAAL_TEKSTEN, gesorteerd
from wegwijs.taal import euro

_BRONNEN = {"werk": "werk", "bijstand": "bijstand", "uitkering": "een uitkering", "aow": "AOW",
            "pensioen": "pensioen", "studie": "studie", "zzp": "een eigen bedrijf", "geen": "geen inkomen"}


@dataclass(frozen=True)
class Gesprekgegevens:
    vraag: str | None = None  # the person's own first question, verbatim
    huishouden: dict | None = None  # household document (huishouden.schema.json)
    uitslag: dict | None = None  # output of wegwijs.toets.toets()
    zorgen: tuple[str, ...] = ()  # the person's own sentences about what worries them, verbatim
    signalen: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        # the person's own words enter the consent text and the packet here: never with a BSN or IBAN in them,
        # whatever the NLU made of the message (an nlu_fallback message is not cleaned by the BSN rule)
        if self.vraag is not None:
            object.__setattr__(self, "vraag", schoon_bericht(self.vraag).tekst)
        object.__setattr__(self, "zorgen", tuple(schoon_bericht(z).tekst for z in self.zorgen))


def _leeftijden(kinderen: list[dict]) -> str:
    jaren = [str(k["leeftijd"]) for k in kinderen]
    return jaren[0] if len(jaren) == 1 else f"{', '.join(jaren[:-1])} en {jaren[-1]}"


def huishouden_regels(h: dict) -> tuple[str, ...]:
    """A household document in short lines."""
    onbekend = set(h.get("onbekend") or ())
    regels = []
    if (h.get("aanvrager") or {}).get("leeftijd") is not None:
        regels.append(f"Leeftijd: {h['aanvrager']['leeftijd']} jaar")
    partner = h.get("partner")
    if "partner" in onbekend:
        regels.append("Partner: niet ingevuld")
    elif partner:
        regels.append(f"Partner: ja, {partner['leeftijd']} jaar" if partner.get("leeftijd") is not None else "Partner: ja")
    else:
        regels.append("Partner: nee")
    kinderen = [k for k in h.get("kinderen") or [] if k.get("woont_thuis", True)]
    if "kinderen" in onbekend:
        regels.append("Kinderen: niet ingevuld")
    elif kinderen:
        regels.append(f"Kinderen thuis: {len(kinderen)} ({_leeftijden(kinderen)} jaar)")
    else:
        regels.append("Kinderen thuis: geen")
    if h.get("andere_volwassenen_in_huis"):
        oud = h.get("andere_volwassenen_vanaf_27")
        regels.append(f"Andere volwassenen in huis: {h['andere_volwassenen_in_huis']}"
                      + (f", van wie {oud} van 27 jaar of ouder" if oud is not None else ""))
    woning = h.get("woning") or {}
    if woning.get("soort") == "huur":
        huur = woning.get("huur_per_maand")
        regels.append(f"Woont in een huurhuis, huur {euro(huur)} per maand" if huur is not None else "Woont in een huurhuis")
    elif woning.get("soort") == "koop":
        regels.append("Woont in een koophuis")
    elif woning.get("soort") == "inwonend":
        regels.append("Woont in bij iemand anders")
    elif woning.get("soort") == "geen":
        regels.append("Heeft nu geen eigen woonplek")
    inkomen = h.get("inkomen") or {}
    bron = _BRONNEN.get(inkomen.get("bron"))
    if inkomen.get("netto_per_maand") is not None:
        regels.append(f"Inkomen: {euro(inkomen['netto_per_maand'])} netto per maand" + (f", uit {bron}" if bron else ""))
    elif bron:
        regels.append(f"Inkomen uit {bron}")
    if h.get("ontvangt_al") is not None:
        regels.append(f"Krijgt nu al: {', '.join(ONTVANGT_NAMEN[i] for i in h['ontvangt_al']) or 'niets hiervan'}")
    if h.get("vermogen") is not None:
        regels.append(f"Spaargeld: {euro(h['vermogen'])}")
    if h.get("schulden") is not None:
        regels.append("Schulden: ja" if h["schulden"] else "Schulden: nee")
    if h.get("gemeente"):
        regels.append(f"Gemeente: {h['gemeente']}")
    return tuple(regels)


def regelingen(uitslag: dict) -> list[dict]:
    return [{"id": r["id"], "naam": r["naam"], "uitkomst": r["uitkomst"], "uitkomst_tekst": UITKOMST[r["uitkomst"]],
             "redenen": list(r.get("redenen") or [])} for r in uitslag.get("regelingen") or []]


def regeling_regels(uitslag: dict) -> tuple[str, ...]:
    return tuple(f"{r['naam']}: {r['uitkomst_tekst'].lower()}" for r in regelingen(uitslag))


def budget(uitslag: dict) -> dict | None:
    data = uitslag.get("budget") or {}
    if not data.get("samenvatting"):
        return None
    return {"samenvatting": list(data["samenvatting"]), "aannames": list(data.get("aannames") or [])}


def zorgen_regels(gegevens: Gesprekgegevens) -> tuple[str, ...]:
    return tuple(f"U schreef: \"{z}\"" for z in gegevens.zorgen) + \
        tuple(SIGNAAL_TEKSTEN[s] for s in gesorteerd(gegevens.signalen))
