"""Webhook notifications in the format Meta documents for the WhatsApp Cloud API (messages webhook reference:
text, interactive button_reply and list_reply, image, status), with the ids and numbers of a test business."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

WABA_ID = "102290129340398"
PHONE_NUMBER_ID = "106540352242922"
DISPLAY_NUMMER = "31851234567"
BURGER = "31612345678"
GESPREK = "wa-" + BURGER   # the conversation id Rasa knows the person by (wegwijs/kanalen.py)
APP_SECRET = "test-app-secret"
VERIFY_TOKEN = "test-verify-token"


def melding(waarde: dict[str, Any], field: str = "messages") -> dict[str, Any]:
    return {"object": "whatsapp_business_account",
            "entry": [{"id": WABA_ID, "changes": [{"value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": DISPLAY_NUMMER, "phone_number_id": PHONE_NUMBER_ID},
                **waarde}, "field": field}]}]}


def nu() -> str:
    """As Meta sends the moment a message was sent: Unix seconds in a string."""
    return str(int(time.time()))


def _bericht(bericht_id: str, soort: str, inhoud: dict[str, Any], van: str = BURGER, tijd: str | None = None,
             context: bool = False) -> dict[str, Any]:
    bericht = {"from": van, "id": bericht_id, "timestamp": tijd or nu(), "type": soort, **inhoud}
    if context:  # a reply to one of our interactive messages carries the id of that message
        bericht = {"context": {"from": DISPLAY_NUMMER, "id": "wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"},
                   **bericht}
    return melding({"contacts": [{"profile": {"name": "Test Persoon"}, "wa_id": van}], "messages": [bericht]})


def tekst(bericht_id: str, body: str, van: str = BURGER, tijd: str | None = None) -> dict[str, Any]:
    return _bericht(bericht_id, "text", {"text": {"body": body}}, van, tijd)


def knop_antwoord(bericht_id: str, knop_id: str, titel: str) -> dict[str, Any]:
    return _bericht(bericht_id, "interactive",
                    {"interactive": {"type": "button_reply", "button_reply": {"id": knop_id, "title": titel}}},
                    context=True)


def lijst_antwoord(bericht_id: str, rij_id: str, titel: str, beschrijving: str = "") -> dict[str, Any]:
    return _bericht(bericht_id, "interactive",
                    {"interactive": {"type": "list_reply",
                                     "list_reply": {"id": rij_id, "title": titel, "description": beschrijving}}},
                    context=True)


def sjabloon_knop(bericht_id: str, tekst: str) -> dict[str, Any]:
    return _bericht(bericht_id, "button", {"button": {"payload": tekst, "text": tekst}}, context=True)


def afbeelding(bericht_id: str) -> dict[str, Any]:
    return _bericht(bericht_id, "image", {"image": {
        "caption": "Kunt u deze brief lezen?", "mime_type": "image/jpeg",
        "sha256": "KBpnGpwEpCvLkS1fBHexVU7m4L5mSWKGKP/IqkYJBOU=", "id": "1003383421387256"}})


def spraakbericht(bericht_id: str) -> dict[str, Any]:
    return _bericht(bericht_id, "audio", {"audio": {
        "mime_type": "audio/ogg; codecs=opus", "sha256": "X8XrgGWCmzHNVYVYe5rj1K2Ld1d9TQ0vSZ3SsUGdLq4=",
        "id": "2295287654038128", "voice": True}})


def document(bericht_id: str) -> dict[str, Any]:
    return _bericht(bericht_id, "document", {"document": {
        "caption": "Mijn beschikking", "filename": "beschikking.pdf", "mime_type": "application/pdf",
        "sha256": "Wr7bXJ7JMZ+ZjNI2ZlZ8H2CBy6hFpOrlyTSVwEBjNkg=", "id": "1162385175467089"}})


def locatie(bericht_id: str) -> dict[str, Any]:
    return _bericht(bericht_id, "location", {"location": {
        "address": "Stationsplein 1, Amsterdam", "latitude": 52.3791, "longitude": 4.9003, "name": "Centraal"}})


def sticker(bericht_id: str) -> dict[str, Any]:
    return _bericht(bericht_id, "sticker", {"sticker": {
        "mime_type": "image/webp", "sha256": "jTGhN4UfQ0qGwmhPUEMlJ7Y1C1YZ3ai6V8WjLCzpFB4=",
        "id": "1217393629512345", "animated": False}})


def reactie(bericht_id: str) -> dict[str, Any]:
    return _bericht(bericht_id, "reaction", {"reaction": {"message_id": "wamid.eerder", "emoji": "\U0001F44D"}})


def status(bericht_id: str, stand: str = "delivered") -> dict[str, Any]:
    return melding({"statuses": [{
        "id": bericht_id, "status": stand, "timestamp": nu(), "recipient_id": BURGER,
        "conversation": {"id": "2c9b7b5b2b2e6b7f8a1d9e0c3f4a5b6c", "origin": {"type": "service"}},
        "pricing": {"billable": True, "pricing_model": "PMP", "category": "service"}}]})


def body_en_handtekening(document: dict[str, Any], secret: str = APP_SECRET) -> tuple[bytes, str]:
    body = json.dumps(document).encode()
    return body, "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
