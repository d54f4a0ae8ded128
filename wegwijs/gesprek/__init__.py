"""Helpers for the conversation (the Rasa assistant in bot/): reading free-text answers, recognising schemes,
and building the plain-Dutch messages. Pure Python: nothing here imports Rasa."""
