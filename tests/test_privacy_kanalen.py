"""The privacy pieces every channel uses: BSN and IBAN taken out of a message, unreadable characters removed, and
conversation ids that belong to exactly one channel."""
import pytest

from wegwijs import kanalen
from wegwijs.gesprek.privacy import (BSN, IBAN, bevat_bsn, iban_geldig, melding_weggelaten, schoon_bericht,
                                     schone_tekst)


@pytest.mark.parametrize("iban", ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300",
                                  "DE89370400440532013000", "BE68539007547034", "GB29NWBK60161331926819"])
def test_iban_volgens_de_standaard(iban):
    assert iban_geldig(iban)


@pytest.mark.parametrize("iban", ["NL91ABNA0417164301", "NL91ABNA041716430", "XX91ABNA0417164300", "NL9"])
def test_geen_iban(iban):
    assert not iban_geldig(iban)


def test_bsn_en_iban_uit_een_bericht_met_schulden():
    # the message that once reached the packet verbatim, because the NLU read it as nlu_fallback
    geschoond = schoon_bericht("ik heb schulden bij de energie, BSN 111222333 en IBAN NL91 ABNA 0417 1643 00.")
    assert "111222333" not in geschoond.tekst and "0417" not in geschoond.tekst
    assert geschoond.tekst == ("ik heb schulden bij de energie, BSN [BSN weggelaten] en IBAN "
                               "[rekeningnummer weggelaten].")
    assert geschoond.weggelaten == {BSN, IBAN}


def test_een_nederlandse_iban_met_tikfout_gaat_ook_weg():
    assert schoon_bericht("mijn rekening NL91ABNA0417164301").weggelaten == {IBAN}


@pytest.mark.parametrize("tekst", ["bel mij op 0612345678", "ik verdien 1.250,50", "ik ben 45 en heb 2 kinderen",
                                   "postcode 3011 AB", "ik verdien 123456789 per jaar"])
def test_gewone_getallen_blijven(tekst):
    assert schoon_bericht(tekst).tekst == tekst and not schoon_bericht(tekst).weggelaten


def test_bsn_met_het_woord_ook_zonder_elfproef():
    assert bevat_bsn("BSN: 1234.56.789") and schoon_bericht("BSN: 1234.56.789").tekst == "BSN: [BSN weggelaten]"


def test_onleesbare_tekens_weg():
    assert schone_tekst("ha\x00llo\ud800 daar\n\tja") == "hallo daar\n\tja"
    assert schoon_bericht("\x00").tekst == ""


def test_gesprek_ids_per_kanaal():
    assert kanalen.gesprek_id("whatsapp", "31612345678") == "wa-31612345678"
    assert kanalen.eigen_id("whatsapp", "wa-31612345678") == "31612345678"
    assert kanalen.kanaal_van("wa-31612345678") == "whatsapp"
    # a web id can never be a WhatsApp conversation, and a bare number belongs to no channel
    assert kanalen.eigen_id("whatsapp", kanalen.gesprek_id("rest", "wa-31612345678")) is None
    assert kanalen.kanaal_van("31612345678") is None and kanalen.kanaal_van("wa-") is None


def test_melding_als_er_iets_is_weggelaten():
    assert melding_weggelaten(frozenset()) is None
    assert melding_weggelaten(schoon_bericht("bsn 111222333").weggelaten, alleen=True) == (
        "Uw BSN is hier niet nodig. Ik heb het uit uw bericht gehaald en nergens bewaard.")
    assert melding_weggelaten(frozenset({BSN, IBAN})).startswith("Uw BSN en rekeningnummer zijn hier niet nodig.")
    assert melding_weggelaten(frozenset({IBAN})).endswith("Uw vraag lees ik wel.")


def test_a_bsn_before_a_comma_is_found_but_an_amount_with_cents_is_not():
    from wegwijs.gesprek.privacy import schoon_bericht

    assert schoon_bericht("Belde, BSN 111222333, ok").tekst == "Belde, BSN [BSN weggelaten], ok"
    assert schoon_bericht("BSN vraag: ik verdien 12345678,50").tekst == "BSN vraag: ik verdien 12345678,50"
