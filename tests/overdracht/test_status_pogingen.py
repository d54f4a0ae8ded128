import datetime as dt

import pytest

from wegwijs.overdracht import OngeldigeStap, maak_contactvoorkeur, suggesties, volgende


def test_overgangen():
    assert volgende("nieuw", "opgepakt") == "opgepakt"
    assert volgende("opgepakt", "contact_gehad") == "contact_gehad"
    assert volgende("afgerond", "opgepakt") == "opgepakt"
    with pytest.raises(OngeldigeStap, match="eerst op"):
        volgende("nieuw", "afgerond", "klaar")
    with pytest.raises(OngeldigeStap):
        volgende("opgepakt", "nieuw")
    with pytest.raises(OngeldigeStap):
        volgende("opgepakt", "weg")


@pytest.mark.parametrize("uitkomst", [None, "", "   "])
def test_afronden_vraagt_een_uitkomst(uitkomst):
    with pytest.raises(OngeldigeStap, match="uitkomst"):
        volgende("contact_gehad", "afgerond", uitkomst)
    assert volgende("contact_gehad", "afgerond", "Huurtoeslag aangevraagd") == "afgerond"


def _pogingen(n, kanaal="telefoon", resultaat="niet_opgenomen", start=dt.date(2026, 11, 23)):
    return [(start + dt.timedelta(days=i * 7), kanaal, resultaat) for i in range(n)]


def test_voor_de_drempel_geen_suggesties():
    assert suggesties(_pogingen(2), None) == []


def test_na_drie_pogingen_een_andere_manier_en_nooit_een_oordeel():
    contact = maak_contactvoorkeur("bellen", "0612345678", "'s avonds", vertrouwenspersoon=True)
    uit = suggesties(_pogingen(3), contact)
    tekst = " ".join(uit).lower()
    assert "whatsapp" in tekst and "brief" in tekst and "'s avonds" in tekst and "vertrouwt" in tekst
    assert "andere dag" in tekst  # all three on a Monday
    assert "niet gemotiveerd" not in tekst and "open" in tekst


def test_contact_zet_de_teller_terug():
    pogingen = _pogingen(3) + [(dt.date(2026, 12, 20), "telefoon", "bereikt")] + \
        _pogingen(2, start=dt.date(2026, 12, 21))
    assert suggesties(pogingen, None) == []
    assert suggesties(pogingen + [(dt.date(2026, 12, 30), "telefoon", "nummer_werkt_niet")], None)
