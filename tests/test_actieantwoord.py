"""Rasa checks every answer of the action server; Wegwijs builds that check once (bot/componenten/actieantwoord.py)."""
from __future__ import annotations

import pytest
from jsonschema.exceptions import ValidationError

import bot.componenten  # noqa: F401  (installs the faster check, as loading the model does)
from rasa.core.actions.action import RemoteAction


def test_the_check_is_wegwijs_own():
    assert RemoteAction._validate_action_result.__module__ == "bot.componenten.actieantwoord"


def test_a_valid_answer_passes():
    assert RemoteAction._validate_action_result(None, {"events": [{"event": "slot", "name": "x", "value": 1}],
                                                       "responses": [{"text": "Hallo"}]})


@pytest.mark.parametrize("antwoord", [{"events": "geen lijst"}, {"events": [{"event": "bestaat_niet"}]}])
def test_an_invalid_answer_still_fails_with_rasas_message(antwoord):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction._validate_action_result(None, antwoord)
