import datetime as dt

import pytest

from wegwijs.overdracht.werkdagen import feestdagen, is_werkdag, pasen, reactie_uiterlijk, te_laat

UTC = dt.timezone.utc


@pytest.mark.parametrize("jaar, paasdag", [(2024, dt.date(2024, 3, 31)), (2025, dt.date(2025, 4, 20)),
                                           (2026, dt.date(2026, 4, 5)), (2027, dt.date(2027, 3, 28))])
def test_pasen(jaar, paasdag):
    assert pasen(jaar) == paasdag


def test_feestdagen_2026():
    assert feestdagen(2026) == {
        dt.date(2026, 1, 1), dt.date(2026, 4, 3), dt.date(2026, 4, 6), dt.date(2026, 4, 27), dt.date(2026, 5, 5),
        dt.date(2026, 5, 14), dt.date(2026, 5, 25), dt.date(2026, 12, 25), dt.date(2026, 12, 26)}


def test_koningsdag_op_zondag_is_de_zaterdag_ervoor():
    assert dt.date(2025, 4, 26) in feestdagen(2025) and dt.date(2025, 4, 27) not in feestdagen(2025)


def test_weekend_en_feestdag_tellen_niet():
    assert not is_werkdag(dt.date(2026, 11, 28))  # Saturday
    assert not is_werkdag(dt.date(2026, 4, 6))  # tweede paasdag
    assert is_werkdag(dt.date(2026, 11, 23))


@pytest.mark.parametrize("binnen, werkdagen, uiterlijk", [
    (dt.datetime(2026, 11, 23, 10, tzinfo=UTC), 2, dt.date(2026, 11, 25)),  # Monday -> Wednesday
    (dt.datetime(2026, 11, 26, 10, tzinfo=UTC), 2, dt.date(2026, 11, 30)),  # Thursday -> Monday
    (dt.datetime(2026, 11, 28, 10, tzinfo=UTC), 1, dt.date(2026, 11, 30)),  # Saturday -> Monday
    (dt.datetime(2026, 4, 2, 10, tzinfo=UTC), 2, dt.date(2026, 4, 8)),  # over Goede Vrijdag and Easter
    (dt.datetime(2026, 12, 24, 10, tzinfo=UTC), 1, dt.date(2026, 12, 28)),  # Christmas
    (dt.datetime(2026, 11, 27, 23, 30, tzinfo=UTC), 1, dt.date(2026, 11, 30)),  # already Saturday in Amsterdam
])
def test_reactie_uiterlijk(binnen, werkdagen, uiterlijk):
    assert reactie_uiterlijk(binnen, werkdagen) == uiterlijk


def test_te_laat_alleen_zolang_niemand_contact_had():
    uiterlijk = dt.date(2026, 11, 25)
    op_de_dag = dt.datetime(2026, 11, 25, 22, tzinfo=UTC)  # 23:00 in Amsterdam, still the last day
    erna = dt.datetime(2026, 11, 25, 23, 30, tzinfo=UTC)  # already the 26th in Amsterdam
    assert not te_laat(uiterlijk, "nieuw", op_de_dag)
    assert te_laat(uiterlijk, "nieuw", erna) and te_laat(uiterlijk, "opgepakt", erna)
    assert not te_laat(uiterlijk, "contact_gehad", erna) and not te_laat(uiterlijk, "afgerond", erna)
