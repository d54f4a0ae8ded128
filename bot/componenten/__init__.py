"""Custom NLU components. Rasa imports this package when it loads the model, so the speed fixes of
bot/componenten/versnelling.py are installed here for every Rasa process (server, tests, shell)."""
from bot.componenten.versnelling import installeer

installeer()
