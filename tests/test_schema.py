"""Wegwijs' household schema accepts every document the shared contract accepts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from wegwijs.huishouden import SCHEMA_PAD, fouten

CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "contracts" / "huishouden.schema.json"
EIGEN = json.loads(SCHEMA_PAD.read_text())


@pytest.fixture(scope="module")
def contract():
    if not CONTRACT.exists():
        pytest.skip(f"the shared contract is not beside this checkout ({CONTRACT})")
    return json.loads(CONTRACT.read_text())


def test_every_contract_field_is_kept_unchanged(contract):
    assert EIGEN["required"] == contract["required"]
    assert EIGEN["$defs"] == contract["$defs"]
    for naam, definitie in contract["properties"].items():
        assert EIGEN["properties"][naam] == definitie, naam
    # Wegwijs' own additions, each optional: a document of the contract stays valid
    assert set(EIGEN["properties"]) - set(contract["properties"]) == {"onbekend", "andere_volwassenen_vanaf_27", "toetsingsinkomen",
                                                                    "kale_huur_per_maand", "ontvangt_al"}


VOORBEELDEN = [
    {"aanvrager": {"leeftijd": 0}},
    {"aanvrager": {"leeftijd": 120, "in_nederland_sinds_leeftijd": 40, "studeert": False, "werkt": True}},
    {"peildatum": "2026-01-31", "gemeente": "Rotterdam", "postcode": "3011AB", "aanvrager": {"leeftijd": 45},
     "partner": None, "kinderen": [{"leeftijd": 30, "woont_thuis": False}], "andere_volwassenen_in_huis": 2,
     "woning": {"soort": "inwonend"}, "inkomen": {"netto_per_maand": 0, "bron": "geen", "laag_inkomen_sinds_jaren": 3.5},
     "vermogen": -2500.5, "schulden": True, "kinderopvang": False},
    {"aanvrager": {"leeftijd": 30}, "partner": {"leeftijd": 31}, "woning": {"soort": "huur", "huur_per_maand": 0}},
]


@pytest.mark.parametrize("document", VOORBEELDEN)
def test_documents_valid_under_the_contract_are_valid_here(contract, document):
    assert not list(Draft202012Validator(contract).iter_errors(document))
    assert fouten(document) == []


def test_the_adults_of_27_or_older_are_part_of_the_other_adults():
    from wegwijs.huishouden import fouten

    assert fouten({"aanvrager": {"leeftijd": 50}, "andere_volwassenen_in_huis": 2, "andere_volwassenen_vanaf_27": 1}) == []
    [melding] = fouten({"aanvrager": {"leeftijd": 50}, "andere_volwassenen_in_huis": 1, "andere_volwassenen_vanaf_27": 2})
    assert "andere_volwassenen_vanaf_27" in melding and "niet groter" in melding


def test_the_kale_huur_is_part_of_the_rent():
    from wegwijs.huishouden import fouten

    assert fouten({"aanvrager": {"leeftijd": 40}, "woning": {"soort": "huur", "huur_per_maand": 750},
                   "kale_huur_per_maand": 700}) == []
    [melding] = fouten({"aanvrager": {"leeftijd": 40}, "woning": {"soort": "huur", "huur_per_maand": 750},
                        "kale_huur_per_maand": 800})
    assert "kale_huur_per_maand" in melding
