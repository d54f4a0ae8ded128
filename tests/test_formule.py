"""Formulas in the knowledge base: arithmetic only, unknown stays unknown, nothing else can run."""
from __future__ import annotations

import pytest

from wegwijs.kennis.formule import FormuleFout, Onbekend, compileer

WAARDEN = {"inkomen": 1000, "sociaal_minimum": 1400, "zorgtoeslag.maximaal": 129, "leefvorm": "alleenstaand"}


def lookup(naam):
    if WAARDEN.get(naam) is None:
        raise Onbekend(naam)
    return WAARDEN[naam]


def reken(tekst):
    return compileer(tekst).waarde(lookup, lambda van, tot: 2)


def test_arithmetic_on_facts_and_dotted_norms():
    assert reken("max(0, sociaal_minimum - inkomen)") == 400
    assert reken("zorgtoeslag.maximaal * 2 + kinderen(0, 17)") == 260
    assert reken("100 / 12 if leefvorm == 'alleenstaand' else 200 / 12") == pytest.approx(8.333, abs=0.001)
    assert compileer("zorgtoeslag.maximaal - inkomen").namen == {"zorgtoeslag.maximaal", "inkomen"}


def test_unknown_input_gives_unknown_result():
    assert reken("vermogen + 1") is None


def test_division_by_zero_is_unknown_not_a_crash():
    assert reken("inkomen / (sociaal_minimum - 1400)") is None


@pytest.mark.parametrize("tekst", [
    "__import__('os').system('true')", "inkomen.__class__", "open('x')", "[1, 2]", "lambda: 1", "inkomen[0]",
    "(1).real", "f'{inkomen}'", "inkomen +",
])
def test_anything_but_arithmetic_is_refused(tekst):
    with pytest.raises(FormuleFout):
        compileer(tekst)
