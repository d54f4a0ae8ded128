"""Rasa's REST channel for the web chat, still named "rest": served at /webhooks/rest/webhook, and the tracker's
`latest_input_channel` stays "rest", so the web app and the inbox see no difference.

What it adds: one Rasa serves every channel and keys a conversation by its id alone, so this channel takes only
web conversation ids (`web-…`, wegwijs/kanalen.py); any other id gets 400 before a tracker is touched, and nobody
can write into a WhatsApp conversation through it. Each message is cleaned (wegwijs/gesprek/privacy.py) before
Rasa sees it: a BSN or IBAN never reaches a tracker, and the person is told so first. The caller cannot choose
the input channel or metadata, and message contents never go to the log."""
from __future__ import annotations

import json
import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from wegwijs import kanalen
from wegwijs.gesprek.privacy import alleen_weggelaten, melding_weggelaten, schoon_bericht

logger = logging.getLogger(__name__)

NieuwBericht = Callable[[UserMessage], Awaitable[Any]]


def _fout(melding: str) -> HTTPResponse:
    return response.json({"fout": melding}, status=400)


class WebInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: NieuwBericht) -> Blueprint:
        webhook = Blueprint("web_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def ontvang(request: Request) -> HTTPResponse:
            try:
                gegevens = json.loads(request.body)
            except ValueError:
                gegevens = None
            if not isinstance(gegevens, dict):
                return _fout("Dit is geen geldige JSON met 'sender' en 'message'.")
            afzender, tekst = gegevens.get("sender"), gegevens.get("message")
            if not isinstance(afzender, str) or kanalen.eigen_id(self.name(), afzender) is None:
                return _fout("Dit kanaal neemt alleen gesprekken van de webchat aan (een id die met 'web-' begint).")
            if not isinstance(tekst, str):
                return _fout("'message' moet tekst zijn.")
            geschoond = schoon_bericht(tekst)
            if not geschoond.tekst.strip():
                return _fout("Het bericht is leeg.")
            antwoorden = []
            alleen = alleen_weggelaten(geschoond)
            melding = melding_weggelaten(geschoond.weggelaten, alleen)
            if melding:
                antwoorden.append({"recipient_id": afzender, "text": melding})
                if alleen:
                    return response.json(antwoorden)
            uit = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(geschoond.tekst, uit, afzender, input_channel=self.name()))
            except CancelledError:
                logger.error("web: het bericht is niet op tijd verwerkt")
            except Exception as fout:
                logger.error("web: bericht niet verwerkt: %s", type(fout).__name__)
            return response.json(antwoorden + uit.messages)

        return webhook
