"""The warm handoff to a buurtteam, as pure functions: consent, the packet, contact preferences, routing,
statuses, working-day deadlines, suggestions after failed attempts, and the citizen's status text.
The API is described in docs/overdracht.md."""
from wegwijs.overdracht.contact import (CLIENTONDERSTEUNER_UITLEG, MANIER_LABELS, MANIEREN, Contactvoorkeur,
                                        is_mobiel, maak_contactvoorkeur, normaliseer_telefoon, telefoon_leesbaar)
from wegwijs.overdracht.pakket import Gesprekgegevens
from wegwijs.overdracht.pogingen import (POGING_KANAAL_LABELS, POGING_KANALEN, POGING_RESULTAAT_LABELS,
                                         POGING_RESULTATEN, suggesties)
from wegwijs.overdracht.routering import alle_teams, kies_team, team_bij_id
from wegwijs.overdracht.signalen import SIGNAAL_TEKSTEN, SIGNALEN, herken_signalen, urgentie
from wegwijs.overdracht.status import STATUS_LABELS, STATUSSEN, OngeldigeStap, volgende
from wegwijs.overdracht.teksten import Stand, geen_aanvraag, na_overdracht, stand_tekst, zonder_toestemming
from wegwijs.overdracht.toestemming import (ONDERDELEN, Onderdeel, Toestemming, geef_toestemming, maak_pakket,
                                            onderdelen, toestemmingsvraag, urgentie_van_pakket)
from wegwijs.overdracht.werkdagen import feestdagen, is_werkdag, reactie_uiterlijk, te_laat

ROLLEN = ("medewerker", "coordinator")

__all__ = [
    "CLIENTONDERSTEUNER_UITLEG", "MANIER_LABELS", "MANIEREN", "ONDERDELEN", "POGING_KANAAL_LABELS", "POGING_KANALEN",
    "POGING_RESULTAAT_LABELS", "POGING_RESULTATEN", "ROLLEN", "SIGNAAL_TEKSTEN", "SIGNALEN", "STATUS_LABELS",
    "STATUSSEN", "Contactvoorkeur", "Gesprekgegevens", "OngeldigeStap", "Onderdeel", "Stand", "Toestemming",
    "alle_teams", "feestdagen", "geef_toestemming", "geen_aanvraag", "herken_signalen", "is_mobiel", "is_werkdag",
    "kies_team", "maak_contactvoorkeur", "maak_pakket", "na_overdracht", "normaliseer_telefoon", "onderdelen",
    "reactie_uiterlijk", "stand_tekst", "suggesties", "te_laat", "team_bij_id", "telefoon_leesbaar",
    "toestemmingsvraag", "urgentie", "urgentie_van_pakket", "volgende", "zonder_toestemming",
]
