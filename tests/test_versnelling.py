"""Two per-message costs of Rasa paid once (bot/componenten/versnelling.py), with Rasa's behaviour unchanged."""
from __future__ import annotations

import pytest
from jsonschema.exceptions import ValidationError

import bot.componenten  # noqa: F401  (installs the speed fixes, as loading the model does)
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered, deserialise_events


def test_the_fixes_are_wegwijs_own():
    assert RemoteAction._validate_action_result.__module__ == "bot.componenten.versnelling"
    assert Event.resolve_by_type.__module__ == "bot.componenten.versnelling"


def test_a_valid_answer_passes():
    assert RemoteAction._validate_action_result(None, {"events": [{"event": "slot", "name": "x", "value": 1}],
                                                       "responses": [{"text": "Hallo"}]})


@pytest.mark.parametrize("antwoord", [{"events": "geen lijst"}, {"events": [{"event": "bestaat_niet"}]}])
def test_an_invalid_answer_still_fails_with_rasas_message(antwoord):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction._validate_action_result(None, antwoord)


def test_event_names_resolve_to_the_same_classes_as_before():
    for naam, klasse in (("slot", SlotSet), ("user", UserUttered), ("action", ActionExecuted)):
        assert Event.resolve_by_type(naam) is klasse
        assert Event.resolve_by_type(naam) is klasse  # second time from the cache


def test_unknown_event_names_are_handled_as_rasa_does():
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("bestaat_niet", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("bestaat_niet")
    assert Event.resolve_by_type("bestaat_niet", default=SlotSet) is SlotSet  # a default is never remembered


def test_stored_events_read_back_unchanged():
    events = [UserUttered("hoi", {"name": "greet", "confidence": 0.9}), SlotSet("woonplaats", "rotterdam"),
              ActionExecuted("utter_vraag_hulp")]
    assert deserialise_events([e.as_dict() for e in events]) == events
