"""Settings of the web server, from the environment (secrets never live in the repository)."""
from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from web.limiet import Limiet

# Far above what a person types or taps, also when a reload sends a queue of messages typed offline; an address
# gets more, because several people may share one (a library, an office, a mobile network).
LIMIET_GESPREK = Limiet(per_minuut=30, stoot=10)
LIMIET_ADRES = Limiet(per_minuut=120, stoot=30)


@dataclass(frozen=True)
class Instellingen:
    host: str = "127.0.0.1"
    poort: int = 8000
    database_url: str = "sqlite:///wegwijs.db"
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str | None = None  # RASA_TOKEN: Rasa's HTTP API is only enabled with a token
    veilige_cookies: bool = False  # true behind HTTPS
    gemeente: str | None = None    # WEGWIJS_GEMEENTE: the chat's look (web/thema.py), a folder of knowledge/gemeenten
    limiet_gesprek: Limiet = LIMIET_GESPREK  # WEGWIJS_CHAT_LIMIET_GESPREK: chat messages per conversation
    limiet_adres: Limiet = LIMIET_ADRES      # WEGWIJS_CHAT_LIMIET_ADRES: chat messages per client address
    # WEGWIJS_GEHEIM: the server secret that signs the chat's conversation ids and the inbox's login-form tokens.
    # Without it each start makes a new one, and open chats and login forms of before the start are refused.
    geheim: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
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
            limiet_gesprek=limiet_uit(env, "WEGWIJS_CHAT_LIMIET_GESPREK", LIMIET_GESPREK),
            limiet_adres=limiet_uit(env, "WEGWIJS_CHAT_LIMIET_ADRES", LIMIET_ADRES),
            **geheim_uit(env),
        )


def limiet_uit(env: Mapping[str, str], naam: str, standaard: Limiet) -> Limiet:
    waarde = env.get(naam, "").strip()
    if not waarde:
        return standaard
    try:
        return Limiet.uit_tekst(waarde)
    except ValueError as fout:
        raise ValueError(f"{naam}={waarde!r} klopt niet. {fout}") from None


def geheim_uit(env: Mapping[str, str]) -> dict:
    """{'geheim': bytes} from WEGWIJS_GEHEIM (at least 32 characters), or {} for a fresh one per start."""
    waarde = env.get("WEGWIJS_GEHEIM", "")
    if not waarde:
        return {}
    if len(waarde) < 32:
        raise ValueError("WEGWIJS_GEHEIM is te kort: gebruik minstens 32 willekeurige tekens "
                         "(bijvoorbeeld uit 'python -c \"import secrets; print(secrets.token_urlsafe(32))\"').")
    return {"geheim": waarde.encode()}
