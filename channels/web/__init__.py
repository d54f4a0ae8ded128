"""The web chat's side in Rasa: Rasa's REST channel for web conversation ids only. In bot/credentials.yml:
`channels.web.WebInput:` in place of `rest:` (see docs/webchat.md)."""
from typing import Any

__all__ = ["WebInput"]


def __getattr__(naam: str) -> Any:
    # the channel imports Rasa; loaded only when asked for, like channels.whatsapp
    if naam in __all__:
        from channels.web import kanaal

        return getattr(kanaal, naam)
    raise AttributeError(naam)
