"""Custom NLU components. Rasa imports this package when it loads the model, so the check of the action server's
answers is made fast here for every Rasa process (server, tests, shell)."""
from bot.componenten.actieantwoord import installeer

installeer()
