"""Numbers as people type them in a chat: "1.250,50", "1,250.50", "ongeveer 1200 euro", "twaalfhonderd", "2k".

Pure functions without state; every function returns None when it did not find a number.
"""
from __future__ import annotations

import re
import unicodedata

_EENHEDEN = {
    "nul": 0, "een": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
    "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20,
    "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
    "negentig": 90,
}
_VERMENIGVULDIGERS = {"honderd": 100, "duizend": 1000}
_DELEN = sorted([*_EENHEDEN, *_VERMENIGVULDIGERS, "en"], key=len, reverse=True)


def zonder_accenten(tekst: str) -> str:
    """'tweeënveertig' -> 'tweeenveertig', 'één' -> 'een'."""
    return "".join(c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c))


def _in_delen(woord: str) -> list[str] | None:
    """Split a written number into its parts, longest part first: 'tweeduizendvijfhonderd' -> parts."""
    delen: list[str] = []
    i = 0
    while i < len(woord):
        for deel in _DELEN:
            if woord.startswith(deel, i):
                delen.append(deel)
                i += len(deel)
                break
        else:
            return None
    return delen


def getal_in_woorden(woorden: str) -> int | None:
    """'twaalfhonderd' -> 1200, 'vijfenveertig' -> 45, 'duizend tweehonderd' -> 1200, 'twee' -> 2."""
    woord = zonder_accenten(woorden.lower()).replace(" ", "").replace("-", "")
    if not woord:
        return None
    delen = _in_delen(woord)
    if not delen or all(d == "en" for d in delen) or delen[0] == "en" or delen[-1] == "en":
        return None
    totaal, huidig = 0, 0
    for deel in delen:
        if deel == "en":
            continue
        if deel == "honderd":
            huidig = (huidig or 1) * 100
        elif deel == "duizend":
            totaal += (huidig or 1) * 1000
            huidig = 0
        else:
            huidig += _EENHEDEN[deel]
    return totaal + huidig


_GETAL_RE = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?(?:,-)?|\d+")


def lees_cijfers(tekst: str) -> float:
    """'1.250,50' -> 1250.5; '1,250.50' -> 1250.5; '1.250' -> 1250; '12,5' -> 12.5; '1250,-' -> 1250."""
    t = tekst.strip().replace(" ", "")
    if t.endswith(",-"):
        t = t[:-2]
    if "," in t and "." in t:
        decimaal = "," if t.rfind(",") > t.rfind(".") else "."
        duizend = "." if decimaal == "," else ","
        t = t.replace(duizend, "").replace(decimaal, ".")
    elif "," in t or "." in t:
        teken = "," if "," in t else "."
        delen = t.split(teken)
        if len(delen) > 2 or len(delen[-1]) == 3:
            t = "".join(delen)          # thousands separators
        else:
            t = ".".join(delen)         # decimal sign
    return float(t)


_WOORD_RE = re.compile(r"[a-zà-ÿ]+")


def getallen_in_tekst(tekst: str) -> list[float]:
    """All numbers in a text, written in digits or in words, in order. '2 duizend' and '1,2k' count as thousands."""
    t = zonder_accenten(tekst.lower())
    t = re.sub(r"(\d)\s*(k|duizend|dzd)\b", r"\1 x1000", t)
    uitkomst: list[tuple[int, float]] = []
    for m in _GETAL_RE.finditer(t):
        waarde = lees_cijfers(m.group(0))
        if t[m.end():m.end() + 6] == " x1000":
            waarde *= 1000
        uitkomst.append((m.start(), waarde))
    # runs of number words ("twaalf honderd", "duizend twee honderd")
    reeks: list[str] = []
    start = 0
    for m in list(_WOORD_RE.finditer(t)) + [None]:
        woord = m.group(0) if m else ""
        if m and woord != "en" and getal_in_woorden(woord) is not None:
            if not reeks:
                start = m.start()
            reeks.append(woord)
            continue
        if reeks:
            waarde = getal_in_woorden("".join(reeks))
            if waarde is not None and not (reeks == ["een"] and _is_lidwoord(t, start)):
                uitkomst.append((start, float(waarde)))
            reeks = []
    return [w for _, w in sorted(uitkomst)]


def _is_lidwoord(tekst: str, start: int) -> bool:
    """'een' is mostly the article: 'een uitkering'. Only count it when it stands alone or before a count noun."""
    rest = tekst[start + 3:].strip()
    if not rest:
        return False
    volgend = rest.split()[0]
    return volgend not in {"kind", "kindje", "zoon", "dochter", "jaar", "baby", "euro", "maand", "keer"}
