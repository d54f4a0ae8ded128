"""Which buurtteam a person goes to: by postcode area first, else the municipality's team for people whose
postcode is not known."""
from __future__ import annotations

from wegwijs.kennis.model import Buurtteam, Kennisbank


def alle_teams(kennisbank: Kennisbank) -> list[Buurtteam]:
    return [team for gemeente in kennisbank.gemeenten.values() for team in gemeente.teams]


def team_bij_id(kennisbank: Kennisbank, team_id: str | None) -> Buurtteam | None:
    return next((t for t in alle_teams(kennisbank) if t.id == team_id), None)


def kies_team(kennisbank: Kennisbank, postcode: str | None = None, gemeente: str | None = None) -> Buurtteam | None:
    cijfers = "".join(ch for ch in (postcode or "")[:4] if ch.isdigit())
    if len(cijfers) == 4:
        team = next((t for t in alle_teams(kennisbank) if t.heeft_postcode(int(cijfers))), None)
        if team:
            return team
    lokaal = kennisbank.gemeente(gemeente) or (kennisbank.gemeente_bij_postcode(postcode) if postcode else None)
    return next((t for t in lokaal.teams if t.algemeen), None) if lokaal else None
