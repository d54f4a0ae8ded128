"""Every rule test beside the content (knowledge/**/<id>.tests.yaml), one pytest case each."""
from __future__ import annotations

import pytest

from wegwijs.kennis import laad_kennisbank
from wegwijs.kennis.regeltests import verzamel, voer_uit

TESTS, _ = verzamel()


def test_every_scheme_has_at_least_three_rule_tests():
    kennisbank = laad_kennisbank()
    aantallen = {}
    for test in TESTS:
        aantallen[test.bestand.removesuffix(".tests.yaml")] = aantallen.get(test.bestand.removesuffix(".tests.yaml"), 0) + 1
    regelingen = kennisbank.landelijk + [r for lijst in kennisbank.gemeentelijk.values() for r in lijst]
    te_weinig = [r.bestand for r in regelingen if aantallen.get(r.bestand.removesuffix(".yaml"), 0) < 3]
    assert not te_weinig, f"minder dan drie regeltests: {te_weinig}"


def test_every_scheme_has_a_missing_fact_and_both_sides_of_a_threshold():
    """A missing fact (misschien), and the two sides of a threshold give two different outcomes.

    Over a limit the municipality weighs case by case, 'misschien' stands in for 'waarschijnlijk_niet'.
    """
    per_bestand: dict[str, set[str]] = {}
    for test in TESTS:
        per_bestand.setdefault(test.bestand, set()).add(test.verwacht["uitkomst"])
    onvolledig = {b: sorted(u) for b, u in per_bestand.items() if "misschien" not in u or len(u) < 2}
    assert not onvolledig, onvolledig


@pytest.mark.parametrize("test", TESTS, ids=[t.titel for t in TESTS])
def test_regel(test):
    problemen = voer_uit(test, laad_kennisbank())
    assert not problemen, "\n".join(problemen)
