"""A fake Rasa for the web chat tests: the REST webhook and the conversation tracker on 127.0.0.1."""
from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

RASA_TOKEN = "nep-token"

OPENING_WIE = "Goedendag. Ik ben Wegwijs, een digitale assistent. Ik ben een computerprogramma, geen mens."
OPENING_WAT = "Ik help u uitzoeken welke toeslagen en regelingen bij u passen. Meer: https://example.org/uitleg."
VRAAG_HULP = "Waar kan ik u mee helpen?"
AANBOD = "Wilt u kijken welke regelingen bij u passen? Dat duurt een paar minuten."
JA_NEE = [{"title": "Ja, graag", "payload": "/affirm"}, {"title": "Nee, nu niet", "payload": "/deny"}]

# A small conversation in the manner of bot/domain: message (or button payload) -> Rasa REST replies.
GESPREK: dict[str, list[dict]] = {
    "/greet": [{"text": OPENING_WIE}, {"text": OPENING_WAT}, {"text": VRAAG_HULP}],
    "wat past bij mij": [{"text": AANBOD, "buttons": JA_NEE}],
    "/affirm": [{"text": "Hoe oud bent u?"}],
    "/deny": [{"text": "Goed. Waar kan ik u nog mee helpen?"}],
    "45": [{"text": "Heeft u een partner?", "buttons": [{"title": "Ja", "payload": "/affirm"},
                                                       {"title": "Nee", "payload": "/deny"}]}],
    "/delete_data": [{"text": "Ik heb alles gewist wat u mij in dit gesprek vertelde. Waar kan ik u mee helpen?"}],
}


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NepRasa:
    """Rasa's REST webhook and conversation tracker on 127.0.0.1, scripted by GESPREK; it records every message
    it gets and can be stopped and started again on the same port, like a Rasa that goes away for a while."""

    def __init__(self) -> None:
        self.poort = vrije_poort()
        self.url = f"http://127.0.0.1:{self.poort}"
        self.ontvangen: list[tuple[str, str]] = []
        self.opgevraagd: list[str] = []   # the conversation ids whose tracker was asked for
        self.trackers: dict[str, dict] = {}
        self._server: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self.ontvangen.clear()
            self.opgevraagd.clear()
            self.trackers.clear()

    def berichten_van(self, afzender: str) -> list[str]:
        with self._lock:
            return [bericht for wie, bericht in self.ontvangen if wie == afzender]

    @property
    def draait(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        nep = self

        class Handler(BaseHTTPRequestHandler):
            def _antwoord(self, status: int, gegevens) -> None:
                inhoud = json.dumps(gegevens).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(inhoud)))
                self.end_headers()
                self.wfile.write(inhoud)

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                delen = urlsplit(self.path)
                if delen.path == "/":
                    self._antwoord(200, "Hello from Rasa (nep)")
                elif delen.path.startswith("/conversations/") and delen.path.endswith("/tracker"):
                    if f"token={RASA_TOKEN}" not in delen.query:
                        self._antwoord(401, {"message": "token"})
                        return
                    afzender = delen.path.split("/")[2]
                    with nep._lock:
                        nep.opgevraagd.append(afzender)
                        self._antwoord(200, nep.trackers.get(afzender, {"sender_id": afzender, "events": []}))
                else:
                    self._antwoord(404, {})

            def do_POST(self) -> None:  # noqa: N802
                if self.path != "/webhooks/rest/webhook":
                    self._antwoord(404, {})
                    return
                gegevens = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with nep._lock:
                    nep.ontvangen.append((gegevens["sender"], gegevens["message"]))
                antwoorden = GESPREK.get(gegevens["message"], [{"text": f"U zei: {gegevens['message']}"}])
                self._antwoord(200, [{"recipient_id": gegevens["sender"], **a} for a in antwoorden])

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.poort), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
