"""A worker's round in a real browser: log in, open the handoff, claim it, log a contact attempt, reply to the
citizen (the reply arrives at a fake Rasa HTTP API). Debian's chromium through the `chromium` fixture of
conftest.py (Playwright, nothing downloaded; skipped with a reason when chromium is missing)."""
from __future__ import annotations

import pytest

from inbox_steun import (WACHTWOORD, aanvraag, inbox_server_in_draad, maak_sjabloon, opslag_uit_sjabloon,
                         start_nep_rasa)

VRAAG = "Ik heb een brief van de deurwaarder <b>gekregen</b> en durf hem niet open te maken"


@pytest.fixture
def rasa():
    nep = start_nep_rasa()
    yield nep
    nep.stop()


def test_medewerker_pakt_op_belt_en_antwoordt(chromium, rasa, tmp_path):
    opslag, _ = opslag_uit_sjabloon(maak_sjabloon(tmp_path), tmp_path)
    o = aanvraag(opslag, "amsterdam_centrum", VRAAG, "gesprek-browser")
    with inbox_server_in_draad(opslag, rasa.url) as url:
        context = chromium.new_context(viewport={"width": 390, "height": 844})  # a phone
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{url}/inbox/")
        page.get_by_label("E-mailadres").fill("fatima@buurtteam.test")
        page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()

        page.get_by_role("link", name=f"Aanvraag {o.id}").click()
        assert page.locator("#eigen-woorden").inner_text() == VRAAG  # the person's words, as text

        page.get_by_role("button", name="Oppakken").click()
        page.wait_for_selector("text=Poging vastleggen")
        assert "Fatima Yilmaz" in page.locator("dl").first.inner_text()

        page.get_by_label("Hoe").select_option("telefoon")
        page.get_by_label("Resultaat").select_option("niet_opgenomen")
        page.get_by_label("Toelichting (mag leeg)").fill("Voicemail stond uit")
        page.get_by_role("button", name="Poging vastleggen").click()
        page.wait_for_selector("text=Telefoon: niet opgenomen. Voicemail stond uit")

        page.get_by_label("Bericht aan de persoon").fill("Dag, ik ben Fatima van het buurtteam. Mag ik u bellen?")
        page.get_by_role("button", name="Versturen").click()
        page.wait_for_selector("#berichten >> text=Mag ik u bellen?")
        assert page.locator(".niet-bezorgd").count() == 0
        context.close()

    assert [e["event"] for e in rasa.events()] == ["pause", "bot"]
    [verstuurd] = [e for e in rasa.events() if e["event"] == "bot"]
    assert verstuurd["text"] == "Fatima (Buurtteam Centrum):\nDag, ik ben Fatima van het buurtteam. Mag ik u bellen?"
    assert verstuurd["_pad"] == "/conversations/gesprek-browser/tracker/events"
