"""Read a YAML file and remember on which line every field stands, so errors can point an editor to it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wegwijs.fouten import Bevinding

Pad = tuple  # path of keys and list positions from the top of the document


@dataclass
class YamlBestand:
    pad: Path
    naam: str  # as shown to editors: relative to the knowledge folder
    data: Any
    regels: dict[Pad, int] = field(default_factory=dict)

    def regel(self, pad: Pad) -> int | None:
        """Line of the field at pad, or of the nearest enclosing field."""
        while pad:
            if pad in self.regels:
                return self.regels[pad]
            pad = pad[:-1]
        return self.regels.get((), 1)

    def bevinding(self, pad: Pad, melding: str) -> Bevinding:
        return Bevinding(self.naam, self.regel(pad), veldnaam(pad), melding)


def veldnaam(pad: Pad) -> str:
    parts: list[str] = []
    for key in pad:
        if isinstance(key, int):
            parts.append(f"[{key + 1}]")
        else:
            parts.append(("." if parts else "") + str(key))
    return "".join(parts)


def _lines(node: yaml.Node, pad: Pad, regels: dict[Pad, int]) -> None:
    regels[pad] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node)) if key_node.tag != "tag:yaml.org,2002:str" else key_node.value
            child = pad + (str(key),)
            _lines(value_node, child, regels)
            regels[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, pad + (index,), regels)


def lees(pad: Path, basis: Path) -> tuple[YamlBestand | None, Bevinding | None]:
    """Parse one file; a syntax error becomes a Bevinding with the line where YAML stopped understanding it."""
    naam = str(pad.relative_to(basis)) if pad.is_relative_to(basis) else str(pad)
    try:
        tekst = pad.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, Bevinding(naam, None, "", "het bestand is geen gewone tekst (UTF-8). Sla het op als UTF-8.")
    try:
        node = yaml.compose(tekst, Loader=yaml.SafeLoader)
        data = yaml.load(tekst, Loader=yaml.SafeLoader)
    except yaml.YAMLError as fout:
        mark = getattr(fout, "problem_mark", None)
        uitleg = getattr(fout, "problem", None) or str(fout)
        return None, Bevinding(
            naam,
            mark.line + 1 if mark else None,
            "",
            f"de YAML-opmaak klopt hier niet ({uitleg}). Kijk naar inspringen, dubbele punten en aanhalingstekens.",
        )
    bestand = YamlBestand(pad, naam, data)
    if node is not None:
        _lines(node, (), bestand.regels)
    return bestand, None


def als_json(waarde: Any) -> Any:
    """YAML reads 2026-09-01 as a date; JSON documents such as the household contract want the text."""
    if isinstance(waarde, dict):
        return {str(k): als_json(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [als_json(v) for v in waarde]
    return waarde.isoformat() if hasattr(waarde, "isoformat") else waarde
