import pytest

from wegwijs.fouten import OngeldigeInvoer
from wegwijs.overdracht import maak_contactvoorkeur, normaliseer_telefoon, telefoon_leesbaar
from wegwijs.overdracht.contact import Contactvoorkeur


@pytest.mark.parametrize("tekst, e164", [
    ("0612345678", "+31612345678"), ("06-12345678", "+31612345678"), ("06 1234 5678", "+31612345678"),
    ("+31 6 12345678", "+31612345678"), ("+31 (0)6 12345678", "+31612345678"), ("0031612345678", "+31612345678"),
    ("020-1234567", "+31201234567"), ("(010) 123 45 67", "+31101234567"), ("0578-123456", "+31578123456"),
    ("088 123 4567", "+31881234567"),
])
def test_nederlandse_notaties(tekst, e164):
    assert normaliseer_telefoon(tekst) == e164


@pytest.mark.parametrize("tekst", ["", "12345", "06123456789", "0612345", "+32 470 12 34 56", "bel me", "06-1234567a"])
def test_onleesbaar(tekst):
    with pytest.raises(OngeldigeInvoer, match="kan ik niet lezen"):
        normaliseer_telefoon(tekst)


@pytest.mark.parametrize("tekst", ["0800-1234567", "0900 123 4567", "0906-1234567", "097 123 4567"])
def test_servicenummers_niet(tekst):
    with pytest.raises(OngeldigeInvoer):
        normaliseer_telefoon(tekst)


@pytest.mark.parametrize("e164, leesbaar", [("+31612345678", "06 12345678"), ("+31201234567", "020 123 4567"),
                                            ("+31578123456", "0578 123456")])
def test_leesbaar(e164, leesbaar):
    assert telefoon_leesbaar(e164) == leesbaar


def test_bellen_vraagt_een_nummer_en_whatsapp_een_06_nummer():
    with pytest.raises(OngeldigeInvoer, match="telefoonnummer"):
        maak_contactvoorkeur("bellen")
    with pytest.raises(OngeldigeInvoer, match="06-nummer"):
        maak_contactvoorkeur("whatsapp", "020 123 4567")
    assert maak_contactvoorkeur("langskomen").telefoon is None
    with pytest.raises(OngeldigeInvoer):
        maak_contactvoorkeur("postduif")


def test_heen_en_terug_via_het_pakket():
    voorkeur = maak_contactvoorkeur("whatsapp", "+31612345678", " 's avonds ", "Arabisch", True, True)
    assert voorkeur.wanneer == "'s avonds" and voorkeur.taal == "Arabisch"
    assert Contactvoorkeur.uit_dict(voorkeur.als_dict()) == voorkeur
    assert voorkeur.als_dict()["telefoon"] == "06 12345678"


@pytest.mark.parametrize("tekst, e164", [("mijn nummer is 0612345678", "+31612345678"),
                                         ("bel me op 020-1234567 na 3 uur", "+31201234567")])
def test_a_number_inside_a_sentence(tekst, e164):
    assert normaliseer_telefoon(tekst) == e164
