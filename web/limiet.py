"""How many chat messages one conversation and one address may send to the assistant: a token bucket per key.

Pure: the caller passes the time (`nu`, seconds on a monotonic clock), so the tests need no real clock. The
buckets live in this process's memory; with more than one web process each would count on its own.
"""
from __future__ import annotations

import ipaddress
import math
from collections import OrderedDict
from dataclasses import dataclass

UITLEG = "Schrijf twee hele getallen groter dan 0, zoals 30,10: berichten per minuut, en hoeveel direct achter elkaar."


@dataclass(frozen=True)
class Limiet:
    """`per_minuut` messages a minute on average, and at most `stoot` right after one another."""
    per_minuut: int
    stoot: int

    def __post_init__(self) -> None:
        if not all(type(getal) is int and getal > 0 for getal in (self.per_minuut, self.stoot)):
            raise ValueError(UITLEG)

    @classmethod
    def uit_tekst(cls, tekst: str) -> "Limiet":
        """"30,10": 30 messages a minute, at most 10 right after one another."""
        try:
            per_minuut, stoot = (int(deel) for deel in tekst.split(","))
        except ValueError:
            raise ValueError(UITLEG) from None
        return cls(per_minuut, stoot)


class Emmer:
    """A token bucket per key: full at `stoot` tokens, one token per message, refilled at `per_minuut` a minute.
    A bucket that has filled up again is the same as a new one and is forgotten; beyond `maximaal` keys the
    longest-unused ones are forgotten too, so memory stays bounded whatever keys a client makes up."""

    def __init__(self, limiet: Limiet, maximaal: int = 10_000):
        self.stoot = limiet.stoot
        self.per_seconde = limiet.per_minuut / 60
        self.maximaal = maximaal
        self._emmers: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, at time), oldest first

    def wachttijd(self, sleutel: str, nu: float) -> float:
        """Seconds until `sleutel` may send one message; 0 when it may now."""
        return max(0.0, (1 - self._tokens(sleutel, nu)) / self.per_seconde)

    def neem(self, sleutel: str, nu: float) -> None:
        self._emmers[sleutel] = (self._tokens(sleutel, nu) - 1, nu)
        self._emmers.move_to_end(sleutel)
        self._opruimen(nu)

    def __len__(self) -> int:
        return len(self._emmers)

    def _tokens(self, sleutel: str, nu: float) -> float:
        tokens, toen = self._emmers.get(sleutel, (self.stoot, nu))
        return min(self.stoot, tokens + max(0.0, nu - toen) * self.per_seconde)

    def _opruimen(self, nu: float) -> None:
        while self._emmers:
            sleutel = next(iter(self._emmers))
            if len(self._emmers) <= self.maximaal and self._tokens(sleutel, nu) < self.stoot:
                break
            del self._emmers[sleutel]


class Berichtlimiet:
    """A message may go to the assistant when both its conversation and its address are within their limit; a
    refused message counts for neither, so waiting and sending it again always works."""

    def __init__(self, per_gesprek: Limiet, per_adres: Limiet, maximaal: int = 10_000):
        self.gesprekken = Emmer(per_gesprek, maximaal)
        self.adressen = Emmer(per_adres, maximaal)

    def probeer(self, afzender: str, adres: str, nu: float) -> int:
        """0 when the message may go (and it is counted), otherwise the whole seconds to wait (at least 1)."""
        sleutel = adres_sleutel(adres)
        wacht = max(self.gesprekken.wachttijd(afzender, nu), self.adressen.wachttijd(sleutel, nu))
        if wacht > 0:
            return max(1, math.ceil(wacht))
        self.gesprekken.neem(afzender, nu)
        self.adressen.neem(sleutel, nu)
        return 0


def adres_sleutel(adres: str) -> str:
    """The key of a client address: an IPv6 address counts per /64, the block one household or device gets, so a
    script cannot escape the limit by taking a fresh address from its own block; IPv4 counts per address."""
    try:
        ip = ipaddress.ip_address(adres.strip("[]"))
    except ValueError:
        return adres  # not an IP address (a Unix socket): the text itself
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(ip), 64), strict=False))
    return str(ip)
