"""Custom NLU components. Rasa imports this package when it loads the model, so the speed fixes of
bot/componenten/versnelling.py and the deletion while paused of bot/componenten/verwijderen.py are installed here
for every Rasa process (server, tests, shell)."""
from bot.componenten import verwijderen, versnelling

versnelling.installeer()
verwijderen.installeer()
