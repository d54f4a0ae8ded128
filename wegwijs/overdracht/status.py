"""The statuses of a handoff and the changes between them. Nothing closes by itself: a case is closed by a
person, with an outcome, never because someone did not answer."""
from __future__ import annotations

from wegwijs.fouten import OngeldigeInvoer

NIEUW, OPGEPAKT, CONTACT_GEHAD, AFGEROND = "nieuw", "opgepakt", "contact_gehad", "afgerond"
STATUSSEN = (NIEUW, OPGEPAKT, CONTACT_GEHAD, AFGEROND)
STATUS_LABELS = {NIEUW: "nieuw", OPGEPAKT: "opgepakt", CONTACT_GEHAD: "contact gehad", AFGEROND: "afgerond"}
OVERGANGEN = {
    (NIEUW, OPGEPAKT), (OPGEPAKT, CONTACT_GEHAD), (OPGEPAKT, AFGEROND), (CONTACT_GEHAD, AFGEROND),
    (CONTACT_GEHAD, OPGEPAKT), (AFGEROND, OPGEPAKT),
}
MAX_UITKOMST = 2000


class OngeldigeStap(OngeldigeInvoer):
    """A status change that is not possible now; str() says why, in plain Dutch."""


def volgende(huidig: str, naar: str, uitkomst: str | None = None) -> str:
    """Check a status change and return the new status; raises OngeldigeStap."""
    if naar not in STATUSSEN:
        raise OngeldigeStap(f"'{naar}' is geen status. Kies uit: {', '.join(STATUS_LABELS.values())}.")
    if huidig == naar:
        raise OngeldigeStap(f"De aanvraag staat al op '{STATUS_LABELS[naar]}'.")
    if (huidig, naar) not in OVERGANGEN:
        if huidig == NIEUW:
            raise OngeldigeStap("Pak de aanvraag eerst op. Dan is duidelijk wie hem verder helpt.")
        raise OngeldigeStap(f"Van '{STATUS_LABELS.get(huidig, huidig)}' kan de aanvraag niet naar "
                            f"'{STATUS_LABELS[naar]}'.")
    if naar == AFGEROND:
        schoon = (uitkomst or "").strip()
        if not schoon:
            raise OngeldigeStap("Schrijf bij het afronden kort op wat de uitkomst is.")
        if len(schoon) > MAX_UITKOMST:
            raise OngeldigeStap(f"De uitkomst is te lang (meer dan {MAX_UITKOMST} tekens). Maak hem korter.")
    return naar
