"""Small formulas in the knowledge base: arithmetic on facts and norms, checked once and compiled for speed.

Only a whitelisted part of Python's expression syntax is accepted, so content can never run code.
A formula whose facts are unknown yields None (unknown), never a guess.
"""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any, Callable

FUNCTIONS = {"max", "min", "afronden", "afronden_omlaag", "kinderen"}

_ALLOWED = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Call, ast.Name, ast.Attribute,
    ast.Constant, ast.Load, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.And, ast.Or, ast.Not,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
)


def afronden_omlaag(x: float, decimalen: int = 0) -> float:
    """Round down (towards minus infinity) to `decimalen` decimals: afronden_omlaag(295.68) is 295, as Dienst
    Toeslagen rounds a monthly amount down to whole euros. First to 9 decimals, so that float noise such as
    295.99999999999994 for an exact 296 does not lose a euro."""
    factor = 10 ** int(decimalen)
    return math.floor(round(x * factor, 9)) / factor


class Onbekend(Exception):
    """Raised inside a formula when a value it needs is unknown."""

    def __init__(self, naam: str):
        self.naam = naam


class FormuleFout(ValueError):
    """The formula cannot be used; the message is plain Dutch for an editor."""


@dataclass(frozen=True)
class Formule:
    tekst: str
    namen: frozenset[str]  # facts and norms it reads
    _code: Any
    constante: float | bool | str | None = None
    enkel: str | None = None  # the name, when the formula is one name and nothing else

    def waarde(self, lookup: Callable[[str], Any], kinderen: Callable[[int, int], int]) -> Any:
        """Evaluate; lookup(name) returns a fact or norm value, raising Onbekend when unknown."""
        if self._code is None:
            return self.constante
        if self.enkel:  # just one fact or norm: no need to run the compiled formula
            try:
                return lookup(self.enkel)
            except Onbekend:
                return None
        try:
            return eval(self._code, {"__builtins__": {}}, {  # noqa: S307 - the tree was checked against _ALLOWED
                "_w": lookup, "max": max, "min": min, "afronden": round, "afronden_omlaag": afronden_omlaag,
                "kinderen": kinderen,
            })
        except Onbekend:
            return None
        except ZeroDivisionError:
            return None


def constante(waarde: float | bool | str) -> Formule:
    return Formule(repr(waarde), frozenset(), None, waarde)


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        left = _dotted(node.value)
        return f"{left}.{node.attr}" if left else None
    return None


class _Rewrite(ast.NodeTransformer):
    """Turn every name (or dotted norm name) into a call _w('name'), and collect the names."""

    def __init__(self) -> None:
        self.namen: set[str] = set()

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise FormuleFout(f"alleen deze functies kunnen: {', '.join(sorted(FUNCTIONS))}")
        if node.keywords:
            raise FormuleFout("gebruik geen namen bij de waarden van een functie")
        node.args = [self.visit(arg) for arg in node.args]
        return node

    def _name(self, node: ast.AST) -> ast.AST:
        naam = _dotted(node)
        if naam is None or "_" in (naam[0], *(deel[:1] for deel in naam.split("."))):
            raise FormuleFout("een naam met een punt moet een norm zijn, zoals zorgtoeslag.vermogensgrens")
        self.namen.add(naam)
        return ast.copy_location(ast.Call(ast.Name("_w", ast.Load()), [ast.Constant(naam)], []), node)

    visit_Name = _name
    visit_Attribute = _name


def compileer(tekst: str) -> Formule:
    """Check and compile a formula; raises FormuleFout with a plain-Dutch reason."""
    try:
        tree = ast.parse(str(tekst).strip(), mode="eval")
    except SyntaxError:
        raise FormuleFout("deze formule is niet te lezen. Kijk naar haakjes en rekentekens (+ - * /).") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise FormuleFout(f"in een formule kan alleen rekenen met + - * /, vergelijken en 'als ... else' "
                              f"(niet: {type(node).__name__})")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str, bool)):
            raise FormuleFout("alleen getallen, woorden tussen aanhalingstekens en true/false kunnen")
    rewrite = _Rewrite()
    tree = ast.fix_missing_locations(rewrite.visit(tree))
    code = compile(tree, "<formule>", "eval")
    enkel = _dotted(ast.parse(str(tekst).strip(), mode="eval").body)
    return Formule(str(tekst), frozenset(rewrite.namen), code, enkel=enkel)
