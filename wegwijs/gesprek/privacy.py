"""Recognising a BSN (burgerservicenummer) in a message, so the assistant can say it does not need it."""
from __future__ import annotations

import re

_KANDIDAAT = re.compile(r"(?<![\d.,])(\d[\d .-]{7,12}\d)(?![\d,])")


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
    if not tekst:
        return False
    noemt_bsn = bool(re.search(r"\b(bsn|burgerservicenummer|burger service nummer|sofi ?nummer)\b", tekst.lower()))
    for m in _KANDIDAAT.finditer(tekst):
        cijfers = re.sub(r"[ .-]", "", m.group(1))
        if len(cijfers) in (8, 9) and (elfproef(cijfers) or noemt_bsn):
            return True
    return False

