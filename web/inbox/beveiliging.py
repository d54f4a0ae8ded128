"""Session tokens, CSRF tokens and the limit on login attempts: small pure pieces, the handlers do the I/O."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import deque

SESSIE_COOKIE = "wegwijs_inbox"
# before login there is no session yet; the login form's CSRF token is tied to this cookie instead
LOGIN_COOKIE = "wegwijs_inbox_login"


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(cookie_waarde: str) -> str:
    """The form token for a session (or login) cookie. A page on another site can neither read the HttpOnly cookie
    nor compute this token, so a forged form post carries no valid one."""
    return hashlib.sha256(b"wegwijs-inbox-csrf:" + cookie_waarde.encode()).hexdigest()


def gelijk(gegeven: str, verwacht: str) -> bool:
    """Constant-time comparison that also takes any text a form may carry."""
    return hmac.compare_digest(gegeven.encode(), verwacht.encode())


def csrf_klopt(cookie_waarde: str | None, formulier_token: str | None) -> bool:
    if not cookie_waarde or not formulier_token:
        return False
    return gelijk(formulier_token, csrf_token(cookie_waarde))


def cookie_opties(veilig: bool, max_leeftijd: int | None = None) -> dict:
    opties = {"httponly": True, "samesite": "Strict", "path": "/inbox", "secure": veilig}
    if max_leeftijd is not None:
        opties["max-age"] = max_leeftijd
    return opties


class Inlogrem:
    """At most `maximum` failed logins per key (here: an address) within `venster` seconds. The storage limits
    failures per e-mail; this stops one address from trying many e-mails."""

    def __init__(self, maximum: int = 20, venster: float = 15 * 60):
        self.maximum = maximum
        self.venster = venster
        self._mislukt: dict[str, deque[float]] = {}

    def geblokkeerd(self, sleutel: str, nu: float) -> bool:
        return len(self._recent(sleutel, nu)) >= self.maximum

    def mislukt(self, sleutel: str, nu: float) -> None:
        pogingen = self._recent(sleutel, nu)
        pogingen.append(nu)
        self._mislukt[sleutel] = pogingen

    def _recent(self, sleutel: str, nu: float) -> deque[float]:
        pogingen = self._mislukt.get(sleutel, deque())
        while pogingen and pogingen[0] <= nu - self.venster:
            pogingen.popleft()
        if not pogingen:
            self._mislukt.pop(sleutel, None)  # forget addresses that have been quiet for a while
        return pogingen
