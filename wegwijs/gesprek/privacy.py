"""What no store may keep: a BSN (burgerservicenummer) or an IBAN in a message, and characters no text should hold.

Every channel runs `schoon_bericht` on a message before Rasa sees it, so the number is never in a tracker, a
handoff packet or a log; the person is told that it is not needed. The tracker stores run it once more on what
they save, for anything that did not come through a channel."""
from __future__ import annotations

import re
from dataclasses import dataclass

_NOEMT_BSN = re.compile(r"\b(bsn|burgerservicenummer|burger service nummer|sofi ?nummer)\b")
_KANDIDAAT = re.compile(r"(?<![\d.,])(\d[\d .-]{7,12}\d)(?!\d|,\d)")


def elfproef(cijfers: str) -> bool:
    """The check every BSN passes: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and not 0)."""
    if len(cijfers) == 8:
        cijfers = "0" + cijfers
    if len(cijfers) != 9 or not cijfers.isdigit():
        return False
    som = sum(int(c) * w for c, w in zip(cijfers, [9, 8, 7, 6, 5, 4, 3, 2, -1]))
    return som != 0 and som % 11 == 0


def bevat_bsn(tekst: str | None) -> bool:
    """True when the text holds a number that is (very likely) a BSN: 9 digits passing the elfproef,
    or any 8-9 digit number next to the word BSN / sofinummer."""
    return bool(tekst) and any(soort == BSN for _, _, soort in gevoelige_stukken(tekst))


# ---- IBAN ----

# Lengths of the IBANs of the SEPA countries and a few more that people here bank with (ECBS/SWIFT IBAN registry).
IBAN_LENGTES = {
    "AD": 24, "AT": 20, "BA": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
    "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25,
    "RO": 24, "RS": 22, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26, "UA": 29, "VA": 22,
}
_IBAN_BEGIN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})")
_IBAN_TEKEN = re.compile(r"[A-Za-z0-9]")
# a Dutch IBAN with a typo fails the check but is just as personal: its shape alone is enough
_NL_IBAN_VORM = re.compile(r"(?<![A-Za-z0-9])NL ?\d{2} ?[A-Z]{4}(?: ?\d){10}(?![A-Za-z0-9])", re.IGNORECASE)


def iban_geldig(iban: str) -> bool:
    """The ISO 13616 check: the IBAN, its first four characters moved to the end and letters as numbers (A=10),
    leaves 1 after division by 97; and the length fits the country."""
    iban = re.sub(r"\s", "", iban).upper()
    lengte = IBAN_LENGTES.get(iban[:2])
    if lengte is None or len(iban) != lengte or not iban.isalnum() or not iban[2:4].isdigit():
        return False
    getal = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    return int(getal) % 97 == 1


def _iban_einde(tekst: str, begin: int) -> int | None:
    """Where an IBAN that starts at `begin` ends: its characters may be grouped by single spaces."""
    lengte = IBAN_LENGTES.get(tekst[begin:begin + 2].upper())
    if lengte is None:
        return None
    gezien, i = 0, begin
    while i < len(tekst) and gezien < lengte:
        if _IBAN_TEKEN.match(tekst[i]):
            gezien += 1
        elif not (tekst[i] == " " and gezien >= 4 and i + 1 < len(tekst) and _IBAN_TEKEN.match(tekst[i + 1])):
            return None
        i += 1
    if gezien < lengte or (i < len(tekst) and _IBAN_TEKEN.match(tekst[i])):
        return None
    return i if iban_geldig(tekst[begin:i]) else None


# ---- everything together ----

BSN, IBAN = "bsn", "iban"
WEGGELATEN = {BSN: "[BSN weggelaten]", IBAN: "[rekeningnummer weggelaten]"}
# NUL and the other control characters (tab and newline stay), and halves of a character (lone surrogates):
# PostgreSQL refuses them in text, and no person types them
_ONLEESBAAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class Geschoond:
    tekst: str
    weggelaten: frozenset[str] = frozenset()   # BSN and/or IBAN: what was taken out


def schone_tekst(tekst: str) -> str:
    """The text without characters that no store can hold (see _ONLEESBAAR)."""
    return _ONLEESBAAR.sub("", tekst)


def gevoelige_stukken(tekst: str) -> list[tuple[int, int, str]]:
    """(begin, end, BSN or IBAN) for every BSN and IBAN in the text, in order."""
    stukken = []
    for m in _IBAN_BEGIN.finditer(tekst):
        einde = _iban_einde(tekst, m.start())
        if einde is not None:
            stukken.append((m.start(), einde, IBAN))
    for m in _NL_IBAN_VORM.finditer(tekst):
        if not any(b == m.start() for b, _, _ in stukken):
            stukken.append((m.start(), m.end(), IBAN))
    noemt_bsn = bool(_NOEMT_BSN.search(tekst.lower()))
    for m in _KANDIDAAT.finditer(tekst):
        cijfers = re.sub(r"[ .-]", "", m.group(1))
        binnen_iban = any(b <= m.start(1) < e for b, e, _ in stukken)
        if not binnen_iban and len(cijfers) in (8, 9) and (elfproef(cijfers) or noemt_bsn):
            stukken.append((m.start(1), m.end(1), BSN))
    return sorted(stukken)


def schoon_bericht(tekst: str) -> Geschoond:
    """The message as it may be kept: unreadable characters gone, each BSN and IBAN replaced by a placeholder."""
    tekst = schone_tekst(tekst)
    stukken = gevoelige_stukken(tekst)
    for begin, einde, soort in reversed(stukken):
        tekst = tekst[:begin] + WEGGELATEN[soort] + tekst[einde:]
    return Geschoond(tekst, frozenset(soort for _, _, soort in stukken))


# words that only say what the number was: "mijn bsn is ..." holds nothing else to answer
_OVER_HET_NUMMER = frozenset({"mijn", "mn", "m'n", "is", "bsn", "burgerservicenummer", "sofinummer", "iban", "rekening",
                              "rekeningnummer", "bankrekening", "bankrekeningnummer", "nummer", "hier", "dit", "het",
                              "de", "en", "van", "ik", "heb", "hierbij", "graag", "alstublieft", "hoi", "hallo"})


def alleen_weggelaten(geschoond: Geschoond) -> bool:
    """Whether the message held nothing but what was taken out and words about it ("mijn bsn is ..."): then the
    notice that it was taken out is the whole answer."""
    if not geschoond.weggelaten:
        return False
    rest = geschoond.tekst
    for plek in WEGGELATEN.values():
        rest = rest.replace(plek, " ")
    return all(woord in _OVER_HET_NUMMER for woord in re.findall(r"[\w']+", rest.lower()))


def melding_weggelaten(weggelaten: frozenset[str], alleen: bool = False) -> str | None:
    """What the person reads when a channel took a BSN or IBAN out of their message; None when nothing was.
    `alleen`: the message held nothing else (see alleen_weggelaten)."""
    if not weggelaten:
        return None
    wat = {frozenset({BSN}): "Uw BSN is", frozenset({IBAN}): "Uw rekeningnummer is"}.get(
        frozenset(weggelaten), "Uw BSN en rekeningnummer zijn")
    zin = f"{wat} hier niet nodig. Ik heb het uit uw bericht gehaald en nergens bewaard."
    return zin if alleen else zin + " Uw vraag lees ik wel."
