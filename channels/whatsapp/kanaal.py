"""The Rasa input and output channel for the WhatsApp Cloud API, served by Rasa at /webhooks/whatsapp/webhook.

A notification is checked (size, then signature), read, and each new message is taken on once: kept in the
channel's memory (Redis in production) before Meta gets its 200, and let go only once it has been handled. The
assistant answers in the background, one message after the other per person. A message whose process stopped
halfway is handled after all: every HERSTEL_INTERVAL each process takes the kept messages whose claim ran out
(geheugen.BEHANDELING). A message that arrives later than `max_message_age_hours` after it was written is not
answered as if it were new: the person hears that it came too late and is asked to send it again.
A worker's reply (`antwoord_id`) goes out at most once, however often the inbox hands it over.
Rasa knows the person by a conversation id of this channel alone (`wa-<number>`, wegwijs/kanalen.py), so no other
channel can reach the conversation; a BSN or IBAN is taken out of each message before Rasa sees it."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.whatsapp.berichten import (EXCUSES, NIET_TEKST, TE_LAAT, alleen_inhoud, kies_uit_nummer, naar_graph,
                                         sjabloonbericht)
from channels.whatsapp.geheugen import Geheugen, maak_geheugen
from channels.whatsapp.graph import GraphClient
from channels.whatsapp.instellingen import WhatsAppInstellingen
from channels.whatsapp.venster import binnen_servicevenster
from channels.whatsapp.webhook import Inkomend, handtekening_klopt, lees_webhook, verificatie_klopt
from wegwijs import kanalen
from wegwijs.gesprek.privacy import Geschoond, alleen_weggelaten, melding_weggelaten, schoon_bericht

logger = logging.getLogger(__name__)

NieuwBericht = Callable[[UserMessage], Awaitable[Any]]
KANAAL = "whatsapp"
# Meta's notifications are a few KB (at most a handful of messages and statuses); 256 KB leaves room for a batch
# and is read before anything is parsed, so a large body costs no memory
MAX_MELDING = 256 * 1024
HERSTEL_INTERVAL = 60.0  # seconds; well within geheugen.BEHANDELING, so a live process keeps its claims


def _nu() -> datetime:
    return datetime.now(timezone.utc)


class WhatsAppOutput(OutputChannel):
    """Sends the assistant's (and a worker's) messages. Outside the 24-hour window a message is held back and the
    approved template is sent once, inviting the person to write; the held messages follow when they do."""

    @classmethod
    def name(cls) -> Text:
        return KANAAL

    def __init__(self, instellingen: WhatsAppInstellingen, geheugen: Geheugen, graph: GraphClient,
                 klok: Callable[[], datetime] = _nu) -> None:
        self.instellingen = instellingen
        self.geheugen = geheugen
        self.graph = graph
        self.klok = klok

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        """`recipient_id` is Rasa's conversation id (`wa-<number>`); anything else is no WhatsApp conversation.
        A worker's reply carries its key (`antwoord_id`, from the event's metadata): it is claimed before sending,
        so a second hand-over of the same reply sends nothing; a send that fails lets the key go again."""
        wa_id = kanalen.eigen_id(KANAAL, recipient_id)
        if wa_id is None:
            logger.warning("WhatsApp: geen WhatsApp-gesprek; niets verstuurd")
            return
        inhoud = alleen_inhoud(message)
        if not inhoud:
            return
        antwoord_id = message.get("antwoord_id")
        sleutel = f"antwoord:{antwoord_id}" if isinstance(antwoord_id, str) and antwoord_id else None
        if sleutel and not await self.geheugen.eerste_keer(sleutel):
            logger.info("WhatsApp: dit antwoord van een medewerker ging al eerder uit; niet nog eens verstuurd")
            return
        try:
            await self._verstuur(wa_id, inhoud)
        except Exception:
            if sleutel:
                await self.geheugen.vergeet(sleutel)
            raise

    async def _verstuur(self, recipient_id: str, inhoud: dict[str, Any]) -> None:
        laatste = await self.geheugen.laatste_contact(recipient_id)
        if laatste is None or not binnen_servicevenster(laatste, self.klok()):
            await self._houd_vast(recipient_id, inhoud)
            return
        verzending = naar_graph(inhoud)
        for bericht in verzending.berichten:
            await self.graph.verstuur(recipient_id, bericht)
        if verzending.keuzes:
            await self.geheugen.bewaar_keuzes(recipient_id, verzending.keuzes)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def _houd_vast(self, wa_id: str, inhoud: dict[str, Any]) -> None:
        wachtend = await self.geheugen.zet_in_wachtrij(wa_id, inhoud)
        if wachtend > 1:
            return  # the template already went out for the first held message
        if not self.instellingen.template_name:
            logger.warning("WhatsApp: buiten het servicevenster en geen sjabloon ingesteld; het bericht wacht "
                           "tot de persoon weer schrijft")
            return
        try:
            await self.graph.verstuur(wa_id, sjabloonbericht(self.instellingen.template_name,
                                                             self.instellingen.template_language))
        except Exception:
            # take the message back, so that the sender sees the failure and a next attempt sends the template again
            await self.geheugen.neem_wachtrij(wa_id)
            raise
        logger.info("WhatsApp: buiten het servicevenster; sjabloon verstuurd, bericht wacht op antwoord")


class WhatsAppInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return KANAAL

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(WhatsAppInstellingen.uit_credentials(credentials))

    def __init__(self, instellingen: WhatsAppInstellingen, geheugen: Geheugen | None = None,
                 graph: GraphClient | None = None, herstel_interval: float = HERSTEL_INTERVAL) -> None:
        self.instellingen = instellingen
        self.geheugen = geheugen or maak_geheugen(instellingen.redis_url)
        self.graph = graph or GraphClient(instellingen)
        self.herstel_interval = herstel_interval
        self._laatste_taak: dict[str, asyncio.Task] = {}
        self._in_behandeling: set[str] = set()  # ids of the messages this process has taken on and not finished
        self._herstel: asyncio.Task | None = None

    def get_output_channel(self) -> WhatsAppOutput:
        return WhatsAppOutput(self.instellingen, self.geheugen, self.graph)

    def blueprint(self, on_new_message: NieuwBericht) -> Blueprint:
        webhook = Blueprint("whatsapp_webhook", __name__)

        @webhook.listener("after_server_start")
        async def begin_herstel(*_: Any) -> None:
            self._herstel = asyncio.create_task(self._herstel_lus(on_new_message))

        @webhook.listener("before_server_stop")
        async def stop_herstel(*_: Any) -> None:
            if self._herstel is not None:
                self._herstel.cancel()
                await asyncio.gather(self._herstel, return_exceptions=True)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verifieer(request: Request) -> HTTPResponse:
            if verificatie_klopt(request.args.get("hub.mode"), request.args.get("hub.verify_token"),
                                 self.instellingen.verify_token):
                return response.text(request.args.get("hub.challenge", ""))
            logger.warning("WhatsApp: verificatie van de webhook geweigerd (verkeerde verify token)")
            return response.text("Verificatie mislukt.", status=403)

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def ontvang(request: Request) -> HTTPResponse:
            body = await _lees_begrensd(request, MAX_MELDING)
            if body is None:
                logger.warning("WhatsApp: melding groter dan %d bytes geweigerd", MAX_MELDING)
                return response.text("Deze melding is te groot.", status=413)
            if not handtekening_klopt(self.instellingen.app_secret, body, request.headers.get("X-Hub-Signature-256")):
                logger.warning("WhatsApp: melding zonder geldige handtekening geweigerd")
                return response.text("Ongeldige handtekening.", status=403)
            try:
                document = json.loads(body)
            except ValueError:
                return response.text("Dit is geen geldige JSON.", status=400)
            if not isinstance(document, dict):
                return response.text("Dit is geen WhatsApp-melding.", status=400)
            for inkomend in lees_webhook(document, self.instellingen.phone_number_id):
                inkomend = _geschoond(inkomend)  # no BSN or IBAN is ever kept
                # a failing memory gives a 500 here: Meta then delivers again and nothing is lost
                # the moment of arrival keeps the order of two messages written within the same second
                bewaren = {**inkomend.als_dict(), "ontvangen": time.time_ns()}
                if await self.geheugen.neem_aan(inkomend.bericht_id, bewaren):
                    self._plan(inkomend, on_new_message)
            return response.text("ok")

        return webhook

    async def _herstel_lus(self, on_new_message: NieuwBericht) -> None:
        """Keeps this process's claims and takes on the messages a stopped process left unfinished, oldest first."""
        while True:
            try:
                await self.geheugen.verleng(list(self._in_behandeling))
                for bewaard in sorted(await self.geheugen.onafgemaakt(), key=lambda b: (b["tijd"], b["ontvangen"])):
                    inkomend = Inkomend.uit_dict(bewaard)
                    logger.info("WhatsApp: een onafgemaakt %s-bericht wordt alsnog verwerkt", inkomend.soort)
                    self._plan(inkomend, on_new_message)
            except Exception as fout:
                logger.error("WhatsApp: onafgemaakte berichten niet opgehaald: %s", type(fout).__name__)
            await asyncio.sleep(self.herstel_interval)

    def _plan(self, inkomend: Inkomend, on_new_message: NieuwBericht) -> None:
        """Handles the message after the ones before it from the same person (in order), without making Meta wait."""
        afzender = inkomend.afzender
        self._in_behandeling.add(inkomend.bericht_id)
        taak = asyncio.create_task(self._na(self._laatste_taak.get(afzender), inkomend, on_new_message))
        self._laatste_taak[afzender] = taak

        def vergeet(klaar: asyncio.Task) -> None:
            if self._laatste_taak.get(afzender) is klaar:
                del self._laatste_taak[afzender]

        taak.add_done_callback(vergeet)

    async def _na(self, vorige: asyncio.Task | None, inkomend: Inkomend, on_new_message: NieuwBericht) -> None:
        if vorige is not None:
            await asyncio.wait([vorige])
        uit = self.get_output_channel()
        try:
            await self._verwerk(inkomend, uit, on_new_message)
        except Exception as fout:
            logger.error("WhatsApp: %s-bericht niet verwerkt: %s", inkomend.soort, type(fout).__name__)
            try:
                await uit.send_response(kanalen.gesprek_id(KANAAL, inkomend.afzender), dict(EXCUSES))
            except Exception as tweede:
                logger.error("WhatsApp: excuusbericht niet verstuurd: %s", type(tweede).__name__)
        # not reached when the process stops halfway (the task is cancelled): then the message stays kept
        try:
            await self.geheugen.klaar(inkomend.bericht_id)
        except Exception as fout:
            logger.error("WhatsApp: afgehandeld bericht niet vrijgegeven: %s", type(fout).__name__)
        self._in_behandeling.discard(inkomend.bericht_id)

    async def _verwerk(self, inkomend: Inkomend, uit: WhatsAppOutput, on_new_message: NieuwBericht) -> None:
        afzender, gesprek = inkomend.afzender, kanalen.gesprek_id(KANAAL, inkomend.afzender)
        if uit.klok() - inkomend.tijd > self.instellingen.max_leeftijd:
            logger.info("WhatsApp: %s-bericht kwam te laat binnen; niet als nieuw beantwoord", inkomend.soort)
            # one apology a day, however many late messages there are
            if await self.geheugen.eerste_keer(f"te-laat:{afzender}:{uit.klok().date()}"):
                await uit.send_response(gesprek, dict(TE_LAAT))
            return
        await self.geheugen.noteer_contact(afzender, inkomend.tijd)
        # a message Meta delivers only now but that is older than a day does not open the window
        wachtend = await self.geheugen.neem_wachtrij(afzender) if binnen_servicevenster(inkomend.tijd, uit.klok()) else []
        for positie, bericht in enumerate(wachtend):
            try:
                await uit.send_response(gesprek, bericht)
            except Exception:
                for niet_verstuurd in wachtend[positie:]:
                    await self.geheugen.zet_in_wachtrij(afzender, niet_verstuurd)
                raise
        keuzes = await self.geheugen.neem_keuzes(afzender)
        if inkomend.tekst is None:
            await uit.send_response(gesprek, dict(NIET_TEKST))
            return
        alleen = alleen_weggelaten(Geschoond(inkomend.tekst, inkomend.weggelaten))
        melding = melding_weggelaten(inkomend.weggelaten, alleen)
        if melding:
            await uit.send_response(gesprek, {"text": melding})
        tekst = kies_uit_nummer(inkomend.tekst, keuzes)
        if alleen or not tekst.strip():
            return
        await on_new_message(UserMessage(tekst, uit, gesprek, input_channel=self.name(),
                                         message_id=inkomend.bericht_id))


def _geschoond(inkomend: Inkomend) -> Inkomend:
    if inkomend.tekst is None:
        return inkomend
    geschoond = schoon_bericht(inkomend.tekst)
    return replace(inkomend, tekst=geschoond.tekst, weggelaten=geschoond.weggelaten)


async def _lees_begrensd(request: Request, maximaal: int) -> bytes | None:
    """The body of a streamed request, or None as soon as it is larger than `maximaal` (the announced length is
    checked first, so an honest large request is refused before a byte is read)."""
    lengte = request.headers.get("content-length", "")
    if lengte.isdigit() and int(lengte) > maximaal:
        return None
    delen, grootte = [], 0
    while True:
        deel = await request.stream.read()
        if deel is None:
            return b"".join(delen)
        grootte += len(deel)
        if grootte > maximaal:
            return None
        delen.append(deel)
