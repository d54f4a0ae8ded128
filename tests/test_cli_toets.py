"""`wegwijs toets FILE`: JSON out on success; on bad input exit 2, a Dutch message on stderr, nothing on stdout."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HUISHOUDEN = {
    "peildatum": "2026-09-01", "gemeente": "Amsterdam",
    "aanvrager": {"leeftijd": 34}, "kinderen": [{"leeftijd": 14}, {"leeftijd": 16}],
    "woning": {"soort": "huur", "huur_per_maand": 750},
    "inkomen": {"netto_per_maand": 1400, "bron": "bijstand"}, "vermogen": 2000,
}


def wegwijs(*args, invoer=None):
    return subprocess.run([sys.executable, "-m", "wegwijs", *args], input=invoer, capture_output=True, text=True)


def test_toets_reads_stdin_and_prints_the_contract():
    proces = wegwijs("toets", "-", invoer=json.dumps(HUISHOUDEN))
    assert proces.returncode == 0, proces.stderr
    resultaat = json.loads(proces.stdout)
    assert resultaat["peildatum"] == "2026-09-01" and resultaat["gemeente"] == "Amsterdam"
    ids = {r["id"] for r in resultaat["regelingen"]}
    assert {"bijstand", "huurtoeslag", "zorgtoeslag", "kinderbijslag", "kindgebonden_budget", "stadspas"} <= ids
    for regeling in resultaat["regelingen"]:
        assert set(regeling) >= {"id", "naam", "uitkomst", "redenen", "bedrag_per_maand"}
        assert regeling["uitkomst"] in ("waarschijnlijk_wel", "misschien", "waarschijnlijk_niet")
        assert regeling["redenen"], regeling["id"]
    assert resultaat["budget"]["samenvatting"]


def test_toets_reads_a_file(tmp_path):
    pad = tmp_path / "h.json"
    pad.write_text(json.dumps(HUISHOUDEN))
    proces = wegwijs("toets", str(pad))
    assert proces.returncode == 0 and json.loads(proces.stdout)["regelingen"]


@pytest.mark.parametrize("invoer, melding", [
    ('{"aanvrager": {"leeftijd": "34"}}', "'aanvrager.leeftijd' moet een heel getal zijn"),
    ('{"aanvrager": {"leeftijd": 34}, "inkomen": {"netto_per_maand": -5}}', "'inkomen.netto_per_maand' mag niet kleiner zijn dan 0"),
    ('{"gemeente": "Utrecht"}', "Het veld 'aanvrager' ontbreekt"),
    ('{"aanvrager": ', "geen geldige JSON"),
    ("[]", "groep velden"),
])
def test_invalid_input_exit_2_message_on_stderr_nothing_on_stdout(invoer, melding):
    proces = wegwijs("toets", "-", invoer=invoer)
    assert proces.returncode == 2
    assert proces.stdout == ""
    assert melding in proces.stderr


def test_missing_file_is_explained():
    proces = wegwijs("toets", "/bestaat/niet.json")
    assert proces.returncode == 2 and proces.stdout == "" and "niet te lezen" in proces.stderr
