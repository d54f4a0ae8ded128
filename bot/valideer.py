"""`rasa data validate` for the assistant, strict: any warning fails, except one known false positive.

Rasa's validator reports every response that no story or rule names as "not used". Responses sent by a custom
action (response="utter_..." in bot/actions), or asked by a form (utter_ask_<slot>) are used; those warnings are left out. Everything else fails the check.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.start_rasa import OPDRACHT  # noqa: E402


def gebruikt_door_acties() -> set[str]:
    namen: set[str] = set()
    for bestand in (REPO / "bot" / "actions").glob("*.py"):
        namen |= set(re.findall(r"response=\"(utter_\w+)\"", bestand.read_text(encoding="utf-8")))
    return namen


def main() -> int:
    env = dict(os.environ, PYTHONPATH=str(REPO), TF_CPP_MIN_LOG_LEVEL="2")
    r = subprocess.run([*OPDRACHT, "data", "validate", "--domain", "bot/domain",
                        "--data", "bot/data", "--config", "bot/config.yml"],
                       cwd=REPO, env=env, capture_output=True, text=True)
    uitvoer = r.stdout + r.stderr
    gebruikt = gebruikt_door_acties()
    problemen = []
    for regel in uitvoer.splitlines():
        m = re.search(r"UserWarning: (.*)", regel)
        if not m:
            continue
        melding = m.group(1)
        ongebruikt = re.match(r"The utterance '(utter_\w+)' is not used in any story or rule", melding)
        if ongebruikt and (ongebruikt.group(1) in gebruikt or ongebruikt.group(1).startswith("utter_ask_")):
            continue
        problemen.append(melding)
    for p in problemen:
        print("  ", p)
    if r.returncode != 0 or problemen:
        print(uitvoer[-3000:] if r.returncode != 0 else "")
        print(f"rasa data validate: FOUT ({len(problemen)} waarschuwingen, code {r.returncode})")
        return 1
    print("rasa data validate: geen fouten of waarschuwingen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
