"""How the person wants to be contacted: the way, when, a phone number in Dutch formats, language, someone they
trust, an independent client supporter."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from wegwijs.fouten import OngeldigeInvoer

MANIEREN = ("bellen", "whatsapp", "langskomen", "afspraak_op_kantoor")
MANIER_LABELS = {"bellen": "Bellen", "whatsapp": "WhatsApp", "langskomen": "Langskomen (thuis)",
                 "afspraak_op_kantoor": "Afspraak op kantoor"}
NODIG_TELEFOON = ("bellen", "whatsapp")
CLIENTONDERSTEUNER_UITLEG = (
    "U mag gratis hulp krijgen van een onafhankelijke cliëntondersteuner. Die staat naast u, niet naast de "
    "gemeente, en kan meegaan naar gesprekken."
)
STANDAARD_TAAL = "Nederlands"
MAX_WANNEER = 200
MAX_TAAL = 50

# Numbers where a worker cannot reach a person: free and paid service numbers, machine-to-machine numbers.
_GEEN_PERSOON = ("0800", "0900", "0906", "0909", "097")
# Area codes of two digits after the 0 (the rest have three): grouping for reading aloud.
_KORTE_NETNUMMERS = {"10", "13", "15", "20", "23", "24", "26", "30", "33", "35", "36", "38", "40", "43", "45",
                     "46", "50", "53", "55", "58", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79",
                     "84", "85", "87", "88"}
_NIET_TE_LEZEN = ("Dit telefoonnummer kan ik niet lezen. Schrijf een Nederlands nummer van 10 cijfers, "
                  "zoals 06 12345678 of 020 123 4567.")


def normaliseer_telefoon(tekst: str | None) -> str:
    """A Dutch phone number in any common notation, also inside a sentence ('mijn nummer is 06 12345678'), as +31
    followed by 9 digits; raises OngeldigeInvoer."""
    nummer = re.search(r"(\+|00)?[\d][\d\s\-().\/]{8,}\d", tekst or "")
    schoon = re.sub(r"[\s\-().\/]", "", nummer.group(0) if nummer else (tekst or ""))
    if schoon.startswith("+31"):
        nationaal = "0" + schoon[3:]
    elif schoon.startswith("0031"):
        nationaal = "0" + schoon[4:]
    else:
        nationaal = schoon
    if nationaal.startswith("00"):  # "+31 (0)6 ..." leaves a 0 too many
        nationaal = nationaal[1:]
    if not re.fullmatch(r"0[1-9][0-9]{8}", nationaal):
        raise OngeldigeInvoer(_NIET_TE_LEZEN)
    if nationaal.startswith(_GEEN_PERSOON):
        raise OngeldigeInvoer("Op dit nummer kan een medewerker u niet bellen. Geef een gewoon 06-nummer of "
                              "vast nummer.")
    return "+31" + nationaal[1:]


def is_mobiel(e164: str) -> bool:
    return e164.startswith("+316") and not e164.startswith("+3166")


def telefoon_leesbaar(e164: str) -> str:
    """'+31612345678' -> '06 12345678'; '+31201234567' -> '020 123 4567'; '+31578123456' -> '0578 123456'."""
    nationaal = "0" + e164[3:]
    if nationaal.startswith("06"):
        return f"06 {nationaal[2:]}"
    if nationaal[1:3] in _KORTE_NETNUMMERS:
        return f"{nationaal[:3]} {nationaal[3:6]} {nationaal[6:]}"
    return f"{nationaal[:4]} {nationaal[4:]}"


@dataclass(frozen=True)
class Contactvoorkeur:
    manier: str
    telefoon: str | None = None  # +31...
    wanneer: str | None = None  # in the person's words
    taal: str = STANDAARD_TAAL
    vertrouwenspersoon: bool = False  # someone the person trusts may join
    clientondersteuner: bool = False  # wants an independent client supporter

    def als_dict(self) -> dict:
        return {**asdict(self), "manier_tekst": MANIER_LABELS[self.manier],
                "telefoon": telefoon_leesbaar(self.telefoon) if self.telefoon else None}

    @classmethod
    def uit_dict(cls, data: dict) -> "Contactvoorkeur":
        return maak_contactvoorkeur(data["manier"], data.get("telefoon"), data.get("wanneer"), data.get("taal"),
                                    bool(data.get("vertrouwenspersoon")), bool(data.get("clientondersteuner")))

    def regels(self) -> tuple[str, ...]:
        """The lines the team sees, as shown to the person before consent."""
        hoe = MANIER_LABELS[self.manier]
        regels = [f"{hoe}, op {telefoon_leesbaar(self.telefoon)}" if self.telefoon else hoe]
        if self.wanneer:
            regels.append(f"Wanneer het u past: {self.wanneer}")
        regels.append(f"Taal: {self.taal}")
        if self.vertrouwenspersoon:
            regels.append("Iemand die u vertrouwt mag bij het gesprek zijn")
        if self.clientondersteuner:
            regels.append("U wilt een onafhankelijke cliëntondersteuner")
        return tuple(regels)


def _korte_tekst(waarde: str | None, maximaal: int, wat: str) -> str | None:
    tekst = " ".join((waarde or "").split())
    if len(tekst) > maximaal:
        raise OngeldigeInvoer(f"{wat} is te lang. Houd het kort (hoogstens {maximaal} tekens).")
    return tekst or None


def maak_contactvoorkeur(manier: str, telefoon: str | None = None, wanneer: str | None = None,
                         taal: str | None = None, vertrouwenspersoon: bool = False,
                         clientondersteuner: bool = False) -> Contactvoorkeur:
    if manier not in MANIEREN:
        raise OngeldigeInvoer("Kies hoe u contact wilt: bellen, WhatsApp, langskomen of een afspraak op kantoor.")
    nummer = normaliseer_telefoon(telefoon) if (telefoon or "").strip() else None
    if manier in NODIG_TELEFOON and nummer is None:
        raise OngeldigeInvoer("Op welk telefoonnummer kan het buurtteam u bereiken?")
    if manier == "whatsapp" and not is_mobiel(nummer):
        raise OngeldigeInvoer("Voor WhatsApp is een 06-nummer nodig. Heeft u dat niet? Kies dan bellen.")
    return Contactvoorkeur(manier, nummer, _korte_tekst(wanneer, MAX_WANNEER, "Wanneer het u past"),
                           _korte_tekst(taal, MAX_TAAL, "De taal") or STANDAARD_TAAL,
                           bool(vertrouwenspersoon), bool(clientondersteuner))
