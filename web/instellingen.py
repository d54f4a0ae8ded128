"""Settings of the web server, from the environment (secrets never live in the repository)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Instellingen:
    host: str = "127.0.0.1"
    poort: int = 8000
    database_url: str = "sqlite:///wegwijs.db"
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str | None = None  # RASA_TOKEN: Rasa's HTTP API is only enabled with a token
    veilige_cookies: bool = False  # true behind HTTPS
    gemeente: str | None = None    # WEGWIJS_GEMEENTE: the chat's look (web/thema.py), a folder of knowledge/gemeenten
    extra: dict = field(default_factory=dict)

    @classmethod
    def uit_omgeving(cls, omgeving: dict[str, str] | None = None) -> "Instellingen":
        env = os.environ if omgeving is None else omgeving
        return cls(
            host=env.get("WEGWIJS_WEB_HOST", "127.0.0.1"),
            poort=int(env.get("WEGWIJS_WEB_POORT", "8000")),
            database_url=env.get("DATABASE_URL", "sqlite:///wegwijs.db"),
            rasa_url=env.get("RASA_URL", "http://127.0.0.1:5005"),
            rasa_token=env.get("RASA_TOKEN") or None,
            veilige_cookies=env.get("WEGWIJS_VEILIGE_COOKIES", "").lower() in ("1", "true", "ja"),
            gemeente=env.get("WEGWIJS_GEMEENTE") or None,
        )
