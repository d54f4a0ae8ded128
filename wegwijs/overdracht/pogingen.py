"""Contact attempts, and what to try when someone has not been reached. A person who does not answer is not
'niet gemotiveerd': often the phone is off, the number changed, or letters from instanties feel threatening."""
from __future__ import annotations

import datetime as dt

from wegwijs.overdracht.contact import Contactvoorkeur

POGING_KANALEN = ("telefoon", "whatsapp", "sms", "email", "brief", "huisbezoek", "chat")
POGING_KANAAL_LABELS = {"telefoon": "telefoon", "whatsapp": "WhatsApp", "sms": "sms", "email": "e-mail",
                        "brief": "brief", "huisbezoek": "huisbezoek", "chat": "bericht in de chat"}
POGING_RESULTATEN = ("bereikt", "niet_opgenomen", "voicemail", "bericht_gestuurd", "nummer_werkt_niet")
POGING_RESULTAAT_LABELS = {"bereikt": "bereikt", "niet_opgenomen": "niet opgenomen",
                           "voicemail": "voicemail ingesproken", "bericht_gestuurd": "bericht gestuurd, nog geen antwoord",
                           "nummer_werkt_niet": "nummer werkt niet"}
BEREIKT = "bereikt"
DREMPEL = 3


def mislukt_sinds_contact(pogingen: list[tuple[dt.date, str, str]]) -> list[tuple[dt.date, str, str]]:
    """The failed attempts after the last time the person was reached."""
    uit: list[tuple[dt.date, str, str]] = []
    for poging in sorted(pogingen, key=lambda p: p[0]):
        uit = [] if poging[2] == BEREIKT else uit + [poging]
    return uit


def suggesties(pogingen: list[tuple[dt.date, str, str]], contact: Contactvoorkeur | None,
               drempel: int = DREMPEL) -> list[str]:
    """Other ways to reach the person, after `drempel` failed attempts in a row; empty before that."""
    mislukt = mislukt_sinds_contact(pogingen)
    if len(mislukt) < drempel:
        return []
    geprobeerd = {kanaal for _, kanaal, _ in mislukt}
    uit = [f"{len(mislukt)} pogingen zonder contact. Dat gebeurt vaak: een telefoon staat uit, een nummer is "
           f"veranderd, of iemand durft niet op te nemen. Probeer het op een andere manier."]
    if "chat" not in geprobeerd:
        uit.append("Stuur een bericht in het gesprek waarin de persoon om hulp vroeg (WhatsApp of de chat). "
                   "Zeg wie u bent en dat er geen haast of verplichting is.")
    if contact and contact.telefoon and "whatsapp" not in geprobeerd and contact.manier != "whatsapp":
        uit.append("Stuur een kort WhatsApp-bericht of sms met uw naam en wanneer u belt.")
    if any(resultaat == "nummer_werkt_niet" for _, _, resultaat in mislukt):
        uit.append("Het nummer werkt niet. Vraag in de chat om een nieuw nummer.")
    tijden = {d.weekday() for d, _, _ in mislukt}
    if len(tijden) == 1:
        uit.append("Probeer een andere dag van de week, of 's avonds of in de ochtend.")
    if contact and contact.wanneer:
        uit.append(f"De persoon gaf aan: '{contact.wanneer}'. Kies een moment dat daarbij past.")
    if "brief" not in geprobeerd and "huisbezoek" not in geprobeerd:
        uit.append("Stuur een vriendelijke brief of kaart met uw naam, foto en telefoonnummer, of ga langs "
                   "op een moment dat is afgesproken.")
    if contact and contact.vertrouwenspersoon:
        uit.append("De persoon wilde iemand die hij of zij vertrouwt erbij. Vraag in de chat of u via die persoon "
                   "een afspraak mag maken.")
    uit.append("Houd de aanvraag open. Niet reageren is geen reden om af te ronden.")
    return uit
