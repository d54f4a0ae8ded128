"""Urgency and safety flags, recognised in the person's own words. The texts describe what the person said;
they are no labels or diagnoses."""
from __future__ import annotations

import re
from typing import Iterable

SIGNALEN = ("crisis", "huisuitzetting", "afsluiting", "deurwaarder")
SIGNAAL_TEKSTEN = {
    "crisis": "In het gesprek kwam iets naar voren waardoor de assistent hulp bij nood heeft genoemd "
              "(113, Veilig Thuis of 112). Vraag eerst hoe het nu gaat.",
    "huisuitzetting": "Is bang het huis uit te moeten, of heeft een brief over ontruiming gekregen.",
    "afsluiting": "Gas, stroom of water is afgesloten, of er dreigt afsluiting.",
    "deurwaarder": "Noemt een deurwaarder of beslag.",
}
_URGENTIE = {"crisis": 3, "huisuitzetting": 2, "afsluiting": 2, "deurwaarder": 1}
_PATRONEN = {
    "crisis": re.compile(r"zelfmoord|su[iï]cid|niet meer (willen )?leven|dood (willen|wil)|(een )?einde? aan "
                         r"(mijn |m'n |het |alles )?(leven )?(maken|te maken|make)|einde aan (mijn|m'n) leven|"
                         r"zie het (echt |allemaal |gewoon )?niet meer zitten|wil (er )?niet meer zijn|"
                         r"(slaat|schopt|bedreigt|mishandelt) (me|mij|ons|de kinderen)|(word|wordt|worden) "
                         r"(ik |we )?(geslagen|geschopt|bedreigd|mishandeld)|bang voor (mijn|m'n) (partner|man|vrouw|"
                         r"vriend|vriendin|ex)|mishandel|huiselijk geweld|niet veilig (thuis|meer)"),
    "huisuitzetting": re.compile(r"uitzetting|uitgezet|uit (mijn |m'n |ons |het )?huis (gezet|moeten|zetten)|"
                                 r"ontruim|op straat (komen|staan|belanden)|dakloos"),
    "afsluiting": re.compile(r"afsluit|afgesloten|(gas|stroom|licht|water|energie) (er ?af|eraf|uit)|"
                             r"geen (gas|stroom|licht|water) meer"),
    "deurwaarder": re.compile(r"deurwaarder|beslag|dwangbevel|exploot"),
}


def herken_signalen(teksten: Iterable[str | None]) -> frozenset[str]:
    gevonden = set()
    for tekst in teksten:
        klein = (tekst or "").lower()
        gevonden.update(naam for naam, patroon in _PATRONEN.items() if patroon.search(klein))
    return frozenset(gevonden)


def urgentie(signalen: Iterable[str]) -> int:
    """3 crisis, 2 eviction or disconnection, 1 bailiff, 0 none: the queue shows high first."""
    return max((_URGENTIE.get(s, 0) for s in signalen), default=0)


def gesorteerd(signalen: Iterable[str]) -> list[str]:
    return [s for s in SIGNALEN if s in set(signalen)]
