"""End-to-end bot tests: starts the action server (127.0.0.1:5055) and Rasa (127.0.0.1:5006), runs the
dialogue test stories (rasa test core) and the conversations of gesprekken.yml over REST, then stops both."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bot import servers  # noqa: E402
from bot.start_rasa import OPDRACHT  # noqa: E402

POORT = int(os.environ.get("WEGWIJS_TEST_RASA_POORT", "5006"))


def main() -> int:
    env = dict(os.environ, PYTHONPATH=str(REPO), TF_CPP_MIN_LOG_LEVEL="2")
    code = 0
    db = tempfile.TemporaryDirectory()   # handoffs of the test conversations; never the repository's wegwijs.db
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(db.name) / 'wegwijs.db'}"
    with db, servers.actieserver(5055):
        with tempfile.TemporaryDirectory() as uit:
            r = subprocess.run([*OPDRACHT, "test", "core", "--model", str(servers.MODEL), "--stories",
                                "tests/bot/test_stories.yml", "--endpoints", "bot/endpoints.yml", "--out", uit,
                                "--no-plot"], cwd=REPO, env=env, capture_output=True, text=True)
            mislukt = Path(uit) / "failed_test_stories.yml"
            tekst = mislukt.read_text() if mislukt.exists() else ""
            if r.returncode != 0 or "story:" in tekst:
                print(r.stdout[-2000:], r.stderr[-4000:], tekst[:6000])
                print("test stories: FOUT")
                code = 1
            else:
                print("test stories: alle verhalen goed voorspeld")
        token = secrets.token_hex(16)   # the HTTP API, for conversations that fall silent ('stilte')
        with servers.rasa(POORT, token=token):
            r = subprocess.run([sys.executable, "tests/bot/e2e.py", "--url", f"http://127.0.0.1:{POORT}",
                                "--token", token], cwd=REPO, env=env)
            code = code or r.returncode
    return code


if __name__ == "__main__":
    sys.exit(main())
