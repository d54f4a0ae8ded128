"""Dutch formatting of money, dates and numbers (nl_NL), from Babel's locale data.

Babel's own format functions cost tens of microseconds a call; the check formats many amounts per household, so
the separators, symbol and month names are read from Babel once and applied with plain string formatting.
tests/test_taal.py checks the result against Babel's format functions.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale

LOCALE = "nl_NL"


@lru_cache(maxsize=None)
def _symbols() -> tuple[str, str, str, str, str]:
    """decimal sign, group sign, euro sign, what stands between sign and number, minus sign."""
    locale = Locale.parse(LOCALE)
    symbols = locale.number_symbols[locale.default_numbering_system]
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    between = pattern.split("\u00a4")[1].split("#")[0]
    return symbols["decimal"], symbols["group"], locale.currency_symbols["EUR"], between, symbols["minusSign"]


@lru_cache(maxsize=None)
def _month_names() -> dict[int, str]:
    return dict(Locale.parse(LOCALE).months["format"]["wide"])


def _group(number: str, decimal: str, group: str) -> str:
    return number.replace(",", "\0").replace(".", decimal).replace("\0", group)


@lru_cache(maxsize=4096)  # limits from the norms recur in every check
def getal(value: float, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' style, with the given number of decimals."""
    decimal, group, _, _, minus = _symbols()
    text = _group(f"{abs(value):,.{decimals}f}", decimal, group)
    return f"{minus}{text}" if value < 0 and float(text.replace(group, "").replace(decimal, ".")) else text


@lru_cache(maxsize=4096)
def euro(value: float) -> str:
    """'€ 1.250,50'; whole amounts without cents: '€ 160.000'."""
    decimal, group, symbol, between, minus = _symbols()
    cents = round(abs(value) * 100)
    digits = 0 if cents % 100 == 0 else 2
    text = _group(f"{cents / 100:,.{digits}f}", decimal, group)
    return f"{symbol}{between}{minus if value < 0 and cents else ''}{text}"


def datum(day: dt.date) -> str:
    """'1 januari 2027'."""
    return f"{day.day} {_month_names()[day.month]} {day.year}"


def procent(value: float) -> str:
    """'120%' or '97,5%'."""
    rounded = round(value, 1)
    return f"{getal(rounded, 0 if rounded == int(rounded) else 1)}%"


def in_zin(naam: str) -> str:
    """A name as it stands mid-sentence: 'Huurtoeslag' -> 'huurtoeslag'; abbreviations such as 'AIO' stay."""
    return naam if len(naam) > 1 and naam[1].isupper() else naam[:1].lower() + naam[1:]


def opsomming(namen: list[str]) -> str:
    """Names mid-sentence as a list: 'huurtoeslag, zorgtoeslag en de Stadspas'."""
    delen = [in_zin(n) for n in namen]
    return delen[0] if len(delen) == 1 else f"{', '.join(delen[:-1])} en {delen[-1]}"
