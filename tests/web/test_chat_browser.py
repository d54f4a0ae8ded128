"""The chat page in a real browser (Debian's Chromium via Playwright) against the fake Rasa: a conversation with
buttons, a reload, a lost connection, a narrow phone, enlarged text, a worker's message, conversation ids from the
server (and a new conversation when the server does not know the old one), no endless retries, and an axe-core
scan."""
from __future__ import annotations

import json
import time

import pytest
from nep_rasa_rest import AANBOD, OPENING_WAT, OPENING_WIE, VRAAG_HULP, NepRasa
from playwright.sync_api import Page, expect


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NIEUW_GESPREK = "Het vorige gesprek kon niet verder, daarom begint hier een nieuw gesprek."
# links open in a new window and say so to screen readers
OPENING = [OPENING_WIE, OPENING_WAT.replace("uitleg.", "uitleg (opent in een nieuw venster)."), VRAAG_HULP]


def berichten(page: Page):
    return page.locator("#gesprek .bericht__tekst")


def open_chat(page: Page) -> str:
    """Open the page, wait for the assistant's opening; returns the sender id kept in localStorage."""
    page.goto("/")
    expect(berichten(page)).to_have_text(OPENING)
    return page.evaluate("JSON.parse(localStorage.getItem('wegwijs.chat')).afzender")


def typ(page: Page, tekst: str) -> None:
    page.get_by_label("Uw bericht").fill(tekst)
    page.keyboard.press("Enter")


def wacht_tot(voorwaarde, seconden: float = 10) -> None:
    einde = time.monotonic() + seconden
    while not voorwaarde():
        assert time.monotonic() < einde, "de voorwaarde werd niet waar"
        time.sleep(0.1)


def stand(page: Page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem('wegwijs.chat'))")


def test_a_conversation_with_buttons_by_keyboard(pagina: Page, nep_rasa: NepRasa):
    afzender = open_chat(pagina)
    assert afzender.startswith("web-")
    expect(pagina.get_by_role("link", name="https://example.org/uitleg (opent in een nieuw venster)")).to_have_attribute("target", "_blank")

    typ(pagina, "wat past bij mij")
    keuzes = pagina.get_by_role("group", name="Kies een antwoord")
    expect(keuzes.get_by_role("button")).to_have_text(["Ja, graag", "Nee, nu niet"])
    expect(pagina.locator("#aankondiging")).to_contain_text(f"Wegwijs: {AANBOD} Kies: Ja, graag, Nee, nu niet.")

    # from the input field, Shift+Tab goes back to the buttons; Enter presses one
    pagina.keyboard.press("Shift+Tab")
    pagina.keyboard.press("Shift+Tab")
    expect(keuzes.get_by_role("button", name="Ja, graag")).to_be_focused()
    pagina.keyboard.press("Enter")
    expect(berichten(pagina).nth(-2)).to_have_text("Ja, graag")
    expect(berichten(pagina).last).to_have_text("Hoe oud bent u?")
    expect(pagina.get_by_label("Uw bericht")).to_be_focused()
    expect(keuzes).to_have_count(0)  # old buttons are history

    typ(pagina, "45")
    expect(pagina.get_by_role("button", name="Nee", exact=True)).to_be_visible()
    pagina.get_by_role("button", name="Nee", exact=True).click()
    expect(berichten(pagina).last).to_have_text("Goed. Waar kan ik u nog mee helpen?")
    assert nep_rasa.berichten_van(afzender) == ["/greet", "wat past bij mij", "/affirm", "45", "/deny"]
    assert pagina.locator(".bericht--burger .bericht__van").first.inner_text() == "U"


def test_an_empty_message_is_refused_in_plain_dutch(pagina: Page, nep_rasa: NepRasa):
    afzender = open_chat(pagina)
    typ(pagina, "   ")
    expect(pagina.locator("#invoer-fout")).to_have_text("Typ eerst uw bericht.")
    expect(pagina.get_by_label("Uw bericht")).to_have_attribute("aria-invalid", "true")
    assert nep_rasa.berichten_van(afzender) == ["/greet"]


def test_a_reload_keeps_the_conversation_and_the_sender(pagina: Page, nep_rasa: NepRasa):
    afzender = open_chat(pagina)
    typ(pagina, "wat past bij mij")
    expect(pagina.get_by_role("button", name="Ja, graag")).to_be_visible()
    voor = berichten(pagina).all_text_contents()

    pagina.reload()
    expect(berichten(pagina)).to_have_text(voor)
    expect(pagina.get_by_role("button", name="Ja, graag")).to_be_visible()  # still answerable
    pagina.get_by_role("button", name="Ja, graag").click()
    expect(berichten(pagina).last).to_have_text("Hoe oud bent u?")
    assert nep_rasa.berichten_van(afzender) == ["/greet", "wat past bij mij", "/affirm"]  # no second opening


def test_a_message_typed_offline_waits_survives_a_reload_and_is_delivered_once(pagina: Page, nep_rasa: NepRasa):
    afzender = open_chat(pagina)
    nep_rasa.stop()
    typ(pagina, "ben ik er nog")
    melding = pagina.get_by_role("status")
    expect(melding).to_contain_text("Verbinding weg.")
    expect(melding).to_contain_text("Uw bericht is bewaard op dit apparaat")
    expect(pagina.locator(".bericht--burger .bericht__status")).to_have_text(
        "Nog niet verstuurd. Dit gaat vanzelf als er weer verbinding is.")

    pagina.reload()  # never lost: still there, still waiting
    expect(berichten(pagina).last).to_have_text("ben ik er nog")
    expect(melding).to_contain_text("Verbinding weg.")

    nep_rasa.start()  # the page tries again by itself
    expect(berichten(pagina).last).to_have_text("U zei: ben ik er nog", timeout=20_000)
    expect(pagina.locator("#verbinding-melding")).to_be_hidden()
    expect(pagina.locator("#aankondiging")).to_contain_text("De verbinding is terug.")
    time.sleep(2)  # a late retry would show up here
    assert nep_rasa.berichten_van(afzender) == ["/greet", "ben ik er nog"]
    assert pagina.evaluate("JSON.parse(localStorage.getItem('wegwijs.chat')).wachtrij") == []


def test_two_tabs_of_one_conversation_send_a_message_once(chromium, web_server: str, nep_rasa: NepRasa):
    context = chromium.new_context(base_url=web_server)
    try:
        eerste = context.new_page()
        afzender = open_chat(eerste)
        nep_rasa.stop()
        typ(eerste, "vanuit tab een")
        expect(eerste.get_by_role("status")).to_contain_text("Verbinding weg.")
        tweede = context.new_page()
        tweede.goto("/")  # finds the waiting message and tries too
        expect(berichten(tweede).last).to_have_text("vanuit tab een")
        nep_rasa.start()
        for tab in (eerste, tweede):  # both try at once, as when the network comes back
            tab.evaluate("window.dispatchEvent(new Event('online'))")
        for tab in (eerste, tweede):
            expect(berichten(tab).filter(has_text="U zei: vanuit tab een")).to_have_count(1, timeout=20_000)
        assert nep_rasa.berichten_van(afzender).count("vanuit tab een") == 1
    finally:
        context.close()


@pytest.mark.parametrize("breedte, tekstgrootte", [(320, "100%"), (640, "200%")])
def test_usable_on_a_narrow_screen_and_with_large_text(chromium, web_server: str, nep_rasa: NepRasa,
                                                       breedte: int, tekstgrootte: str):
    context = chromium.new_context(viewport={"width": breedte, "height": 640}, base_url=web_server)
    try:
        page = context.new_page()
        open_chat(page)
        page.evaluate(f"document.documentElement.style.fontSize = '{tekstgrootte}'")
        typ(page, "wat past bij mij")
        knop = page.get_by_role("button", name="Nee, nu niet")
        knop.click()
        expect(berichten(page).last).to_have_text("Goed. Waar kan ik u nog mee helpen?")
        # no sideways scrolling (WCAG 1.4.10): nothing is wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= breedte
        for naam in ("Versturen", "Gesprek wissen"):
            vak = page.get_by_role("button", name=naam).bounding_box()
            assert vak["x"] >= 0 and vak["x"] + vak["width"] <= breedte
    finally:
        context.close()


def test_a_workers_message_appears_marked_as_from_a_person(pagina: Page, nep_rasa: NepRasa):
    afzender = open_chat(pagina)
    nep_rasa.trackers[afzender] = {"paused": True, "events": [
        {"event": "pause", "timestamp": 1000.0},
        {"event": "bot", "text": "Dag, u spreekt met Anna van het buurtteam.", "timestamp": 1001.0}]}
    pagina.reload()
    medewerker = pagina.locator(".bericht--medewerker")
    expect(medewerker).to_have_count(1)
    expect(medewerker.locator(".bericht__van")).to_have_text("Medewerker van het buurtteam")
    expect(pagina.locator("#aankondiging")).to_contain_text("Medewerker van het buurtteam: Dag, u spreekt met Anna")
    # while a worker talks the page looks again every few seconds
    nep_rasa.trackers[afzender]["events"].append({"event": "bot", "text": "Ik bel u morgen.", "timestamp": 1002.0})
    expect(medewerker).to_have_count(2, timeout=15_000)
    expect(medewerker.last.locator(".bericht__tekst")).to_have_text("Ik bel u morgen.")


def test_wiping_the_conversation(pagina: Page, nep_rasa: NepRasa):
    afzender = open_chat(pagina)
    pagina.once("dialog", lambda dialog: dialog.accept())
    pagina.get_by_role("button", name="Gesprek wissen").click()
    expect(berichten(pagina)).to_have_text(
        ["Ik heb alles gewist wat u mij in dit gesprek vertelde. Waar kan ik u mee helpen?"])
    assert nep_rasa.berichten_van(afzender) == ["/greet", "/delete_data"]


def test_after_the_assistants_session_time_the_page_starts_anew(pagina: Page, nep_rasa: NepRasa):
    afzender = open_chat(pagina)
    typ(pagina, "hallo")
    expect(berichten(pagina).last).to_have_text("U zei: hallo")
    pagina.evaluate("""() => {
        const stand = JSON.parse(localStorage.getItem('wegwijs.chat'));
        stand.actief -= 61 * 60 * 1000;
        localStorage.setItem('wegwijs.chat', JSON.stringify(stand));
    }""")
    pagina.reload()
    expect(berichten(pagina)).to_have_text(OPENING)
    assert nep_rasa.berichten_van(afzender) == ["/greet", "hallo", "/greet"]  # same sender, new session


def axe_scan(page: Page, axe_bron: str) -> list[dict]:
    page.evaluate(axe_bron)
    resultaat = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "waar": [n["target"] for n in v["nodes"]][:3]}
            for v in resultaat["violations"] if v["impact"] in ("serious", "critical")]


def test_no_serious_accessibility_problems(chromium, web_server: str, nep_rasa: NepRasa, axe_bron: str):
    context = chromium.new_context(base_url=web_server)
    try:
        page = context.new_page()
        open_chat(page)
        typ(page, "wat past bij mij")
        expect(page.get_by_role("button", name="Ja, graag")).to_be_visible()
        assert axe_scan(page, axe_bron) == []

        nep_rasa.stop()  # the notice about the lost connection, and a message waiting
        typ(page, "nog een vraag")
        expect(page.get_by_role("status")).to_contain_text("Verbinding weg.")
        assert axe_scan(page, axe_bron) == []
        nep_rasa.start()

        page.goto("/privacy")
        assert axe_scan(page, axe_bron) == []
    finally:
        context.close()


def test_the_conversation_is_kept_as_plain_json(pagina: Page, nep_rasa: NepRasa):
    """What the page keeps: the sender, the messages shown, the waiting messages; nothing else."""
    open_chat(pagina)
    stand = json.loads(pagina.evaluate("localStorage.getItem('wegwijs.chat')"))
    assert set(stand) == {"afzender", "handtekening", "berichten", "wachtrij", "actief", "medewerkerNa"}
    assert [b["van"] for b in stand["berichten"]] == ["wegwijs"] * 3 and stand["wachtrij"] == []


# ---- conversation ids from the server ---------------------------------------------------------------------

def test_the_conversation_id_comes_from_the_server_and_is_signed(pagina: Page, nep_rasa: NepRasa):
    afzender = open_chat(pagina)
    opgeslagen = stand(pagina)
    assert opgeslagen["afzender"] == afzender and afzender.startswith("web-")
    assert [wie for wie, _ in nep_rasa.ontvangen] == [afzender]  # Rasa only ever sees the signed id
    pagina.reload()
    expect(berichten(pagina)).to_have_text(OPENING)
    assert stand(pagina)["handtekening"] == opgeslagen["handtekening"]  # kept, not asked again


OUDE_AFZENDER = "web-0123456789abcdef0123456789abcdef"


def zet_gesprek(page: Page, gesprek: dict) -> None:
    page.goto("/privacy")  # same site: put a conversation in localStorage
    page.evaluate("g => localStorage.setItem('wegwijs.chat', JSON.stringify(g))", gesprek)


@pytest.mark.parametrize("handtekening", [None, "0" * 64])
def test_an_unknown_conversation_starts_anew_and_says_so(pagina: Page, nep_rasa: NepRasa, handtekening):
    """A conversation kept from before the server signed ids (no signature), or one the server does not know (a new
    server secret): the page starts a new conversation, says so once, and what the person typed is not lost."""
    oud = {"afzender": OUDE_AFZENDER, "actief": 0, "medewerkerNa": 0,
           "berichten": [{"id": "oud00001", "van": "wegwijs", "tekst": "Hoe oud bent u?"},
                         {"id": "oud00002", "van": "burger", "tekst": "ik ben 45"}],
           "wachtrij": [{"id": "oud00002", "payload": "ik ben 45"}]}
    if handtekening:
        oud["handtekening"] = handtekening
    zet_gesprek(pagina, {**oud, "actief": int(time.time() * 1000)})
    pagina.goto("/")
    expect(pagina.locator("#melding")).to_have_text(NIEUW_GESPREK)
    expect(pagina.locator("#aankondiging")).to_contain_text(NIEUW_GESPREK)
    expect(berichten(pagina)).to_have_text(OPENING)
    expect(pagina.get_by_label("Uw bericht")).to_have_value("ik ben 45")  # back in the field, not sent
    nieuw = stand(pagina)
    assert nieuw["afzender"] != OUDE_AFZENDER and nieuw["handtekening"]
    assert nep_rasa.berichten_van(OUDE_AFZENDER) == [] and nep_rasa.opgevraagd.count(OUDE_AFZENDER) == 0
    assert nep_rasa.berichten_van(nieuw["afzender"]) == ["/greet"]
    pagina.get_by_label("Uw bericht").focus()
    pagina.keyboard.press("Enter")
    expect(berichten(pagina).last).to_have_text("U zei: ik ben 45")
    expect(pagina.locator("#melding")).to_be_hidden()


def test_a_message_the_server_refuses_is_not_sent_again(pagina: Page, nep_rasa: NepRasa):
    afzender = open_chat(pagina)
    verzoeken = []
    pagina.on("request", lambda r: verzoeken.append(r) if r.url.endswith("/api/bericht") else None)
    # a message of nothing readable, waiting in the queue (typed on an older page)
    pagina.evaluate("""() => {
        const s = JSON.parse(localStorage.getItem('wegwijs.chat'));
        s.berichten.push({id: 'onleesbaar1', van: 'burger', tekst: '?'});
        s.wachtrij.push({id: 'onleesbaar1', payload: '\u0000'});
        localStorage.setItem('wegwijs.chat', JSON.stringify(s));
    }""")
    pagina.reload()
    status = pagina.locator('[data-id="onleesbaar1"] .bericht__status')
    expect(status).to_contain_text("Uw bericht bevat geen tekens die Wegwijs kan lezen.")
    pagina.evaluate("window.dispatchEvent(new Event('online'))")  # trying again does not send it either
    time.sleep(1)
    assert len(verzoeken) == 1 and stand(pagina)["wachtrij"] == []
    assert nep_rasa.berichten_van(afzender) == ["/greet"]


def test_after_server_errors_the_page_stops_trying(chromium, web_server: str, nep_rasa: NepRasa):
    """A server that keeps answering 500: a limited number of tries, then the message says it was not sent."""
    context = chromium.new_context(base_url=web_server)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.clock.install()
        open_chat(page)
        pogingen = []
        page.route("**/api/bericht", lambda route: (pogingen.append(1), route.fulfill(status=500, body="kapot")))
        typ(page, "hallo")
        expect(page.locator("#verbinding-melding")).to_be_visible()
        einde = time.monotonic() + 60
        while len(pogingen) < 13:  # the first try and 12 more; the page's clock runs 5 s at a time
            assert time.monotonic() < einde, f"{len(pogingen)} pogingen"
            page.clock.run_for(5_000)
        expect(page.locator(".bericht--burger .bericht__status")).to_have_text(
            "Het versturen lukte steeds niet. Typ uw bericht gerust opnieuw.")
        for _ in range(15):  # a quarter of an hour later: no more tries
            page.clock.run_for(60_000)
        assert len(pogingen) == 13
        assert stand(page)["wachtrij"] == []
    finally:
        context.close()
