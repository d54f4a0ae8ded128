"""Storage for the handoff (SQLAlchemy 1.4, Alembic migrations in migrations/) and the notification outbox.
The API is described in docs/overdracht.md."""
from wegwijs.opslag.opslag import STANDAARD_URL, GeenToegang, NietGevonden, Opslag
from wegwijs.opslag.records import (AuditRegel, Bericht, Contactpoging, Medewerker, NieuweSessie, Notitie,
                                    Overdracht, Sessie, Team)

__all__ = ["STANDAARD_URL", "AuditRegel", "Bericht", "Contactpoging", "GeenToegang", "Medewerker", "NieuweSessie",
           "NietGevonden", "Notitie", "Opslag", "Overdracht", "Sessie", "Team"]
