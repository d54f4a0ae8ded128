"""Custom actions of the Wegwijs assistant: thin adapters from Rasa to the core package (wegwijs).

One module per feature: opening (session start, first question, BSN), toets (the check's form and result),
regelingen (scheme information), hulp (a person, debts, fallbacks, yes/no to an offer), privacy (deleting data).
"""
