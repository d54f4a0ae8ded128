"""Conversation ids per channel. Rasa keys a conversation by its id alone, and one Rasa serves every channel, so
each channel's ids carry their own prefix: no id that one channel accepts can name another channel's conversation
(a web visitor who types a phone number never reaches that person's WhatsApp conversation)."""
from __future__ import annotations

# Rasa's input channel name -> the prefix of its conversation ids
VOORVOEGSELS = {"rest": "web-", "whatsapp": "wa-"}


def gesprek_id(kanaal: str, eigen_id: str) -> str:
    """The conversation id for the channel's own id of a person (a WhatsApp number, the web chat's random id)."""
    return VOORVOEGSELS[kanaal] + eigen_id


def eigen_id(kanaal: str, gesprek: str) -> str | None:
    """The channel's own id inside a conversation id, or None when the id does not belong to that channel."""
    voorvoegsel = VOORVOEGSELS[kanaal]
    if not gesprek.startswith(voorvoegsel) or len(gesprek) == len(voorvoegsel):
        return None
    return gesprek[len(voorvoegsel):]


def kanaal_van(gesprek: str) -> str | None:
    """The channel a conversation id belongs to, or None for an id of no channel."""
    return next((kanaal for kanaal, voorvoegsel in VOORVOEGSELS.items()
                 if gesprek.startswith(voorvoegsel) and len(gesprek) > len(voorvoegsel)), None)
