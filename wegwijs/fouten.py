"""Errors that carry a plain-Dutch message for the person or editor who has to act on them."""
from __future__ import annotations

from dataclasses import dataclass


class OngeldigeInvoer(ValueError):
    """A household document that does not fit the contract; str() is a plain-Dutch message naming the field."""


@dataclass(frozen=True)
class Bevinding:
    """One problem in the knowledge base, located for a content editor."""

    bestand: str
    regel: int | None
    veld: str
    melding: str

    def __str__(self) -> str:
        waar = f"{self.bestand}, regel {self.regel}" if self.regel else self.bestand
        veld = f" (veld '{self.veld}')" if self.veld else ""
        return f"{waar}{veld}: {self.melding}"


class KennisFout(Exception):
    """The knowledge base has errors; the assistant must not run on it."""

    def __init__(self, bevindingen: list[Bevinding]):
        self.bevindingen = bevindingen
        super().__init__("\n".join(str(b) for b in bevindingen))
