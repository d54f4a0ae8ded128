"""Sending to the (fake) Graph API: retries on 429 and 5xx, final errors, and logs without content."""
from __future__ import annotations

import socket

import pytest

from channels.whatsapp.berichten import tekstbericht
from channels.whatsapp.graph import GraphClient, VerzendFout
from whatsapp_hulp import TOKEN, instellingen, snelle_graph
from whatsapp_voorbeelden import BURGER, PHONE_NUMBER_ID

GEHEIM = "Mijn huur is 850 euro"


@pytest.fixture
async def graph(nep_graph):
    client = snelle_graph(instellingen(nep_graph.url))
    yield client
    await client.sluit()


async def test_bericht_gaat_naar_het_nummer_van_de_gemeente(graph, nep_graph):
    assert await graph.verstuur(BURGER, tekstbericht("Dag")) == "wamid.nep.1"
    [verzoek] = nep_graph.verzoeken
    assert verzoek["pad"] == f"/v25.0/{PHONE_NUMBER_ID}/messages"
    assert verzoek["authorization"] == f"Bearer {TOKEN}"
    assert verzoek["json"]["to"] == BURGER and verzoek["json"]["messaging_product"] == "whatsapp"


async def test_429_en_dan_gelukt(graph, nep_graph, caplog):
    nep_graph.statussen = [429]
    assert await graph.verstuur(BURGER, tekstbericht(GEHEIM)) == "wamid.nep.2"
    assert len(nep_graph.verzoeken) == 2
    assert "429" in caplog.text and "130429" in caplog.text
    assert GEHEIM not in caplog.text and BURGER not in caplog.text


async def test_5xx_blijft_mislukken_dan_verzendfout_na_alle_pogingen(graph, nep_graph, caplog):
    nep_graph.statussen = [500, 503, 502]
    with pytest.raises(VerzendFout):
        await graph.verstuur(BURGER, tekstbericht(GEHEIM))
    assert len(nep_graph.verzoeken) == 3
    assert GEHEIM not in caplog.text and BURGER not in caplog.text


async def test_andere_fout_wordt_niet_herhaald(graph, nep_graph):
    nep_graph.statussen = [400]
    with pytest.raises(VerzendFout, match="400"):
        await graph.verstuur(BURGER, tekstbericht(GEHEIM))
    assert len(nep_graph.verzoeken) == 1


async def test_geen_verbinding_wordt_herhaald_en_dan_verzendfout(caplog):
    with socket.socket() as vrij:  # a port where nothing listens
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    client = GraphClient(instellingen(f"http://127.0.0.1:{poort}"), pogingen=2, eerste_pauze=0.01)
    try:
        with pytest.raises(VerzendFout, match="ConnectError"):
            await client.verstuur(BURGER, tekstbericht(GEHEIM))
    finally:
        await client.sluit()
    assert caplog.text.count("poging") == 2 and GEHEIM not in caplog.text


def test_pauze_groeit_en_volgt_retry_after():
    client = GraphClient(instellingen("http://127.0.0.1"), eerste_pauze=1.0, langste_pauze=30.0)
    assert [client._pauze(poging, None) for poging in (1, 2, 3, 6, 9)] == [1.0, 2.0, 4.0, 30.0, 30.0]
    assert client._pauze(1, "7") == 7.0
    assert client._pauze(1, "3600") == 30.0
