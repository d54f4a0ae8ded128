"""Checking the action server's answers against Rasa's schema once per answer, not the schema itself every time.

Rasa 3.6 checks each answer of the action server with `jsonschema.validate`, which first checks the schema against
the Draft 2020-12 meta-schema: with jsonschema 4.17 that costs tens of milliseconds per custom action, most of
the time of a form turn. Here the validator is built (and the schema checked) once; every answer is still checked
against the same schema and a wrong answer fails with the same message.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


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


def installeer() -> None:
    RemoteAction._validate_action_result = _validate_action_result
