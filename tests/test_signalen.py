"""Safety signals in the person's own words (wegwijs.overdracht.signalen): the worker sees them first."""
import pytest

from wegwijs.overdracht.signalen import herken_signalen


@pytest.mark.parametrize("tekst", [
    "ik wil er een eind aan maken", "ik wil er een einde aan maken", "ik zie het niet meer zitten",
    "ik zie het echt niet meer zitten", "ik word geslagen", "we worden bedreigd", "ik ben bang voor mijn partner",
    "ik ben bang voor m'n ex", "mijn man slaat me", "mijn ex bedreigt mij", "ik wil niet meer zijn",
    "ik wil niet meer leven", "ik ben niet veilig thuis", "ik ben niet veilig meer", "IK WORD MISHANDELD",
])
def test_crisis_in_many_wordings(tekst):
    assert herken_signalen([tekst]) == {"crisis"}


@pytest.mark.parametrize("tekst", ["ik zie het somber in maar het gaat wel", "een eind aan de schulden maken",
                                   "mijn man is bang voor brieven", "ik ben bang dat ik moet terugbetalen"])
def test_worries_that_are_no_crisis(tekst):
    assert "crisis" not in herken_signalen([tekst])
