"""Password hashes with scrypt (hashlib): 'scrypt$n$r$p$salt$hash', hex."""
from __future__ import annotations

import hashlib
import hmac
import secrets

N, R, P, LENGTE = 2 ** 14, 8, 1, 32
MIN_LENGTE = 12


def maak_hash(wachtwoord: str) -> str:
    zout = secrets.token_bytes(16)
    sleutel = hashlib.scrypt(wachtwoord.encode(), salt=zout, n=N, r=R, p=P, dklen=LENGTE)
    return f"scrypt${N}${R}${P}${zout.hex()}${sleutel.hex()}"


def klopt(wachtwoord: str, opgeslagen: str) -> bool:
    try:
        soort, n, r, p, zout, sleutel = opgeslagen.split("$")
    except ValueError:
        return False
    if soort != "scrypt":
        return False
    berekend = hashlib.scrypt(wachtwoord.encode(), salt=bytes.fromhex(zout), n=int(n), r=int(r), p=int(p),
                              dklen=len(sleutel) // 2)
    return hmac.compare_digest(berekend.hex(), sleutel)


# compared against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password
NEP_HASH = maak_hash(secrets.token_hex(16))
