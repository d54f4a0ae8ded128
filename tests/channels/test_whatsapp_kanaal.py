"""The channel as Meta and Rasa see it: a Sanic app with the channel's blueprint on 127.0.0.1, a fake Graph API,
and a fake on_new_message in place of the assistant (it answers "U zei: ..." through the output channel)."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
from datetime import datetime, timedelta, timezone

import pytest

import whatsapp_voorbeelden as meta
from channels.whatsapp.berichten import EXCUSES, NIET_TEKST, NUMMER_UITLEG, TE_LAAT
from channels.whatsapp.graph import VerzendFout
from channels.whatsapp.kanaal import MAX_MELDING
from whatsapp_hulp import SJABLOON, TOKEN, WACHTEN, redis_geheugen, ruim_redis_op

class NepAssistent:
    """Collects the messages Rasa would get and answers each one; `vrij` can hold the answers back."""

    def __init__(self, antwoord=None) -> None:
        self.ontvangen = []
        self.vrij = asyncio.Event()
        self.vrij.set()
        self.antwoord = antwoord or (lambda bericht: {"text": f"U zei: {bericht.text}"})
        self._nieuw = asyncio.Event()

    async def __call__(self, bericht) -> None:
        self.ontvangen.append(bericht)
        self._nieuw.set()
        await self.vrij.wait()
        await bericht.output_channel.send_response(bericht.sender_id, self.antwoord(bericht))

    async def wacht_op(self, aantal: int) -> list:
        async def genoeg() -> None:
            while len(self.ontvangen) < aantal:
                self._nieuw.clear()
                await self._nieuw.wait()
        await asyncio.wait_for(genoeg(), WACHTEN)
        return self.ontvangen


# --- verification -------------------------------------------------------------------------------------------

async def test_verificatie_met_het_goede_token_geeft_de_challenge_terug(start_kanaal):
    server = await start_kanaal(NepAssistent())
    antwoord = await server.client.get("/webhooks/whatsapp/webhook", params={
        "hub.mode": "subscribe", "hub.verify_token": meta.VERIFY_TOKEN, "hub.challenge": "1158201444"})
    assert (antwoord.status_code, antwoord.text) == (200, "1158201444")


@pytest.mark.parametrize("mode, token", [("subscribe", "fout-token"), ("subscribe", None), ("unsubscribe", meta.VERIFY_TOKEN)])
async def test_verificatie_met_een_verkeerd_token_of_mode_geeft_403(start_kanaal, mode, token):
    server = await start_kanaal(NepAssistent())
    params = {"hub.mode": mode, "hub.challenge": "1158201444", **({"hub.verify_token": token} if token else {})}
    antwoord = await server.client.get("/webhooks/whatsapp/webhook", params=params)
    assert antwoord.status_code == 403
    assert "1158201444" not in antwoord.text


# --- signature ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("handtekening", [
    None,
    "sha256=" + "0" * 64,
    meta.body_en_handtekening(meta.tekst("wamid.x", "hoi"), secret="ander-geheim")[1],
])
async def test_zonder_geldige_handtekening_403_en_niets_verwerkt(start_kanaal, nep_graph, handtekening):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    antwoord = await server.post(meta.tekst("wamid.x", "hoi"), handtekening=handtekening)
    assert antwoord.status_code == 403
    await asyncio.sleep(0.2)
    assert assistent.ontvangen == [] and nep_graph.verzoeken == []
    # the same message properly signed is still new: a refused call marked nothing as seen
    assert (await server.post(meta.tekst("wamid.x", "hoi"))).status_code == 200
    await assistent.wacht_op(1)


async def test_gewijzigde_inhoud_met_oude_handtekening_wordt_geweigerd(start_kanaal, nep_graph):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    _, handtekening = meta.body_en_handtekening(meta.tekst("wamid.x", "hoi"))
    vervalst, _ = meta.body_en_handtekening(meta.tekst("wamid.x", "iets anders"))
    antwoord = await server.post(meta.tekst("wamid.x", "hoi"), handtekening=handtekening, body=vervalst)
    assert antwoord.status_code == 403


async def test_ongeldige_json_met_geldige_handtekening_geeft_400(start_kanaal):
    server = await start_kanaal(NepAssistent())
    body = b"{geen json"
    handtekening = "sha256=" + hmac.new(meta.APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    antwoord = await server.post({}, handtekening=handtekening, body=body)
    assert antwoord.status_code == 400


# --- messages -----------------------------------------------------------------------------------------------

async def test_tekstbericht_gaat_naar_de_assistent_en_het_antwoord_naar_de_graph_api(start_kanaal, nep_graph):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    antwoord = await server.post(meta.tekst("wamid.1", "Wat is huurtoeslag?"))
    assert antwoord.status_code == 200
    [bericht] = await assistent.wacht_op(1)
    assert (bericht.text, bericht.sender_id, bericht.input_channel, bericht.message_id) == (
        "Wat is huurtoeslag?", meta.GESPREK, "whatsapp", "wamid.1")
    [verzonden] = await nep_graph.wacht_op(1)
    assert verzonden == {"messaging_product": "whatsapp", "recipient_type": "individual", "to": meta.BURGER,
                         "type": "text", "text": {"body": "U zei: Wat is huurtoeslag?", "preview_url": False}}
    assert nep_graph.verzoeken[0]["authorization"] == f"Bearer {TOKEN}"


async def test_meta_krijgt_200_voordat_de_assistent_klaar_is(start_kanaal, nep_graph):
    assistent = NepAssistent()
    assistent.vrij.clear()  # the model is slow
    server = await start_kanaal(assistent)
    antwoord = await asyncio.wait_for(server.post(meta.tekst("wamid.1", "hoi")), WACHTEN)
    assert antwoord.status_code == 200
    await assistent.wacht_op(1)
    assert nep_graph.verzoeken == []  # still thinking, yet Meta has its answer
    assistent.vrij.set()
    await nep_graph.wacht_op(1)


@pytest.mark.parametrize("document, verwacht", [
    (meta.knop_antwoord("wamid.k", "/affirm", "Ja, graag"), "/affirm"),
    (meta.lijst_antwoord("wamid.l", "huurtoeslag", "Huurtoeslag", "Hulp bij de huur"), "huurtoeslag"),
    (meta.sjabloon_knop("wamid.s", "Lees het bericht"), "Lees het bericht"),
])
async def test_gekozen_knop_of_rij_gaat_als_payload_naar_de_assistent(start_kanaal, document, verwacht):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    assert (await server.post(document)).status_code == 200
    [bericht] = await assistent.wacht_op(1)
    assert bericht.text == verwacht


@pytest.mark.parametrize("maak", [meta.afbeelding, meta.spraakbericht, meta.document, meta.locatie, meta.sticker])
async def test_niet_tekst_krijgt_een_vriendelijk_antwoord_en_gaat_niet_naar_de_assistent(start_kanaal, nep_graph, maak):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    assert (await server.post(maak("wamid.m"))).status_code == 200
    [verzonden] = await nep_graph.wacht_op(1)
    assert verzonden["type"] == "interactive"
    assert verzonden["interactive"]["body"]["text"] == NIET_TEKST["text"]
    assert verzonden["interactive"]["action"]["buttons"][0]["reply"] == {"id": "medewerker", "title": "Een medewerker"}
    await server.klaar()
    assert assistent.ontvangen == []


async def test_status_updates_en_reacties_worden_genegeerd(start_kanaal, nep_graph):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    for document in (meta.status("wamid.uit1", "sent"), meta.status("wamid.uit1", "read"), meta.reactie("wamid.r")):
        assert (await server.post(document)).status_code == 200
    await asyncio.sleep(0.2)
    assert assistent.ontvangen == [] and nep_graph.verzoeken == []


@pytest.mark.parametrize("soort", ["in_proces", "redis"])
async def test_herhaalde_bezorging_krijgt_precies_een_antwoord(start_kanaal, nep_graph, soort):
    geheugen = await redis_geheugen() if soort == "redis" else None
    try:
        assistent = NepAssistent()
        server = await start_kanaal(assistent, geheugen=geheugen)
        document = meta.tekst("wamid.dubbel", "hoi")
        # Meta retries: once at the same moment, once a little later
        antwoorden = await asyncio.gather(server.post(document), server.post(document))
        antwoorden.append(await server.post(document))
        assert [a.status_code for a in antwoorden] == [200, 200, 200]
        await server.klaar()
        assert len(assistent.ontvangen) == 1
        assert len(await nep_graph.wacht_op(1)) == 1
    finally:
        if geheugen is not None:
            await ruim_redis_op(geheugen)


async def test_berichten_van_een_persoon_worden_op_volgorde_verwerkt(start_kanaal, nep_graph):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    for nummer in range(5):
        await server.post(meta.tekst(f"wamid.{nummer}", f"bericht {nummer}"))
    await assistent.wacht_op(5)
    await server.klaar()
    assert [b.text for b in assistent.ontvangen] == [f"bericht {n}" for n in range(5)]
    assert [b["text"]["body"] for b in nep_graph.berichten] == [f"U zei: bericht {n}" for n in range(5)]


async def test_genummerde_keuzes_een_getypt_nummer_wordt_de_keuze(start_kanaal, nep_graph):
    keuzes = [{"title": f"Keuze met een hele lange titel {n}", "payload": f"/kies{{\"n\": {n}}}"} for n in range(1, 5)]
    assistent = NepAssistent(lambda bericht: {"text": "Wat past bij u?", "buttons": keuzes} if bericht.text == "hoi"
                             else {"text": "Goed."})
    server = await start_kanaal(assistent)
    await server.post(meta.tekst("wamid.1", "hoi"))
    [verzonden] = await nep_graph.wacht_op(1)
    assert verzonden["type"] == "text" and NUMMER_UITLEG in verzonden["text"]["body"]
    await server.klaar()
    await server.post(meta.tekst("wamid.2", "2"))
    await server.post(meta.tekst("wamid.3", "2"))  # the choices were for one answer only
    ontvangen = await assistent.wacht_op(3)
    assert [b.text for b in ontvangen] == ["hoi", '/kies{"n": 2}', "2"]


async def test_fout_in_de_assistent_geeft_een_excuus(start_kanaal, nep_graph, caplog):
    def kapot(bericht):
        raise RuntimeError(bericht.text)
    server = await start_kanaal(NepAssistent(kapot))
    await server.post(meta.tekst("wamid.1", "mijn geheime vraag"))
    [verzonden] = await nep_graph.wacht_op(1)
    assert verzonden["text"]["body"] == EXCUSES["text"]
    assert "mijn geheime vraag" not in caplog.text and meta.BURGER not in caplog.text


# --- the 24-hour window -------------------------------------------------------------------------------------

async def test_buiten_het_venster_sjabloon_en_het_bericht_volgt_als_de_persoon_schrijft(start_kanaal, nep_graph):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    uit = server.kanaal.get_output_channel()
    # a worker follows up days later: nobody wrote in the last 24 hours
    await uit.send_response(meta.GESPREK, {"text": "Goedemiddag, met Fatima van het buurtteam."})
    await uit.send_response(meta.GESPREK, {"text": "Zullen we donderdag bellen?"})
    [sjabloon] = await nep_graph.wacht_op(1)
    assert sjabloon["type"] == "template"
    assert sjabloon["template"] == {"name": SJABLOON, "language": {"code": "nl"}}

    await server.post(meta.sjabloon_knop("wamid.terug", "Lees het bericht"))
    await assistent.wacht_op(1)
    await server.klaar()
    teksten = [b.get("text", {}).get("body") for b in nep_graph.berichten[1:]]
    assert teksten == ["Goedemiddag, met Fatima van het buurtteam.", "Zullen we donderdag bellen?",
                       "U zei: Lees het bericht"]


async def test_binnen_het_venster_gewone_berichten(start_kanaal, nep_graph):
    server = await start_kanaal(NepAssistent())
    een_uur_geleden = datetime.now(timezone.utc) - timedelta(hours=1)
    await server.kanaal.geheugen.noteer_contact(meta.BURGER, een_uur_geleden)
    await server.kanaal.get_output_channel().send_response(meta.GESPREK, {"text": "Ik bel u morgen."})
    [verzonden] = await nep_graph.wacht_op(1)
    assert verzonden["type"] == "text"


async def test_sjabloon_mislukt_dan_wordt_het_bericht_teruggenomen(start_kanaal, nep_graph):
    server = await start_kanaal(NepAssistent())
    uit = server.kanaal.get_output_channel()
    nep_graph.statussen = [400]  # e.g. the template is not approved yet
    with pytest.raises(VerzendFout):
        await uit.send_response(meta.GESPREK, {"text": "Eerste poging"})
    assert await server.kanaal.geheugen.neem_wachtrij(meta.BURGER) == []
    await uit.send_response(meta.GESPREK, {"text": "Tweede poging"})
    assert [b["type"] for b in await nep_graph.wacht_op(2)] == ["template", "template"]


async def test_zonder_sjabloon_wacht_het_bericht_zonder_iets_te_versturen(start_kanaal, nep_graph):
    server = await start_kanaal(NepAssistent(), template_name=None)
    await server.kanaal.get_output_channel().send_response(meta.GESPREK, {"text": "Ik bel u morgen."})
    assert nep_graph.verzoeken == []
    assert await server.kanaal.geheugen.neem_wachtrij(meta.BURGER) == [{"text": "Ik bel u morgen."}]


# --- one conversation per channel, and what is never kept ---------------------------------------------------------

@pytest.mark.parametrize("ontvanger", [meta.BURGER, "web-" + meta.BURGER, "wa-", "+" + meta.BURGER])
async def test_alleen_whatsapp_gesprekken_krijgen_een_bericht(start_kanaal, nep_graph, ontvanger):
    # a bare number or a web conversation is never a WhatsApp conversation: nothing goes out
    server = await start_kanaal(NepAssistent())
    await server.kanaal.geheugen.noteer_contact(meta.BURGER, datetime.now(timezone.utc))
    await server.kanaal.get_output_channel().send_response(ontvanger, {"text": "Ik bel u morgen."})
    assert nep_graph.verzoeken == []


async def test_bsn_en_iban_komen_niet_bij_de_assistent(start_kanaal, nep_graph):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    await server.post(meta.tekst("wamid.bsn", "ik heb schulden, BSN 111222333 en IBAN NL91ABNA0417164300"))
    [bericht] = await assistent.wacht_op(1)
    assert "111222333" not in bericht.text and "0417164300" not in bericht.text and "schulden" in bericht.text
    berichten = await nep_graph.wacht_op(2)
    assert berichten[0]["text"]["body"].startswith("Uw BSN en rekeningnummer zijn hier niet nodig.")


async def test_alleen_een_bsn_krijgt_alleen_de_melding(start_kanaal, nep_graph):
    assistent = NepAssistent()
    server = await start_kanaal(assistent)
    await server.post(meta.tekst("wamid.bsn2", "mijn bsn is 111222333"))
    [melding] = await nep_graph.wacht_op(1)
    await server.klaar()
    assert melding["text"]["body"] == "Uw BSN is hier niet nodig. Ik heb het uit uw bericht gehaald en nergens bewaard."
    assert assistent.ontvangen == []


async def test_te_grote_melding_413_voor_het_lezen(start_kanaal):
    server = await start_kanaal(NepAssistent())
    groot = b'{"entry": "' + b"x" * (MAX_MELDING + 1) + b'"}'
    antwoord = await server.post({}, body=groot)
    assert antwoord.status_code == 413


# --- nothing lost on a restart, nothing old answered as new, a worker's reply once ------------------------------

async def test_berichten_van_een_gestopt_proces_worden_na_de_herstart_alsnog_beantwoord(start_kanaal, nep_graph):
    """Meta got its 200s, then the process stopped before the assistant was done (a deploy, a crash). The messages
    were kept, so the next process on the same Redis answers each of them once, in order per person."""
    eerste_geheugen = await redis_geheugen(behandeling=timedelta(seconds=1))
    tweede_geheugen = await redis_geheugen(eerste_geheugen._voorvoegsel, behandeling=timedelta(seconds=1))
    personen = [f"3161234500{n}" for n in range(5)]
    verstuurd = [(f"wamid.{p}.{k}", p, f"vraag {k} van {p}") for k in range(2) for p in personen]
    try:
        vastgelopen = NepAssistent()
        vastgelopen.vrij.clear()
        eerste = await start_kanaal(vastgelopen, geheugen=eerste_geheugen)
        for bericht_id, van, tekst in verstuurd:
            assert (await eerste.post(meta.tekst(bericht_id, tekst, van=van))).status_code == 200
        await vastgelopen.wacht_op(len(personen))  # the first message of each person is with the assistant
        for taak in [*eerste.kanaal._laatste_taak.values(), eerste.kanaal._herstel]:  # the process stops
            taak.cancel()
        await asyncio.gather(*eerste.kanaal._laatste_taak.values(), return_exceptions=True)

        assistent = NepAssistent()
        tweede = await start_kanaal(assistent, geheugen=tweede_geheugen, herstel_interval=0.2)
        ontvangen = await assistent.wacht_op(len(verstuurd))
        await tweede.klaar()
        verloren = len(verstuurd) - len({b.message_id for b in ontvangen})
        print(f"WhatsApp over een herstart: {verloren} van {len(verstuurd)} berichten verloren, "
              f"{len(ontvangen) - len(verstuurd)} dubbel")
        assert verloren == 0 and len(ontvangen) == len(verstuurd)
        for persoon in personen:
            assert [b.text for b in ontvangen if b.sender_id == "wa-" + persoon] == [
                f"vraag {k} van {persoon}" for k in range(2)]
        assert len(await nep_graph.wacht_op(len(verstuurd))) == len(verstuurd)
        await asyncio.sleep(1.5)  # nothing is left to be taken on again
        assert len(assistent.ontvangen) == len(verstuurd) and await tweede_geheugen.onafgemaakt() == []
        bericht_id, van, tekst = verstuurd[0]
        assert (await tweede.post(meta.tekst(bericht_id, tekst, van=van))).status_code == 200
        await tweede.klaar()
        assert len(assistent.ontvangen) == len(verstuurd)  # Meta's redelivery is still a duplicate
    finally:
        await tweede_geheugen.sluit()
        await ruim_redis_op(eerste_geheugen)


async def test_bewaard_bericht_bevat_geen_bsn(start_kanaal, nep_graph):
    geheugen = await redis_geheugen()
    try:
        assistent = NepAssistent()
        assistent.vrij.clear()
        server = await start_kanaal(assistent, geheugen=geheugen)
        await server.post(meta.tekst("wamid.bsn", "mijn bsn is 111222333 en ik heb schulden"))
        await assistent.wacht_op(1)
        bewaard = await geheugen._redis.hgetall(geheugen._ontvangen)
        assert len(bewaard) == 1 and b"111222333" not in b"".join(bewaard.values())
        assistent.vrij.set()
        await server.klaar()
        assert await geheugen._redis.hlen(geheugen._ontvangen) == 0
    finally:
        await ruim_redis_op(geheugen)


async def test_een_bericht_dat_te_laat_binnenkomt_wordt_niet_als_nieuw_beantwoord(start_kanaal, nep_graph):
    assistent = NepAssistent()
    server = await start_kanaal(assistent, max_message_age_hours=24.0)
    twee_dagen = str(int((datetime.now(timezone.utc) - timedelta(days=2)).timestamp()))
    await server.post(meta.tekst("wamid.oud1", "kan ik huurtoeslag krijgen", tijd=twee_dagen))
    await server.post(meta.tekst("wamid.oud2", "hallo?", tijd=twee_dagen))
    await server.klaar()
    assert assistent.ontvangen == []
    # the window is closed (the person wrote two days ago): the template, and the apology waits for their answer
    assert [b["type"] for b in await nep_graph.wacht_op(1)] == ["template"]
    assert await server.kanaal.geheugen.neem_wachtrij(meta.BURGER) == [TE_LAAT]  # once, not per late message


async def test_een_bericht_binnen_de_tijd_wordt_gewoon_beantwoord(start_kanaal, nep_graph):
    assistent = NepAssistent()
    server = await start_kanaal(assistent, max_message_age_hours=24.0)
    een_uur = str(int((datetime.now(timezone.utc) - timedelta(hours=1)).timestamp()))
    await server.post(meta.tekst("wamid.recent", "hoi", tijd=een_uur))
    assert [b.text for b in await assistent.wacht_op(1)] == ["hoi"]


@pytest.mark.parametrize("soort", ["in_proces", "redis"])
async def test_een_antwoord_van_een_medewerker_gaat_maar_een_keer_uit(start_kanaal, nep_graph, soort):
    """The inbox hands the same reply over again when it did not hear back in time (same antwoord_id)."""
    geheugen = await redis_geheugen() if soort == "redis" else None
    try:
        server = await start_kanaal(NepAssistent(), geheugen=geheugen)
        await server.kanaal.geheugen.noteer_contact(meta.BURGER, datetime.now(timezone.utc))
        uit = server.kanaal.get_output_channel()
        antwoord = {"text": "Ik bel u morgen om 10 uur.", "antwoord_id": "a-1"}
        await asyncio.gather(*[uit.send_response(meta.GESPREK, dict(antwoord)) for _ in range(3)])
        await uit.send_response(meta.GESPREK, dict(antwoord))
        await uit.send_response(meta.GESPREK, {"text": "Tot morgen.", "antwoord_id": "a-2"})
        await asyncio.sleep(0.1)
        assert [b["text"]["body"] for b in nep_graph.berichten] == ["Ik bel u morgen om 10 uur.", "Tot morgen."]
    finally:
        if geheugen is not None:
            await ruim_redis_op(geheugen)


async def test_een_antwoord_dat_niet_verstuurd_kon_worden_kan_opnieuw(start_kanaal, nep_graph):
    server = await start_kanaal(NepAssistent())
    await server.kanaal.geheugen.noteer_contact(meta.BURGER, datetime.now(timezone.utc))
    uit = server.kanaal.get_output_channel()
    nep_graph.statussen = [400]
    with pytest.raises(VerzendFout):
        await uit.send_response(meta.GESPREK, {"text": "Ik bel u morgen.", "antwoord_id": "a-1"})
    await uit.send_response(meta.GESPREK, {"text": "Ik bel u morgen.", "antwoord_id": "a-1"})
    assert [b["text"]["body"] for b in await nep_graph.wacht_op(2)] == ["Ik bel u morgen."] * 2
