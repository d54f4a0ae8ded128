"""The channel's settings as Rasa reads them from the credentials file: clear messages for what is missing or wrong."""
from __future__ import annotations

from datetime import timedelta

import pytest
from rasa.shared.exceptions import RasaException

from channels.whatsapp.instellingen import WhatsAppInstellingen

VERPLICHT = {"phone_number_id": "1065", "access_token": "t", "app_secret": "s", "verify_token": "v"}


def test_verplichte_waarden_en_standaarden():
    instellingen = WhatsAppInstellingen.uit_credentials(VERPLICHT)
    assert instellingen.max_leeftijd == timedelta(hours=24) and instellingen.redis_url is None


@pytest.mark.parametrize("leeg", ["", "  ", None])
def test_een_lege_verplichte_waarde_noemt_welke(leeg):
    with pytest.raises(RasaException, match="app_secret"):
        WhatsAppInstellingen.uit_credentials({**VERPLICHT, "app_secret": leeg})


def test_een_onbekende_instelling_wordt_genoemd():
    with pytest.raises(RasaException, match="template_naam"):
        WhatsAppInstellingen.uit_credentials({**VERPLICHT, "template_naam": "x"})


@pytest.mark.parametrize("waarde, uren", [("12", 12.0), ("1,5", 1.5), (" 168 ", 168.0)])
def test_de_maximale_leeftijd_van_een_bericht_in_uren(waarde, uren):
    instellingen = WhatsAppInstellingen.uit_credentials({**VERPLICHT, "max_message_age_hours": waarde})
    assert instellingen.max_leeftijd == timedelta(hours=uren)


@pytest.mark.parametrize("waarde", ["een dag", "0", "-3", "169", "nan"])
def test_een_onzinnige_maximale_leeftijd_wordt_geweigerd_met_uitleg(waarde):
    with pytest.raises(RasaException, match="max_message_age_hours.*tussen 0 en 168"):
        WhatsAppInstellingen.uit_credentials({**VERPLICHT, "max_message_age_hours": waarde})
