"""Session tokens, CSRF tokens and the limit on login attempts: small pure pieces, the handlers do the I/O."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections import deque
from dataclasses import dataclass

SESSIE_COOKIE = "wegwijs_inbox"
# before login there is no session yet; the login form's CSRF token is tied to this cookie instead
LOGIN_COOKIE = "wegwijs_inbox_login"


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(cookie_waarde: str, geheim: bytes) -> str:
    """The login form's token for its cookie: an HMAC with the server secret (Instellingen.geheim). A page on
    another site can neither read the HttpOnly cookie nor compute this token without the secret, so a forged form
    post carries no valid one. (A session's own form token is random and kept with the session.)"""
    return hmac.new(geheim, b"wegwijs-inbox-login:" + cookie_waarde.encode(), hashlib.sha256).hexdigest()


def gelijk(gegeven: str, verwacht: str) -> bool:
    """Constant-time comparison that also takes any text a form may carry."""
    return hmac.compare_digest(gegeven.encode(), verwacht.encode())


def csrf_klopt(cookie_waarde: str | None, formulier_token: str | None, geheim: bytes) -> bool:
    if not cookie_waarde or not formulier_token:
        return False
    return gelijk(formulier_token, csrf_token(cookie_waarde, geheim))


def cookie_opties(veilig: bool, max_leeftijd: int | None = None) -> dict:
    opties = {"httponly": True, "samesite": "Strict", "path": "/inbox", "secure": veilig}
    if max_leeftijd is not None:
        opties["max-age"] = max_leeftijd
    return opties


def adres_sleutel(adres: str) -> str:
    """The key a login limit counts under: an IPv4 address itself, for IPv6 its /64 (one subscriber usually gets a
    whole /64, so counting per address would give each guess a fresh limit). Takes Sanic's forms too: an IPv6
    address from a proxy header comes in brackets."""
    try:
        ip = ipaddress.ip_address((adres or "").strip("[]").split("%")[0])
    except ValueError:
        return adres or "?"
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass
class _Paar:
    fouten: int
    laatste: float


class Inlogrem:
    """How often one may try to log in. No account is ever locked; instead:

    - per address (an IPv6 /64 counts as one): at most `maximum` attempts within `venster` seconds, whatever
      e-mail they name, so one address cannot try many accounts;
    - per account *and* address: `vrij` wrong passwords go through, then each next attempt from that address for
      that account waits twice as long as the one before (`eerste_wachttijd`, doubling, at most `max_wachttijd`).

    A stranger who types wrong passwords for a worker's e-mail only slows down their own addresses: the worker,
    from her own address, logs in as always. Guessing one account from many addresses stays slow: a handful of
    tries per address per quarter of an hour, against scrypt and passwords of at least 12 characters.

    An attempt is counted when it starts, before the password is checked (`reserveer`), so attempts sent in
    parallel are bounded like attempts one after the other; a successful login takes its attempt back (`gelukt`).
    Times are seconds of a monotonic clock; the handler passes them in."""

    GRENS = 10_000  # more accounts-and-addresses than this in memory: forget the quiet ones

    def __init__(self, maximum: int = 20, venster: float = 15 * 60, vrij: int = 3, eerste_wachttijd: float = 1.0,
                 max_wachttijd: float = 15 * 60):
        self.maximum, self.venster = maximum, venster
        self.vrij, self.eerste_wachttijd, self.max_wachttijd = vrij, eerste_wachttijd, max_wachttijd
        self._adressen: dict[str, deque[float]] = {}
        self._paren: dict[tuple[str, str], _Paar] = {}

    def reserveer(self, adres: str, email: str, nu: float) -> float:
        """0 when this attempt may check its password (it is counted now); otherwise the seconds to wait, and
        nothing is counted."""
        sleutel, paar_sleutel = adres_sleutel(adres), (email.strip().lower(), adres_sleutel(adres))
        if len(self._paren) > self.GRENS:
            for oud in list(self._paren):
                self._paar(oud, nu)
        pogingen = self._recent(sleutel, nu)
        if len(pogingen) >= self.maximum:
            return pogingen[0] + self.venster - nu
        paar = self._paar(paar_sleutel, nu)
        if paar and paar.fouten >= self.vrij:
            wachten = paar.laatste + self._wachttijd(paar.fouten) - nu
            if wachten > 0:
                return wachten
        pogingen.append(nu)
        self._adressen[sleutel] = pogingen
        self._paren[paar_sleutel] = _Paar((paar.fouten if paar else 0) + 1, nu)
        return 0.0

    def gelukt(self, adres: str, email: str, nu_van_reservering: float) -> None:
        """The password was right: the attempt does not count against the address, and the account's back-off
        from this address starts anew."""
        sleutel = adres_sleutel(adres)
        self._paren.pop((email.strip().lower(), sleutel), None)
        pogingen = self._adressen.get(sleutel)
        if pogingen and nu_van_reservering in pogingen:
            pogingen.remove(nu_van_reservering)

    def _wachttijd(self, fouten: int) -> float:
        return min(self.eerste_wachttijd * 2 ** (fouten - self.vrij), self.max_wachttijd)

    def _paar(self, sleutel: tuple[str, str], nu: float) -> _Paar | None:
        paar = self._paren.get(sleutel)
        if paar and nu - paar.laatste > max(self.venster, self._wachttijd(paar.fouten)):
            del self._paren[sleutel]  # quiet for long enough: the account starts afresh from this address
            return None
        return paar

    def _recent(self, sleutel: str, nu: float) -> deque[float]:
        pogingen = self._adressen.get(sleutel, deque())
        while pogingen and pogingen[0] <= nu - self.venster:
            pogingen.popleft()
        if not pogingen:
            self._adressen.pop(sleutel, None)  # forget addresses that have been quiet for a while
        return pogingen
