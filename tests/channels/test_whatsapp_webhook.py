"""Reading Meta's notifications and checking their signature (pure functions)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

import whatsapp_voorbeelden as meta
from channels.whatsapp.webhook import handtekening_klopt, lees_webhook, verificatie_klopt


def lees(document):
    return lees_webhook(document, meta.PHONE_NUMBER_ID)


def test_handtekening_van_de_app_secret_klopt():
    body, handtekening = meta.body_en_handtekening(meta.tekst("wamid.1", "hoi"))
    assert handtekening_klopt(meta.APP_SECRET, body, handtekening)
    assert handtekening_klopt(meta.APP_SECRET, body, handtekening.upper().replace("SHA256=", "sha256="))


@pytest.mark.parametrize("header", [None, "", "sha256=", "sha1=abc", "sha256=" + "0" * 64, "geen-voorvoegsel"])
def test_ontbrekende_of_verkeerde_handtekening_klopt_niet(header):
    body, _ = meta.body_en_handtekening(meta.tekst("wamid.1", "hoi"))
    assert not handtekening_klopt(meta.APP_SECRET, body, header)


def test_handtekening_over_andere_inhoud_of_met_ander_geheim_klopt_niet():
    body, handtekening = meta.body_en_handtekening(meta.tekst("wamid.1", "hoi"))
    assert not handtekening_klopt(meta.APP_SECRET, body + b" ", handtekening)
    assert not handtekening_klopt("ander-geheim", body, handtekening)


def test_verificatie():
    assert verificatie_klopt("subscribe", meta.VERIFY_TOKEN, meta.VERIFY_TOKEN)
    assert not verificatie_klopt("subscribe", "fout", meta.VERIFY_TOKEN)
    assert not verificatie_klopt("subscribe", None, meta.VERIFY_TOKEN)
    assert not verificatie_klopt(None, meta.VERIFY_TOKEN, meta.VERIFY_TOKEN)


def test_tekstbericht():
    [bericht] = lees(meta.tekst("wamid.1", "Hoeveel huurtoeslag krijg ik?", tijd="1764000000"))
    assert bericht.bericht_id == "wamid.1" and bericht.afzender == meta.BURGER and bericht.soort == "text"
    assert bericht.tekst == "Hoeveel huurtoeslag krijg ik?"
    assert bericht.tijd == datetime(2025, 11, 24, 16, 0, tzinfo=timezone.utc)


def test_knop_lijst_en_sjabloonknop_geven_de_payload():
    assert lees(meta.knop_antwoord("wamid.1", "/affirm", "Ja, graag"))[0].tekst == "/affirm"
    assert lees(meta.lijst_antwoord("wamid.2", "kwijtschelding", "Kwijtschelding"))[0].tekst == "kwijtschelding"
    assert lees(meta.sjabloon_knop("wamid.3", "Lees het bericht"))[0].tekst == "Lees het bericht"


@pytest.mark.parametrize("maak, soort", [(meta.afbeelding, "image"), (meta.spraakbericht, "audio"),
                                         (meta.document, "document"), (meta.locatie, "location"),
                                         (meta.sticker, "sticker")])
def test_niet_tekst_heeft_geen_tekst(maak, soort):
    [bericht] = lees(maak("wamid.1"))
    assert (bericht.soort, bericht.tekst) == (soort, None)


def test_statussen_reacties_en_andere_nummers_worden_overgeslagen():
    assert lees(meta.status("wamid.uit", "delivered")) == []
    assert lees(meta.reactie("wamid.r")) == []
    assert lees_webhook(meta.tekst("wamid.1", "hoi"), "ander-nummer-id") == []


@pytest.mark.parametrize("document", [{}, {"object": "page", "entry": []}, {"object": "whatsapp_business_account"},
                                      {"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages"}]}]}])
def test_onvolledige_meldingen_geven_niets(document):
    assert lees(document) == []


def test_meerdere_berichten_in_een_melding_blijven_op_volgorde():
    document = meta.tekst("wamid.1", "een")
    tweede = meta.tekst("wamid.2", "twee")["entry"][0]["changes"][0]["value"]["messages"][0]
    document["entry"][0]["changes"][0]["value"]["messages"].append(tweede)
    assert [b.tekst for b in lees(document)] == ["een", "twee"]
