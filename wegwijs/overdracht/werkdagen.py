"""Working days for response-time targets: weekends and the Dutch public holidays of the Algemene termijnenwet
(art. 3: Nieuwjaarsdag, tweede paas- en pinksterdag, beide kerstdagen, Hemelvaartsdag, Koningsdag, 5 mei; and
Goede Vrijdag, which the law counts as one) do not count. Deadlines are days in Amsterdam time."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

TIJDZONE = ZoneInfo("Europe/Amsterdam")
WACHT_OP_CONTACT = ("nieuw", "opgepakt")  # statuses in which the clock of the response target runs


def pasen(jaar: int) -> dt.date:
    """Easter Sunday (Gregorian calendar, the anonymous 'Meeus/Jones/Butcher' computation)."""
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    maand = (h + l - 7 * m + 90) // 25
    dag = (h + l - 7 * m + 33 * maand + 19) % 32
    return dt.date(jaar, maand, dag)


def _koningsdag(jaar: int) -> dt.date:
    # 27 April since 2014 (30 April before); moved to the Saturday before when it falls on a Sunday
    dag = dt.date(jaar, 4, 27) if jaar >= 2014 else dt.date(jaar, 4, 30)
    return dag - dt.timedelta(days=1) if dag.weekday() == 6 else dag


@lru_cache(maxsize=64)
def feestdagen(jaar: int) -> frozenset[dt.date]:
    paas = pasen(jaar)
    dag = dt.timedelta(days=1)
    return frozenset({
        dt.date(jaar, 1, 1), paas - 2 * dag, paas + dag, _koningsdag(jaar), dt.date(jaar, 5, 5),
        paas + 39 * dag, paas + 50 * dag, dt.date(jaar, 12, 25), dt.date(jaar, 12, 26),
    })


def is_werkdag(dag: dt.date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def lokale_datum(moment: dt.datetime) -> dt.date:
    """The day in Amsterdam of a moment; a moment without timezone is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(TIJDZONE).date()


def reactie_uiterlijk(aangemaakt: dt.datetime, werkdagen: int) -> dt.date:
    """The last day of the target: the Nth working day after the day the handoff came in."""
    dag = lokale_datum(aangemaakt)
    geteld = 0
    while geteld < werkdagen:
        dag += dt.timedelta(days=1)
        geteld += is_werkdag(dag)
    return dag


def nu_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def te_laat(uiterlijk: dt.date, status: str, nu: dt.datetime | None = None) -> bool:
    """Nobody has had contact with the person yet and the last day of the target has passed."""
    return status in WACHT_OP_CONTACT and lokale_datum(nu or nu_utc()) > uiterlijk
