"""Money, dates and percentages as Babel formats them for nl_NL."""
from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from wegwijs import taal


def test_examples_from_the_style_guide():
    assert taal.euro(1250.5) == "€\u00a01.250,50"
    assert taal.euro(160000) == "€\u00a0160.000"
    assert taal.datum(dt.date(2027, 1, 1)) == "1 januari 2027"
    assert taal.procent(120) == "120%"
    assert taal.procent(97.46) == "97,5%"


@pytest.mark.parametrize("bedrag", [0, 0.5, 1, 12.34, 999.99, 1000, 1250.5, 12345.67, 160000, 1234567.8, -12.5, -3])
def test_euro_matches_babel(bedrag):
    verwacht = format_currency(bedrag, "EUR", locale="nl_NL", format="¤\u00a0#,##0;¤\u00a0-#,##0" if bedrag == int(bedrag) else None,
                               currency_digits=bedrag != int(bedrag))
    assert taal.euro(bedrag) == verwacht


@pytest.mark.parametrize("getal", [0, 7, 1234, 1234567, -42])
def test_getal_matches_babel(getal):
    assert taal.getal(getal) == format_decimal(getal, locale="nl_NL")


@pytest.mark.parametrize("dag", [dt.date(2026, m, d) for m, d in [(1, 1), (3, 15), (7, 1), (12, 31)]])
def test_datum_matches_babel(dag):
    assert taal.datum(dag) == format_date(dag, "d MMMM y", locale="nl_NL")


def test_names_mid_sentence():
    assert taal.in_zin("Huurtoeslag") == "huurtoeslag"
    assert taal.in_zin("AIO") == "AIO"
