"""From the assistant's messages to Graph API messages (pure functions)."""
from __future__ import annotations

import pytest

from channels.whatsapp.berichten import (INTERACTIEF_TEKST_MAX, KEUZE_ZONDER_TEKST, LIJST_KNOP, NUMMER_UITLEG,
                                         TEKST_MAX, alleen_inhoud, kies_uit_nummer, naar_graph, sjabloonbericht)


def knoppen(*titels: str) -> list[dict]:
    return [{"title": titel, "payload": f"/kies_{nummer}"} for nummer, titel in enumerate(titels, start=1)]


def test_tekst():
    assert naar_graph({"text": "Dag! Succes."}).berichten == [
        {"type": "text", "text": {"body": "Dag! Succes.", "preview_url": False}}]


def test_drie_korte_knoppen_worden_antwoordknoppen():
    [bericht] = naar_graph({"text": "Heeft u een partner?", "buttons": knoppen("Ja", "Nee", "Sla over")}).berichten
    assert bericht == {"type": "interactive", "interactive": {
        "type": "button", "body": {"text": "Heeft u een partner?"},
        "action": {"buttons": [{"type": "reply", "reply": {"id": "/kies_1", "title": "Ja"}},
                               {"type": "reply", "reply": {"id": "/kies_2", "title": "Nee"}},
                               {"type": "reply", "reply": {"id": "/kies_3", "title": "Sla over"}}]}}}


def test_knoptitel_van_precies_20_tekens_mag():
    [bericht] = naar_graph({"text": "Kies", "buttons": knoppen("x" * 20)}).berichten
    assert bericht["interactive"]["type"] == "button"


@pytest.mark.parametrize("titels", [("Een", "Twee", "Drie", "Vier"), ("Ja", "x" * 21)])
def test_meer_dan_drie_of_te_lange_titels_worden_een_lijst(titels):
    verzending = naar_graph({"text": "Waar gaat uw vraag over?", "buttons": knoppen(*titels)})
    [bericht] = verzending.berichten
    assert bericht["interactive"]["type"] == "list"
    assert bericht["interactive"]["action"]["button"] == LIJST_KNOP
    assert bericht["interactive"]["action"]["sections"] == [
        {"rows": [{"id": f"/kies_{n}", "title": titel} for n, titel in enumerate(titels, start=1)]}]
    assert verzending.keuzes == []


def test_tien_rijen_mogen_in_een_lijst():
    [bericht] = naar_graph({"text": "Kies", "buttons": knoppen(*[f"Keuze {n}" for n in range(10)])}).berichten
    assert len(bericht["interactive"]["action"]["sections"][0]["rows"]) == 10


@pytest.mark.parametrize("titels", [[f"Keuze {n}" for n in range(11)], ["Kort", "y" * 25]])
def test_anders_genummerde_tekst_en_de_keuzes_om_het_nummer_te_begrijpen(titels):
    verzending = naar_graph({"text": "Welke regeling bedoelt u?", "buttons": knoppen(*titels)})
    [bericht] = verzending.berichten
    regels = [f"{n}. {titel}" for n, titel in enumerate(titels, start=1)]
    assert bericht["text"]["body"] == "Welke regeling bedoelt u?\n\n" + "\n".join(regels) + f"\n\n{NUMMER_UITLEG}"
    assert verzending.keuzes == [f"/kies_{n}" for n in range(1, len(titels) + 1)]


def test_dubbele_payloads_kunnen_niet_als_knop():
    verzending = naar_graph({"text": "Kies", "buttons": [{"title": "Ja", "payload": "ja"}, {"title": "Ja hoor", "payload": "ja"}]})
    assert verzending.berichten[0]["type"] == "text" and verzending.keuzes == ["ja", "ja"]


def test_knop_zonder_payload_gebruikt_de_titel_en_quick_replies_werken_als_knoppen():
    [bericht] = naar_graph({"text": "Kies", "quick_replies": [{"title": "Huur"}]}).berichten
    assert bericht["interactive"]["action"]["buttons"][0]["reply"] == {"id": "Huur", "title": "Huur"}


def test_lange_tekst_bij_knoppen_gaat_eerst_apart():
    lang = "Uitleg. " * (INTERACTIEF_TEKST_MAX // 8 + 1)
    eerste, tweede = naar_graph({"text": lang, "buttons": knoppen("Ja", "Nee")}).berichten
    assert eerste["text"]["body"] == lang.strip()
    assert tweede["interactive"]["body"]["text"] == KEUZE_ZONDER_TEKST


def test_knoppen_zonder_tekst_krijgen_een_korte_vraag():
    [bericht] = naar_graph({"buttons": knoppen("Ja", "Nee")}).berichten
    assert bericht["interactive"]["body"]["text"] == KEUZE_ZONDER_TEKST


def test_te_lange_tekst_wordt_bij_alinea_gesplitst():
    alinea = "a" * 3000
    berichten = naar_graph({"text": f"{alinea}\n\n{alinea}\n\n{'b' * (TEKST_MAX + 10)}"}).berichten
    assert [len(b["text"]["body"]) for b in berichten] == [3000, 3000, TEKST_MAX, 10]


def test_afbeelding_en_eigen_whatsapp_bericht():
    eigen = {"type": "location", "location": {"latitude": 52.37, "longitude": 4.89, "name": "Buurtteam"}}
    berichten = naar_graph({"text": "Hier zit het buurtteam.", "image": "https://example.org/kaart.png",
                            "custom": {"whatsapp": eigen, "web": {"type": "kaart"}}}).berichten
    assert [b["type"] for b in berichten] == ["text", "image", "location"]
    assert berichten[1]["image"] == {"link": "https://example.org/kaart.png"}
    assert berichten[2] == eigen


def test_custom_data_voor_een_ander_kanaal_wordt_niet_verstuurd():
    assert naar_graph({"text": "Dag", "custom": {"type": "overdracht", "status": "nieuw"}}).berichten == [
        {"type": "text", "text": {"body": "Dag", "preview_url": False}}]


def test_alleen_inhoud_laat_rasas_administratie_weg():
    assert alleen_inhoud({"recipient_id": "31612345678", "text": "Dag", "buttons": [], "image": None,
                          "utter_action": "utter_goodbye"}) == {"text": "Dag"}


def test_sjabloon():
    assert sjabloonbericht("wegwijs_opvolging", "nl") == {
        "type": "template", "template": {"name": "wegwijs_opvolging", "language": {"code": "nl"}}}


@pytest.mark.parametrize("tekst, verwacht", [("2", "/b"), (" 3. ", "/c"), ("1", "/a"), ("4", "4"), ("0", "0"),
                                             ("2 kinderen", "2 kinderen"), ("twee", "twee")])
def test_kies_uit_nummer(tekst, verwacht):
    assert kies_uit_nummer(tekst, ["/a", "/b", "/c"]) == verwacht


def test_zonder_keuzes_blijft_een_nummer_een_nummer():
    assert kies_uit_nummer("2", []) == "2"
