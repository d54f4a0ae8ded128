"""Held-out NLU evaluation: intent accuracy and macro-F1 on tests/bot/nlu_heldout.yml (never trained on).

Prints both figures and the misclassified messages; exits 1 when either is under the target (0.95).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bot.start_rasa import OPDRACHT  # noqa: E402

DOEL = 0.95


def main() -> int:
    model = REPO / "bot" / "models" / "wegwijs.tar.gz"
    with tempfile.TemporaryDirectory() as uit:
        env = dict(os.environ, PYTHONPATH=str(REPO), TF_CPP_MIN_LOG_LEVEL="2")
        r = subprocess.run([*OPDRACHT, "test", "nlu", "--model", str(model),
                            "--nlu", str(REPO / "tests" / "bot" / "nlu_heldout.yml"), "--out", uit,
                            "--no-plot"], cwd=REPO, env=env, capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stdout[-3000:], r.stderr[-3000:])
            return 1
        rapport = json.loads((Path(uit) / "intent_report.json").read_text())
        fouten_bestand = Path(uit) / "intent_errors.json"
        fouten = json.loads(fouten_bestand.read_text()) if fouten_bestand.exists() else []
    nauwkeurigheid = rapport["accuracy"]
    macro_f1 = rapport["macro avg"]["f1-score"]
    aantal = int(rapport["macro avg"]["support"])
    for f in fouten:
        print(f"  fout: '{f['text']}' -> {f['intent_prediction']['name']} (moet {f['intent']})")
    print(f"NLU held-out ({aantal} berichten): intent accuracy {nauwkeurigheid:.3f}, macro-F1 {macro_f1:.3f} "
          f"(doel {DOEL})")
    return 0 if nauwkeurigheid >= DOEL and macro_f1 >= DOEL else 1


if __name__ == "__main__":
    sys.exit(main())
