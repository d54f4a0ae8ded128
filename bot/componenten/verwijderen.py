"""'Verwijder mijn gegevens' also while a worker has the conversation.

When the inbox pauses the bot (a worker took over), Rasa 3.6's `MessageProcessor._should_handle_message` predicts
no action for any message but the `restart` intent, so a request to delete got no answer and changed nothing. Here
the `delete_data` intent is let through as well: the rule in bot/data/rules/privacy.yml runs
action_verwijder_gegevens, which withdraws the handoff (the worker sees a tombstone) and ends in a `Restarted`
event, which also lifts the pause. Every other message of a paused conversation is still left to the worker.
"""
from __future__ import annotations

from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

VERWIJDER_INTENT = "delete_data"

_rasa_should_handle_message = MessageProcessor._should_handle_message


def _should_handle_message(tracker: DialogueStateTracker) -> bool:
    laatste = tracker.latest_message
    return _rasa_should_handle_message(tracker) or (
        laatste is not None and laatste.intent.get(INTENT_NAME_KEY) == VERWIJDER_INTENT)


def installeer() -> None:
    MessageProcessor._should_handle_message = staticmethod(_should_handle_message)
