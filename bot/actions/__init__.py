"""Custom actions of the Wegwijs assistant: thin adapters from Rasa to the core package (wegwijs).

One module per feature: opening (session start, first question, BSN), toets (the check's form and result),
regelingen (scheme information), hulp (a person, debts, fallbacks, yes/no to an offer), overdracht (the warm
handoff to a buurtteam and the status question), privacy (deleting data).
"""
