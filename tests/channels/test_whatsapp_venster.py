"""The 24-hour customer-service window."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from channels.whatsapp.venster import binnen_servicevenster

LAATSTE = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("later, binnen", [
    (timedelta(0), True),
    (timedelta(hours=23, minutes=59, seconds=59), True),
    (timedelta(hours=24), False),
    (timedelta(days=3), False),
    (timedelta(minutes=-5), True),  # clocks that differ a little
])
def test_binnen_servicevenster(later, binnen):
    assert binnen_servicevenster(LAATSTE, LAATSTE + later) is binnen


def test_tijdzones_tellen_mee():
    amsterdam = timezone(timedelta(hours=1))
    assert binnen_servicevenster(LAATSTE, datetime(2026, 11, 21, 10, 29, tzinfo=amsterdam))
    assert not binnen_servicevenster(LAATSTE, datetime(2026, 11, 21, 10, 30, tzinfo=amsterdam))
