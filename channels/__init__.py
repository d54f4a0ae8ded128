"""Channels through which citizens reach Wegwijs: thin adapters between a messaging service and Rasa."""
