"""WhatsApp's customer-service window: free messages only within 24 hours of the citizen's last message."""
from __future__ import annotations

from datetime import datetime, timedelta

SERVICEVENSTER = timedelta(hours=24)


def binnen_servicevenster(laatste_bericht_burger: datetime, nu: datetime) -> bool:
    """True while any message may be sent; outside it only an approved template may start the conversation again.

    Both moments must be timezone-aware. A last message that lies in the future (clocks differ) counts as inside."""
    return nu - laatste_bericht_burger < SERVICEVENSTER
