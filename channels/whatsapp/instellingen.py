"""The WhatsApp channel's settings, as Rasa reads them from credentials.yml (where each value comes from an
environment variable: `${WHATSAPP_ACCESS_TOKEN}`); nothing secret lives in the repository."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Mapping

from rasa.shared.exceptions import RasaException

VERPLICHT = ("phone_number_id", "access_token", "app_secret", "verify_token")
STANDAARD_API_VERSIE = "v25.0"
STANDAARD_GRAPH_URL = "https://graph.facebook.com"
STANDAARD_SJABLOONTAAL = "nl"
STANDAARD_MAX_LEEFTIJD_UUR = 24.0  # Meta retries for days; an answer to a message of yesterday would confuse


@dataclass(frozen=True)
class WhatsAppInstellingen:
    phone_number_id: str
    access_token: str
    app_secret: str
    verify_token: str
    api_version: str = STANDAARD_API_VERSIE
    graph_url: str = STANDAARD_GRAPH_URL   # another address only for a test server
    template_name: str | None = None       # the approved template for messages outside the 24-hour window
    template_language: str = STANDAARD_SJABLOONTAAL
    redis_url: str | None = None           # shared memory for several Rasa processes; else in this process
    max_message_age_hours: float = STANDAARD_MAX_LEEFTIJD_UUR  # older deliveries are not answered as new

    @property
    def max_leeftijd(self) -> timedelta:
        return timedelta(hours=self.max_message_age_hours)

    @property
    def berichten_url(self) -> str:
        return f"{self.graph_url.rstrip('/')}/{self.api_version}/{self.phone_number_id}/messages"

    @classmethod
    def uit_credentials(cls, credentials: Mapping[str, Any] | None) -> "WhatsAppInstellingen":
        """Empty values count as missing, so an environment variable that is set but empty is noticed."""
        waarden = {sleutel: str(waarde).strip() for sleutel, waarde in (credentials or {}).items()
                   if waarde is not None and str(waarde).strip()}
        ontbreekt = [sleutel for sleutel in VERPLICHT if sleutel not in waarden]
        if ontbreekt:
            raise RasaException(
                "Het WhatsApp-kanaal kan niet starten: in credentials.yml ontbreekt een waarde voor "
                f"{', '.join(ontbreekt)} (onder channels.whatsapp.WhatsAppInput). Zie docs/whatsapp.md.")
        onbekend = sorted(set(waarden) - set(cls.__dataclass_fields__))
        if onbekend:
            raise RasaException(
                f"Het WhatsApp-kanaal kent deze instelling niet: {', '.join(onbekend)}. Zie docs/whatsapp.md.")
        if "max_message_age_hours" in waarden:
            waarden["max_message_age_hours"] = _uren(waarden["max_message_age_hours"])
        return cls(**waarden)


def _uren(waarde: str) -> float:
    try:
        uren = float(waarde.replace(",", "."))
    except ValueError:
        uren = 0.0
    if not 0 < uren <= 24 * 7:
        raise RasaException(f"max_message_age_hours={waarde!r} klopt niet: geef een aantal uren tussen 0 en 168 "
                            "(een week, zo lang probeert Meta een bericht te bezorgen). Zie docs/whatsapp.md.")
    return uren
