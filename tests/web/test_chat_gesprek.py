"""Conversation ids the server issued: the page gets a signed `web-` id from POST /api/gesprek, and both chat
endpoints refuse every other id with 403, reaching neither Rasa's webhook nor its tracker. The battery tries what
an outsider would: a person's phone number, WhatsApp ids, unsigned and forged ids, another conversation's id with
this one's signature, and things that are no id at all."""
from __future__ import annotations

import hashlib
import hmac
import json
import uuid

import httpx
import pytest
from nep_rasa_rest import NepRasa

from web.chat import ONBEKEND_GESPREK, echt_gesprek, handtekening, nieuw_gesprek
from wegwijs import kanalen

GEHEIM = b"g" * 32


def test_a_new_conversation_is_a_signed_web_id():
    gesprek = nieuw_gesprek(GEHEIM)
    assert kanalen.kanaal_van(gesprek["afzender"]) == "rest"
    assert echt_gesprek(GEHEIM, gesprek["afzender"], gesprek["handtekening"])
    assert not echt_gesprek(b"h" * 32, gesprek["afzender"], gesprek["handtekening"])  # another server secret
    assert nieuw_gesprek(GEHEIM)["afzender"] != gesprek["afzender"]


def pogingen(slachtoffer: dict, eigen: dict) -> list[tuple[str, object, object]]:
    """(what is tried, afzender, handtekening): every way in that must fail. `slachtoffer` is another person's
    conversation (id and signature, as if both leaked), `eigen` the attacker's own, valid one."""
    a, ha = slachtoffer["afzender"], slachtoffer["handtekening"]
    b, hb = eigen["afzender"], eigen["handtekening"]
    nummers = ["31612345678", "+31612345678", "0612345678", "0031612345678"]
    lijst = []
    for nummer in nummers:
        for naam, ondertekend in (("zonder", None), ("met eigen handtekening", hb), ("met leeg", "")):
            lijst.append((f"WhatsApp-nummer {nummer} {naam}", nummer, ondertekend))
            lijst.append((f"wa-id {nummer} {naam}", kanalen.gesprek_id("whatsapp", nummer), ondertekend))
            lijst.append((f"web-id van nummer {nummer} {naam}", kanalen.gesprek_id("rest", nummer), ondertekend))
    sleutelloos = hashlib.sha256(a.encode()).hexdigest()
    lijst += [
        ("web-id zonder handtekening", a, None),
        ("web-id, lege handtekening", a, ""),
        ("web-id, verzonnen handtekening", a, uuid.uuid4().hex * 2),
        ("web-id, één teken anders", a, ha[:-1] + ("0" if ha[-1] != "0" else "1")),
        ("web-id, handtekening in hoofdletters", a, ha.upper()),
        ("web-id, handtekening ingekort", a, ha[:32]),
        ("web-id, sha256 zonder sleutel", a, sleutelloos),
        ("web-id, hmac met lege sleutel", a, hmac.new(b"", a.encode(), hashlib.sha256).hexdigest()),
        ("web-id, hmac met ander geheim", a, handtekening(b"x" * 32, a)),
        ("ander gesprek met eigen handtekening", a, hb),
        ("eigen gesprek met handtekening van ander", b, ha),
        ("web-id en handtekening aan elkaar", f"{a}.{ha}", ha),
        ("web-id met regeleinde", a + "\n", ha),
        ("web-id met spatie ervoor", " " + a, ha),
        ("web-id in hoofdletters", a.upper(), ha),
        ("voorvoegsel in hoofdletters", "WEB-" + a[4:], ha),
        ("alleen het voorvoegsel", "web-", ha),
        ("wa-voorvoegsel op web-deel", "wa-" + a[4:], ha),
        ("leeg", "", ha),
        ("te lang", a + "0" * 1000, ha),
        ("getal", 31612345678, ha),
        ("null", None, ha),
        ("lijst", [a], ha),
        ("object", {"afzender": a}, ha),
        ("waar", True, ha),
        ("handtekening als lijst", a, [ha]),
        ("handtekening als getal", a, 0),
        ("handtekening met tekens buiten ASCII", a, "é" * 64),
        ("web-id met tekens buiten ASCII", a[:-1] + "é", ha),
    ]
    return lijst


def test_every_hijack_attempt_is_refused_and_reaches_nobody(web_server: str, nep_rasa: NepRasa, nieuw_gesprek):
    slachtoffer, eigen = nieuw_gesprek(web_server), nieuw_gesprek(web_server)
    assert httpx.post(web_server + "/api/bericht", json={**slachtoffer, "id": "bericht01", "tekst": "hoi"}).status_code == 200
    nep_rasa.reset()
    geprobeerd = geweigerd = 0
    for wat, afzender, ondertekend in pogingen(slachtoffer, eigen):
        gegevens = {"afzender": afzender} if ondertekend is None else {"afzender": afzender, "handtekening": ondertekend}
        for pad, extra in (("/api/bericht", {"id": uuid.uuid4().hex, "tekst": "Ik ben verhuisd, bel mij op 0612"}),
                           ("/api/medewerker", {"na": 0})):
            geprobeerd += 1
            antwoord = httpx.post(web_server + pad, content=json.dumps({**gegevens, **extra}),
                                  headers={"content-type": "application/json"})
            assert antwoord.status_code == 403, (wat, pad, antwoord.status_code)
            assert antwoord.json() == {"fout": ONBEKEND_GESPREK, "opnieuw": False, "nieuw_gesprek": True}, wat
            geweigerd += 1
    assert nep_rasa.ontvangen == [] and nep_rasa.opgevraagd == []
    print(f"\nkaping via de webchat: {geweigerd} van {geprobeerd} pogingen geweigerd")
    assert geweigerd == geprobeerd >= 100

    # the real conversation goes on as before
    assert httpx.post(web_server + "/api/bericht", json={**slachtoffer, "id": "bericht02", "tekst": "nog een"}).status_code == 200
    assert httpx.post(web_server + "/api/medewerker", json={**slachtoffer, "na": 0}).status_code == 200
    assert nep_rasa.ontvangen == [(slachtoffer["afzender"], "nog een")]
    assert nep_rasa.opgevraagd == [slachtoffer["afzender"]]


@pytest.mark.parametrize("gegevens", [{}, {"afzender": "web-" + "a" * 32}, {"handtekening": "a" * 64}])
def test_a_request_without_a_conversation_is_refused(web_server: str, nep_rasa: NepRasa, gegevens):
    for pad in ("/api/bericht", "/api/medewerker"):
        antwoord = httpx.post(web_server + pad, json={**gegevens, "id": "bericht01", "tekst": "hoi", "na": 0})
        assert antwoord.status_code == 403 and antwoord.json()["nieuw_gesprek"] is True
    assert nep_rasa.ontvangen == [] and nep_rasa.opgevraagd == []
