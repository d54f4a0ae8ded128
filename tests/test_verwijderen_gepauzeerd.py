"""'Verwijder mijn gegevens' while a worker has the conversation (bot/componenten/verwijderen.py): the message is
handled although the bot is paused; the deletion's Restarted lifts the pause; other messages stay with the worker."""
import bot.componenten  # noqa: F401  (installs the patch, as loading the model does)
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ConversationPaused, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker


def _gepauzeerd(intent):
    return DialogueStateTracker.from_events("web-x", [ConversationPaused(),
                                                      UserUttered("...", intent={"name": intent, "confidence": 1})])


def test_a_paused_conversation_handles_a_deletion_request_and_only_that():
    assert MessageProcessor._should_handle_message(_gepauzeerd("delete_data"))
    assert MessageProcessor._should_handle_message(_gepauzeerd("restart"))
    assert not MessageProcessor._should_handle_message(_gepauzeerd("mention_debt"))


def test_the_deletion_lifts_the_pause():
    tracker = _gepauzeerd("delete_data")
    tracker.update(Restarted())
    assert not tracker.is_paused()
