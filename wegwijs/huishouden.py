"""Check a household document against Wegwijs' schema (the shared contract plus 'onbekend'), in plain Dutch."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from wegwijs.fouten import OngeldigeInvoer

SCHEMA_PAD = Path(__file__).with_name("schema") / "huishouden.schema.json"

_SOORTEN = {"integer": "een heel getal", "number": "een getal", "string": "een tekst", "boolean": "ja of nee (true/false)",
            "object": "een groep velden", "array": "een lijst", "null": "leeg (null)"}


@lru_cache(maxsize=None)
def _schema() -> dict:
    return json.loads(SCHEMA_PAD.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(_schema(), format_checker=FormatChecker())


@lru_cache(maxsize=None)
def _snel() -> Callable[[Any], Any]:
    """The schema compiled to Python: a valid document costs microseconds; messages come from jsonschema."""
    return fastjsonschema.compile(_schema())


def _veld(fout: ValidationError) -> str:
    delen: list[str] = []
    for stap in fout.absolute_path:
        delen.append(f"[{stap + 1}]" if isinstance(stap, int) else ("." if delen else "") + str(stap))
    return "".join(delen) or "het document"


def _melding(fout: ValidationError) -> str:
    veld, waarde = _veld(fout), fout.instance
    match fout.validator:
        case "required":
            ontbreekt = next((n for n in fout.validator_value if not isinstance(waarde, dict) or n not in waarde), "?")
            plek = f"{veld}.{ontbreekt}" if fout.absolute_path else ontbreekt
            return f"Het veld '{plek}' ontbreekt. Dat is nodig."
        case "type":
            soorten = fout.validator_value if isinstance(fout.validator_value, list) else [fout.validator_value]
            return f"Het veld '{veld}' moet {' of '.join(_SOORTEN.get(s, s) for s in soorten)} zijn, niet {json.dumps(waarde, ensure_ascii=False)}."
        case "minimum":
            return f"Het veld '{veld}' mag niet kleiner zijn dan {fout.validator_value} (nu: {waarde})."
        case "maximum":
            return f"Het veld '{veld}' mag niet groter zijn dan {fout.validator_value} (nu: {waarde})."
        case "enum":
            return f"Het veld '{veld}' kan alleen een van deze waarden hebben: {', '.join(map(str, fout.validator_value))} (nu: {waarde})."
        case "additionalProperties":
            extra = sorted(set(waarde) - set(fout.schema.get("properties", {})))
            return f"Het veld '{(veld + '.') if fout.absolute_path else ''}{extra[0] if extra else '?'}' kennen we niet. Haal het weg of kijk de naam na."
        case "pattern":
            return f"Het veld '{veld}' heeft niet de goede vorm (nu: {waarde}). Een postcode schrijft u zo: 1234 AB."
        case "format":
            return f"Het veld '{veld}' moet een datum zijn als 2026-01-31 (nu: {waarde})."
        case "oneOf":
            return f"Het veld '{veld}' moet een persoon met leeftijd zijn, of leeg (null)."
        case "uniqueItems":
            return f"In het veld '{veld}' staat iets dubbel."
    return f"Het veld '{veld}' klopt niet: {fout.message}"


def fouten(document: Any) -> list[str]:
    """All problems with a household document, each a plain-Dutch sentence naming the field; [] when valid."""
    if not isinstance(document, dict):
        return ["Het huishouden moet een groep velden zijn (een JSON-object met in elk geval 'aanvrager')."]
    try:
        _snel()(document)
        return _samenhang(document)
    except fastjsonschema.JsonSchemaException:
        pass
    gevonden = sorted(_validator().iter_errors(document), key=lambda f: (list(map(str, f.absolute_path)), f.validator))
    return [_melding(f) for f in gevonden]


def _samenhang(document: dict) -> list[str]:
    """What the schema cannot say: fields that must fit together."""
    meldingen = []
    vanaf_27, alle = document.get("andere_volwassenen_vanaf_27"), document.get("andere_volwassenen_in_huis")
    if vanaf_27 is not None and vanaf_27 > (alle or 0):
        meldingen.append(f"Het veld 'andere_volwassenen_vanaf_27' ({vanaf_27}) mag niet groter zijn dan "
                         f"'andere_volwassenen_in_huis' ({alle or 0}): het telt een deel van die volwassenen.")
    kaal, huur = document.get("kale_huur_per_maand"), (document.get("woning") or {}).get("huur_per_maand")
    if kaal is not None and huur is not None and kaal > huur:
        meldingen.append(f"Het veld 'kale_huur_per_maand' ({kaal}) mag niet groter zijn dan 'woning.huur_per_maand' "
                         f"({huur}): de kale huur is de huur zonder servicekosten.")
    return meldingen


def valideer_of_fout(document: Any) -> None:
    meldingen = fouten(document)
    if meldingen:
        raise OngeldigeInvoer("\n".join(meldingen))
