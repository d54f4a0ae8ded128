"""Wegwijs core: the knowledge base of regelingen, the eligibility check (toets) and the budget rules.

Pure Python: nothing here knows of Rasa, HTTP or channels.
"""
