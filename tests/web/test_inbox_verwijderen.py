"""POST /inbox/<id>/verwijderen: when the person asks by phone. Owner or coordinator only, checked before anything
happens; a confirmation; the conversation wiped in Rasa (a restart event) and the handoff left as a tombstone."""
from tests.web.test_inbox import (VRAAG, centrum, client, inbox, ingelogd, mensen, opslag,  # noqa: F401
                                  opslag_en_mensen, rasa, sjabloon)


async def test_a_colleague_cannot_delete_and_nothing_happens(client, rasa, opslag, mensen, centrum):
    csrf = await ingelogd(client, "fatima")
    await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf})
    await client.post("/inbox/logout", data={"csrf": csrf})
    client.cookies.clear()
    csrf = await ingelogd(client, "sanne")
    antwoord = await client.post(f"/inbox/{centrum.id}/verwijderen", data={"csrf": csrf, "bevestig": "ja"})
    assert antwoord.status_code == 403
    assert rasa.events() == [] and opslag.bekijk(mensen["fatima"], centrum.id).pakket["vraag"] == VRAAG


async def test_without_confirmation_or_csrf_nothing_is_deleted(client, rasa, opslag, mensen, centrum):
    csrf = await ingelogd(client, "carla")
    assert (await client.post(f"/inbox/{centrum.id}/verwijderen", data={"csrf": csrf})).status_code == 400
    assert (await client.post(f"/inbox/{centrum.id}/verwijderen", data={"bevestig": "ja"})).status_code == 403
    assert rasa.events() == [] and opslag.bekijk(mensen["carla"], centrum.id).verwijderd is None


async def test_the_owner_deletes_and_sees_the_tombstone(client, rasa, opslag, mensen, centrum):
    csrf = await ingelogd(client, "fatima")
    await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf})
    await client.post(f"/inbox/{centrum.id}/notitie", data={"csrf": csrf, "tekst": "Belt morgen terug."})
    antwoord = await client.post(f"/inbox/{centrum.id}/verwijderen", data={"csrf": csrf, "bevestig": "ja"},
                                 follow_redirects=True)
    assert antwoord.status_code == 200 and "Verwijderd op verzoek van de persoon" in antwoord.text
    assert VRAAG not in antwoord.text and "Belt morgen terug." not in antwoord.text
    assert [e["event"] for e in rasa.events()] == ["restart"]
    assert opslag.bekijk(mensen["fatima"], centrum.id).pakket == {}
    assert "Verwijderd op verzoek van de persoon" in (await client.get("/inbox/?afgeronde=1")).text
