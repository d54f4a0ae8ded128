"""The WhatsApp channel's settings, as Rasa reads them from credentials.yml (where each value comes from an
environment variable: `${WHATSAPP_ACCESS_TOKEN}`); nothing secret lives in the repository."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from rasa.shared.exceptions import RasaException

VERPLICHT = ("phone_number_id", "access_token", "app_secret", "verify_token")
STANDAARD_API_VERSIE = "v25.0"
STANDAARD_GRAPH_URL = "https://graph.facebook.com"
STANDAARD_SJABLOONTAAL = "nl"


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
        return cls(**waarden)
