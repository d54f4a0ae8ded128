"""One Sanic app on 127.0.0.1:8000: the chat page at / (web/chat.py) and the worker inbox at /inbox (web/inbox/)."""
from __future__ import annotations

from sanic import Sanic

from web.instellingen import Instellingen


def maak_app(instellingen: Instellingen | None = None, naam: str = "wegwijs_web") -> Sanic:
    from web.chat import chat_bp
    from web.inbox import inbox_bp

    app = Sanic(naam)
    app.ctx.instellingen = instellingen or Instellingen.uit_omgeving()
    app.blueprint(chat_bp)
    app.blueprint(inbox_bp)
    return app


def main() -> None:
    instellingen = Instellingen.uit_omgeving()
    app = maak_app(instellingen)
    print(f"Wegwijs web: chat op http://{instellingen.host}:{instellingen.poort}/ , "
          f"inbox op http://{instellingen.host}:{instellingen.poort}/inbox")
    app.run(host=instellingen.host, port=instellingen.poort, access_log=False, workers=1)


if __name__ == "__main__":
    main()
