"""Reading Meta's webhook calls: the signature check and the messages in a notification (pure functions)."""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Mapping

HANDTEKENING_VOORVOEGSEL = "sha256="

# Message types that need no answer: a reaction (emoji) on an earlier message, a notice from WhatsApp itself
# (the person changed number), and the event of someone opening the chat for the first time.
GEEN_ANTWOORD_NODIG = frozenset({"reaction", "system", "request_welcome"})


@dataclass(frozen=True)
class Inkomend:
    """One message from a citizen. `tekst` is None when the message holds nothing the assistant can read
    (a photo, voice note, document, location, sticker, contact card, or a type WhatsApp itself does not support)."""

    bericht_id: str
    afzender: str
    tijd: datetime
    soort: str
    tekst: str | None
    weggelaten: frozenset[str] = frozenset()  # what was taken out of `tekst` (BSN, IBAN) before it was kept

    def als_dict(self) -> dict[str, Any]:
        """As it is kept until handled (geheugen.py)."""
        return {"bericht_id": self.bericht_id, "afzender": self.afzender, "tijd": self.tijd.timestamp(),
                "soort": self.soort, "tekst": self.tekst, "weggelaten": sorted(self.weggelaten)}

    @classmethod
    def uit_dict(cls, d: Mapping[str, Any]) -> "Inkomend":
        return cls(bericht_id=d["bericht_id"], afzender=d["afzender"],
                   tijd=datetime.fromtimestamp(d["tijd"], tz=timezone.utc), soort=d["soort"], tekst=d["tekst"],
                   weggelaten=frozenset(d.get("weggelaten") or ()))


def handtekening_klopt(app_secret: str, body: bytes, header: str | None) -> bool:
    """Meta signs every POST with HMAC-SHA256 of the raw body under the app secret, as `sha256=<hex>`."""
    if not header or not header.startswith(HANDTEKENING_VOORVOEGSEL):
        return False
    verwacht = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(verwacht, header[len(HANDTEKENING_VOORVOEGSEL):].strip().lower())


def verificatie_klopt(mode: str | None, token: str | None, verify_token: str) -> bool:
    """The subscription handshake: Meta sends hub.mode=subscribe and the verify token the municipality chose."""
    return mode == "subscribe" and token is not None and hmac.compare_digest(token.encode(), verify_token.encode())


def lees_webhook(document: Mapping[str, Any], phone_number_id: str) -> list[Inkomend]:
    """The citizens' messages in one notification, in order. Status updates (sent, delivered, read, failed) and
    messages for another business number on the same app are left out."""
    if document.get("object") != "whatsapp_business_account":
        return []
    berichten = []
    for entry in document.get("entry") or []:
        for change in entry.get("changes") or []:
            waarde = change.get("value") or {}
            if change.get("field") != "messages" or (waarde.get("metadata") or {}).get("phone_number_id") != phone_number_id:
                continue
            for bericht in waarde.get("messages") or []:
                inkomend = _inkomend(bericht)
                if inkomend is not None:
                    berichten.append(inkomend)
    return berichten


def _inkomend(bericht: Mapping[str, Any]) -> Inkomend | None:
    soort = bericht.get("type", "unknown")
    if soort in GEEN_ANTWOORD_NODIG or not bericht.get("id") or not bericht.get("from"):
        return None
    return Inkomend(bericht_id=bericht["id"], afzender=bericht["from"], tijd=_tijd(bericht.get("timestamp")),
                    soort=soort, tekst=_tekst(soort, bericht))


def _tekst(soort: str, bericht: Mapping[str, Any]) -> str | None:
    """What the person typed or chose. A chosen button or list row gives its id: the payload the assistant set."""
    if soort == "text":
        return (bericht.get("text") or {}).get("body") or None
    if soort == "interactive":
        interactief = bericht.get("interactive") or {}
        keuze = interactief.get(interactief.get("type")) if interactief.get("type") in ("button_reply", "list_reply") else None
        return (keuze or {}).get("id") or None
    if soort == "button":  # a quick-reply button under a template message
        knop = bericht.get("button") or {}
        return knop.get("payload") or knop.get("text") or None
    return None


def _tijd(timestamp: Any) -> datetime:
    """Meta gives Unix seconds as a string; a missing or odd value counts as now."""
    try:
        return datetime.fromtimestamp(int(timestamp), tz=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return datetime.now(timezone.utc)
