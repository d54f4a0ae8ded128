"""Every start of Rasa and of the action server goes through here: `python -m bot.start_rasa <rasa arguments>`
(the same arguments as the `rasa` command). It makes the safe choices that the `rasa` command leaves open:

- nothing leaves the machine: no telemetry, and no error reports to Rasa's Sentry project (Rasa 3.6 sends its
  uncaught exceptions there under a key shipped in the package, whatever the telemetry setting, and an exception's
  message can quote what a person typed);
- the token for Rasa's HTTP API comes from RASA_TOKEN and is handed to Rasa inside this process, so it never shows
  in the process list (`ps`, /proc/<pid>/cmdline) the way `--auth-token <token>` would; a token on the command
  line is refused;
- Rasa reads at most 1 MB per request (Sanic's default is 100 MB, parsed in memory before anything looks at it);
- the action server listens on 127.0.0.1 unless SANIC_HOST says otherwise (rasa_sdk's default is every address,
  and it has no authentication).

Each default can be set differently in the environment (SANIC_REQUEST_MAX_SIZE, SANIC_HOST).

For the production files (bot/endpoints.productie.yml, bot/credentials.productie.yml) it fills in what follows
from the documented settings, so that those are enough: REDIS_HOST, REDIS_PORT, REDIS_DB, REDIS_PASSWORD and
REDIS_SSL from REDIS_URL (redis://[:password@]host[:port][/db], or rediss:// for TLS); ACTION_SERVER_URL as the
action server on this machine; WHATSAPP_TEMPLATE_NAME empty (no template). A value set in the environment wins."""
from __future__ import annotations

import os
import sys
from typing import Mapping, Sequence
from urllib.parse import unquote, urlsplit

OPDRACHT = [sys.executable, "-m", "bot.start_rasa"]
MAX_VERZOEK = 1024 * 1024  # bytes; the REST channel takes a few KB, the WhatsApp webhook limits itself to 256 KB
TOKEN_OPTIES = ("--auth-token", "-t")
ACTIESERVER_HIER = "http://127.0.0.1:5055/webhook"


class OnveiligeStart(SystemExit):
    """A start that would put a secret where others can read it; the message says what to do instead."""


def is_rasa_server(args: Sequence[str]) -> bool:
    return bool(args) and args[0] == "run" and (len(args) < 2 or args[1] != "actions")


def is_actieserver(args: Sequence[str]) -> bool:
    return len(args) >= 2 and args[0] == "run" and args[1] == "actions"


def argumenten(args: Sequence[str], omgeving: Mapping[str, str]) -> list[str]:
    """Rasa's arguments, with the HTTP API switched on under RASA_TOKEN when that is set."""
    if is_rasa_server(args) and any(a in TOKEN_OPTIES or a.startswith("--auth-token=") for a in args):
        raise OnveiligeStart("Geef het token van Rasa niet op de opdrachtregel mee (daar kan iedereen op deze "
                             "machine het lezen), maar in de omgevingsvariabele RASA_TOKEN.")
    uit = list(args)
    if is_rasa_server(args) and omgeving.get("RASA_TOKEN"):
        uit += ["--enable-api", "--auth-token", omgeving["RASA_TOKEN"]]
    return uit


def omgeving_voor(args: Sequence[str], omgeving: Mapping[str, str]) -> dict[str, str]:
    """The environment variables to set for this start (only those not chosen already)."""
    extra = {"RASA_TELEMETRY_ENABLED": "false"}
    if is_rasa_server(args):
        extra["SANIC_REQUEST_MAX_SIZE"] = omgeving.get("SANIC_REQUEST_MAX_SIZE") or str(MAX_VERZOEK)
        afgeleid = {"ACTION_SERVER_URL": ACTIESERVER_HIER, "WHATSAPP_TEMPLATE_NAME": "",
                    **redis_uit_url(omgeving.get("REDIS_URL", ""))}
        extra.update({naam: waarde for naam, waarde in afgeleid.items() if naam not in omgeving})
    if is_actieserver(args):
        extra["SANIC_HOST"] = omgeving.get("SANIC_HOST") or "127.0.0.1"
    return extra


def zonder_foutmeldingen_naar_buiten() -> None:
    import rasa.telemetry

    rasa.telemetry.initialize_error_reporting = lambda: None


def redis_uit_url(url: str) -> dict[str, str]:
    """The parts of a Redis URL as the production endpoints file reads them; {} without a URL."""
    if not url:
        return {}
    delen = urlsplit(url)
    if delen.scheme not in ("redis", "rediss") or not delen.hostname:
        raise OnveiligeStart(f"REDIS_URL klopt niet: schrijf redis://host:6379/0 (of rediss:// voor TLS), niet {url!r}.")
    db = delen.path.strip("/") or "0"
    if not db.isdigit():
        raise OnveiligeStart(f"REDIS_URL klopt niet: na de / komt het nummer van de database, niet {db!r}.")
    return {"REDIS_HOST": delen.hostname, "REDIS_PORT": str(delen.port or 6379), "REDIS_DB": db,
            "REDIS_PASSWORD": unquote(delen.password or ""), "REDIS_SSL": "true" if delen.scheme == "rediss" else ""}


def main() -> None:
    args = sys.argv[1:]
    os.environ.update(omgeving_voor(args, os.environ))
    sys.argv = ["rasa", *argumenten(args, os.environ)]
    zonder_foutmeldingen_naar_buiten()
    from rasa.__main__ import main as rasa_main  # after the environment is set: Rasa reads it on import

    rasa_main()


if __name__ == "__main__":
    main()
