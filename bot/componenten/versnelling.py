"""Two costs of Rasa 3.6 per message that do not depend on the conversation, paid once instead.

1. Rasa checks each answer of the action server with `jsonschema.validate`, which first checks the schema against
   the Draft 2020-12 meta-schema: with jsonschema 4.17 that costs tens of milliseconds per custom action, most of
   the time of a form turn. Here the validator is built (and the schema checked) once; every answer is still
   checked against the same schema and a wrong answer fails with the same message.
2. Every stored event is turned back into its class by `Event.resolve_by_type`, which walks all subclasses of
   `Event` (and checks each for being abstract) for every event of every tracker that is read: about a third of
   the time of reading a tracker. Here each event name is looked up once; names Rasa does not know are still
   handled (and refused) by Rasa itself.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Optional, Text, Type

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event


@lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    fout = best_match(_validator().iter_errors(result))
    if fout is not None:
        fout.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise fout
    return True


_rasa_resolve_by_type = Event.resolve_by_type
_event_classes: Dict[Text, Type[Event]] = {}


def _resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    klasse = _event_classes.get(type_name)
    if klasse is None:
        klasse = _rasa_resolve_by_type(type_name, default)
        # only a real match is remembered: not Rasa's answer for old names (None) or the caller's default
        if klasse is not None and klasse is not default:
            _event_classes[type_name] = klasse
    return klasse


def installeer() -> None:
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_by_type)
