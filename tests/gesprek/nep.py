"""A small fake knowledge base for the conversation tests (the real one is tested in tests/test_regels.py)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class NepRegeling:
    id: str
    naam: str
    uitleg: str = "Uitleg. Tweede zin."
    voor_wie: str = "Voor wie."
    aanvragen: dict = field(default_factory=lambda: {"hoe": "Zo vraagt u het aan.", "link": "https://x.nl",
                                                     "telefoon": "0800-0543"})
    klaarleggen: tuple = ("Uw DigiD.", "Uw IBAN.")
    terugbetalen: str = "U krijgt het vooraf. Was uw inkomen hoger, dan betaalt u terug."
    wijzigingen_doorgeven: tuple = ("Uw inkomen verandert.",)
    bezwaar: str | None = "Binnen 6 weken bezwaar maken."
    gemeente: str | None = None
    bedrag_toelichting: str | None = None


@dataclass
class NepGemeente:
    naam: str
    contact: dict
    ook_genoemd: tuple = ()


class NepKennisbank:
    def __init__(self):
        self._landelijk = [NepRegeling("huurtoeslag", "Huurtoeslag"), NepRegeling("zorgtoeslag", "Zorgtoeslag"),
                           NepRegeling("kinderbijslag", "Kinderbijslag")]
        self._rotterdam = [NepRegeling("kwijtschelding_gemeentelijke_belastingen", "Kwijtschelding afvalstoffenheffing",
                                       gemeente="Rotterdam"),
                           NepRegeling("schuldhulpverlening", "Hulp bij schulden", uitleg="De gemeente helpt gratis.",
                                       gemeente="Rotterdam")]
        self.gemeenten = {"rotterdam": NepGemeente("Rotterdam", {"telefoon": "14 010",
                                                                 "openingstijden": "Werkdagen 8 tot 17 uur."}),
                          "amsterdam": NepGemeente("Amsterdam", {"telefoon": "14 020"})}

    def regelingen(self, gemeente, peildatum):
        return self._landelijk + (self._rotterdam if gemeente and gemeente.lower() == "rotterdam" else [])

    def regeling(self, id, gemeente=None, peildatum=None):
        return next((r for r in self.regelingen(gemeente, peildatum) if r.id == id), None)

    def gemeente_bij_postcode(self, postcode):
        cijfers = int(postcode[:4])
        if 3000 <= cijfers <= 3099:
            return self.gemeenten["rotterdam"]
        if 1011 <= cijfers <= 1109:
            return self.gemeenten["amsterdam"]
        return None
