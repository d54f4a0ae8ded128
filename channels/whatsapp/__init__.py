"""WhatsApp (Meta WhatsApp Cloud API) for Wegwijs. In bot/credentials.yml: `channels.whatsapp.WhatsAppInput:`
(see docs/whatsapp.md)."""
from typing import Any

__all__ = ["WhatsAppInput", "WhatsAppOutput"]


def __getattr__(naam: str) -> Any:
    # The channel classes import Rasa; loaded only when asked for, so the inbox can use the pure helpers
    # (such as venster.binnen_servicevenster) without starting Rasa's imports.
    if naam in __all__:
        from channels.whatsapp import kanaal

        return getattr(kanaal, naam)
    raise AttributeError(naam)
