"""One Sanic app on 127.0.0.1:8000: the chat page at / (web/chat.py), the worker inbox at /inbox (web/inbox/) and
the health checks at /health/live and /health/ready (web/gezondheid.py)."""
from __future__ import annotations

from sanic import Request, Sanic
from sanic.exceptions import FileNotFound, PayloadTooLarge
from sanic.response import HTTPResponse, text

from web.instellingen import Instellingen
from wegwijs.opslag.opslag import MAX_TEKST as INBOX_MAX_TEKST

# Bytes of one request anywhere in the app (Sanic's default is 100 MB, read into memory before any check). The
# longest inbox form field holds INBOX_MAX_TEKST characters; form-encoded, one character takes at most 12 bytes
# (%F0%9F%98%80), and the form's other fields fit in the rest. The chat API has a far smaller limit of its own.
MAX_VERZOEK = 12 * INBOX_MAX_TEKST + 64 * 1024
NIET_GEVONDEN = "Deze pagina bestaat niet."


def maak_app(instellingen: Instellingen | None = None, naam: str = "wegwijs_web") -> Sanic:
    from web.chat import chat_bp
    from web.gezondheid import gezondheid_bp
    from web.inbox import inbox_bp

    app = Sanic(naam)
    app.config.REQUEST_MAX_SIZE = MAX_VERZOEK
    app.ctx.instellingen = instellingen or Instellingen.uit_omgeving()
    app.blueprint(chat_bp)
    app.blueprint(inbox_bp)
    app.blueprint(gezondheid_bp)
    app.error_handler.add(PayloadTooLarge, _te_groot)
    # A folder (/static/) or a NUL (%00) makes Sanic's file handler fail with these instead of "not found"
    for fout in (FileNotFound, IsADirectoryError, NotADirectoryError, ValueError):
        app.error_handler.add(fout, _statisch_niet_gevonden)
    return app


def _te_groot(request: Request, fout: Exception) -> HTTPResponse:
    return text("Dit verzoek is te groot. Er is niets veranderd.", status=413)


def _statisch_niet_gevonden(request: Request, fout: Exception) -> HTTPResponse:
    """404 for any path under a static folder that is no file there; elsewhere these errors are what they are."""
    route = getattr(request, "route", None)
    if isinstance(fout, FileNotFound) or (route is not None and getattr(route.ctx, "static", False)):
        return text(NIET_GEVONDEN, status=404)
    return request.app.error_handler.default(request, fout)


def main() -> None:
    instellingen = Instellingen.uit_omgeving()
    app = maak_app(instellingen)
    print(f"Wegwijs web: chat op http://{instellingen.host}:{instellingen.poort}/ , "
          f"inbox op http://{instellingen.host}:{instellingen.poort}/inbox")
    app.run(host=instellingen.host, port=instellingen.poort, access_log=False, workers=1)


if __name__ == "__main__":
    main()
