from __future__ import annotations


import pytest

from wegwijs.kennis.model import Buurtteam
from wegwijs.overdracht import Gesprekgegevens, maak_contactvoorkeur



@pytest.fixture
def team() -> Buurtteam:
    return Buurtteam("testdorp_noord", "Buurtteam Noord", "Testdorp", "Het noorden.", ((1234, 1235),), "020 123 4567",
                     "Werkdagen van 9.00 tot 17.00 uur.", 2)


@pytest.fixture
def gegevens() -> Gesprekgegevens:
    huishouden = {"aanvrager": {"leeftijd": 34}, "kinderen": [{"leeftijd": 4}, {"leeftijd": 9}],
                  "woning": {"soort": "huur", "huur_per_maand": 810}, "inkomen": {"bron": "werk", "netto_per_maand": 1450},
                  "schulden": True, "gemeente": "Testdorp"}
    uitslag = {"regelingen": [{"id": "huurtoeslag", "naam": "Huurtoeslag", "uitkomst": "waarschijnlijk_wel",
                               "redenen": ["Uw huur is niet te hoog."]}],
               "budget": {"samenvatting": ["U komt ongeveer € 120 per maand tekort."], "aannames": ["Netto inkomen."]}}
    return Gesprekgegevens(vraag="Ik weet niet meer hoe ik de huur moet betalen", huishouden=huishouden,
                           uitslag=uitslag, zorgen=("Er komt een deurwaarder langs",), signalen=frozenset({"deurwaarder"}))


@pytest.fixture
def contact():
    return maak_contactvoorkeur("bellen", "06-12345678", "na 15.00 uur", vertrouwenspersoon=True)
