import pytest

from tests.gesprek.nep import NepKennisbank
from wegwijs.gesprek.regelingen import RegelingHerkenner, lees_synoniemen


@pytest.fixture(scope="module")
def herkenner():
    return RegelingHerkenner.uit_kennisbank(NepKennisbank())


@pytest.mark.parametrize("tekst, verwacht", [
    ("huurtoeslag", "huurtoeslag"), ("huurtoeslach", "huurtoeslag"), ("wat is huurtoeslach", "huurtoeslag"),
    ("kwijtscelding", "kwijtschelding_gemeentelijke_belastingen"),
    ("kwijtschelding", "kwijtschelding_gemeentelijke_belastingen"),
    ("zorgtoeslg", "zorgtoeslag"), ("huursubsidie", "huurtoeslag"), ("kindergeld", "kinderbijslag"),
    ("schuldhulp", "schuldhulpverlening"), ("hallo", None), ("wat is het weer", None),
])
def test_herken(herkenner, tekst, verwacht):
    assert herkenner.herken(tekst) == verwacht


def test_onbekende_ids_uit_synoniemen_genegeerd(herkenner):
    # 'aio' is in synoniemen.yaml but not in this knowledge base
    assert herkenner.herken("aio aanvulling") is None


def test_synoniemen_bestand_leesbaar():
    synoniemen = lees_synoniemen()
    assert "huurtoeslag" in synoniemen and all(isinstance(v, list) for v in synoniemen.values())


def test_meerdere(herkenner):
    assert herkenner.herken_alle("huurtoeslag en zorgtoeslag") == ["huurtoeslag", "zorgtoeslag"]
