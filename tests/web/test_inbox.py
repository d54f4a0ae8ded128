"""The worker inbox over HTTP, on a real server on 127.0.0.1, with a fake Rasa HTTP API beside it."""
from __future__ import annotations

import datetime as dt
import html
import re

import httpx
import pytest

from inbox_steun import (RASA_TOKEN, WACHTWOORD, aanvraag, csrf_uit, inbox_server, log_in, maak_sjabloon,
                         opslag_uit_sjabloon, start_nep_rasa, vrije_poort_zonder_server)
from web.inbox.beveiliging import Inlogrem
from web.inbox.rasa import gespreksstand

VRAAG = "Ik krijg een brief van de deurwaarder en weet niet wat ik moet doen"


@pytest.fixture(scope="module")
def sjabloon(tmp_path_factory):
    return maak_sjabloon(tmp_path_factory.mktemp("inbox"))


@pytest.fixture
def opslag_en_mensen(sjabloon, tmp_path):
    return opslag_uit_sjabloon(sjabloon, tmp_path)


@pytest.fixture
def opslag(opslag_en_mensen):
    return opslag_en_mensen[0]


@pytest.fixture
def mensen(opslag_en_mensen):
    return opslag_en_mensen[1]


@pytest.fixture
def centrum(opslag):
    return aanvraag(opslag, "amsterdam_centrum", VRAAG, "gesprek-centrum")


@pytest.fixture
def rasa():
    nep = start_nep_rasa()
    yield nep
    nep.stop()


@pytest.fixture
async def inbox(opslag, rasa):
    async with inbox_server(opslag, rasa.url) as url:
        yield url


@pytest.fixture
async def client(inbox):
    async with httpx.AsyncClient(base_url=inbox) as c:
        yield c


async def ingelogd(client, wie: str) -> str:
    """Log in and return the CSRF token of the session."""
    antwoord = await log_in(client, f"{wie}@buurtteam.test")
    assert antwoord.status_code == 303, antwoord.text
    return csrf_uit((await client.get("/inbox/")).text)


# ---- login ----

async def test_login_zet_een_veilige_sessiecookie_en_toont_de_wachtrij(client, mensen, centrum):
    antwoord = await log_in(client, "fatima@buurtteam.test")
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/inbox/"
    cookie = next(c for c in antwoord.headers.get_list("set-cookie") if c.startswith("wegwijs_inbox="))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/inbox" in cookie
    assert "Secure" not in cookie  # plain http on a developer's machine; see the next test for HTTPS
    wachtrij = await client.get("/inbox/")
    assert wachtrij.status_code == 200
    assert f'href="/inbox/{centrum.id}"' in wachtrij.text and "Fatima Yilmaz" in wachtrij.text


async def test_achter_https_zijn_de_cookies_secure(opslag, rasa, mensen):
    async with inbox_server(opslag, rasa.url, veilige_cookies=True) as url, httpx.AsyncClient(base_url=url) as c:
        formulier = await c.get("/inbox/login")
        # a client only returns a Secure cookie over HTTPS; this one is plain HTTP, so send it by hand
        login_cookie = formulier.headers["set-cookie"].split(";")[0]
        antwoord = await c.post("/inbox/login", headers={"Cookie": login_cookie}, data={
            "csrf": csrf_uit(formulier.text), "email": "fatima@buurtteam.test", "wachtwoord": WACHTWOORD})
    assert "Secure" in formulier.headers["set-cookie"]
    assert antwoord.status_code == 303
    assert all("Secure" in cookie for cookie in antwoord.headers.get_list("set-cookie"))


async def test_verkeerd_wachtwoord_geeft_geen_sessie(client, mensen):
    antwoord = await log_in(client, "fatima@buurtteam.test", "niet-het-goede-wachtwoord")
    assert antwoord.status_code == 401
    assert "Dit e-mailadres of wachtwoord klopt niet" in antwoord.text
    assert not any(c.startswith("wegwijs_inbox=") for c in antwoord.headers.get_list("set-cookie"))
    assert (await client.get("/inbox/")).headers["location"] == "/inbox/login"


async def test_zonder_sessie_naar_de_loginpagina(client, centrum):
    for pad in ("/inbox/", f"/inbox/{centrum.id}"):
        antwoord = await client.get(pad)
        assert antwoord.status_code == 303 and antwoord.headers["location"] == "/inbox/login"
    antwoord = await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": "x"})
    assert antwoord.headers["location"] == "/inbox/login"


async def test_uitloggen_beeindigt_de_sessie_op_de_server(client, mensen):
    csrf = await ingelogd(client, "fatima")
    token = client.cookies.get("wegwijs_inbox")
    antwoord = await client.post("/inbox/uitloggen", data={"csrf": csrf})
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/inbox/login"
    client.cookies.set("wegwijs_inbox", token, domain="127.0.0.1", path="/inbox")  # an old cookie, replayed
    assert (await client.get("/inbox/")).headers["location"] == "/inbox/login"


async def test_na_drie_foute_wachtwoorden_even_wachten_vanaf_dit_adres(client, mensen):
    for _ in range(3):
        assert (await log_in(client, "fatima@buurtteam.test", "fout-fout-fout-fout")).status_code == 401
    antwoord = await log_in(client, "fatima@buurtteam.test", WACHTWOORD)
    assert antwoord.status_code == 429 and "Wacht 1 minuut" in antwoord.text and "Er is niets veranderd" in antwoord.text
    assert not any(c.startswith("wegwijs_inbox=") for c in antwoord.headers.get_list("set-cookie"))


def test_inlogrem_per_adres_telt_binnen_het_venster():
    rem = Inlogrem(maximum=3, venster=60)
    for t, email in ((0, "a@x.nl"), (10, "b@x.nl"), (20, "c@x.nl")):
        assert rem.reserveer("10.0.0.1", email, t) == 0
    assert rem.reserveer("10.0.0.1", "d@x.nl", 30) == 30  # until the first attempt leaves the window
    assert rem.reserveer("10.0.0.2", "d@x.nl", 30) == 0
    assert rem.reserveer("10.0.0.1", "d@x.nl", 61) == 0


def test_inlogrem_wacht_per_account_en_adres_steeds_langer():
    rem = Inlogrem(vrij=3, eerste_wachttijd=1, max_wachttijd=8)
    assert [rem.reserveer("10.0.0.1", "fatima@x.nl", 0) for _ in range(3)] == [0, 0, 0]
    assert rem.reserveer("10.0.0.1", "Fatima@x.nl ", 0) == 1  # the same account, however it is typed
    wachten, t = [], 0.0
    for _ in range(5):
        t += rem.reserveer("10.0.0.1", "fatima@x.nl", t) or 0
        assert rem.reserveer("10.0.0.1", "fatima@x.nl", t) == 0
        wachten.append(rem.reserveer("10.0.0.1", "fatima@x.nl", t))
    assert wachten == [2, 4, 8, 8, 8]  # doubling, at most max_wachttijd
    assert rem.reserveer("10.0.0.2", "fatima@x.nl", t) == 0  # another address is not held up
    assert rem.reserveer("10.0.0.1", "sanne@x.nl", t) == 0  # nor another account from this address
    rem.gelukt("10.0.0.2", "fatima@x.nl", t)


def test_inlogrem_een_gelukte_login_telt_niet_mee():
    rem = Inlogrem(maximum=2, vrij=1)
    for t in (0, 1, 2):
        assert rem.reserveer("10.0.0.1", "fatima@x.nl", t) == 0
        rem.gelukt("10.0.0.1", "fatima@x.nl", t)
    assert rem.reserveer("10.0.0.1", "fatima@x.nl", 3) == 0


async def test_te_veel_mislukte_logins_vanaf_een_adres(opslag, rasa, mensen):
    async with inbox_server(opslag, rasa.url, inbox_inlogrem=Inlogrem(maximum=2)) as url, \
            httpx.AsyncClient(base_url=url) as client:
        for email in ("a@buurtteam.test", "b@buurtteam.test"):
            assert (await log_in(client, email, "geraden-wachtwoord")).status_code == 401
        antwoord = await log_in(client, "fatima@buurtteam.test")
    assert antwoord.status_code == 429 and "Te veel pogingen" in antwoord.text


async def test_login_zonder_geldig_formuliertoken_geweigerd(client, mensen):
    antwoord = await client.post("/inbox/login", data={"csrf": "verzonnen", "email": "fatima@buurtteam.test",
                                                       "wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 403
    assert (await client.get("/inbox/")).headers["location"] == "/inbox/login"


# ---- who sees what ----

async def test_medewerker_ziet_alleen_het_eigen_team(client, opslag, mensen, centrum):
    noord = aanvraag(opslag, "amsterdam_noord", "Mijn stroom wordt afgesloten", "gesprek-noord")
    csrf = await ingelogd(client, "jan")
    wachtrij = (await client.get("/inbox/")).text
    assert f'href="/inbox/{noord.id}"' in wachtrij and f'href="/inbox/{centrum.id}"' not in wachtrij
    antwoord = await client.get(f"/inbox/{centrum.id}")
    assert antwoord.status_code == 404 and VRAAG not in antwoord.text
    assert (await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf})).status_code == 404
    assert (await client.post(f"/inbox/{centrum.id}/notitie", data={"csrf": csrf, "tekst": "x"})).status_code == 404
    fatima = mensen["fatima"]
    assert opslag.bekijk(fatima, centrum.id).status == "nieuw"
    assert opslag.notities(fatima, centrum.id) == []
    assert all(regel.medewerker_id != mensen["jan"].id for regel in opslag.auditlog(fatima, centrum.id))


async def test_coordinator_ziet_alle_teams_van_de_gemeente_en_de_te_late(client, opslag, mensen, centrum):
    noord = aanvraag(opslag, "amsterdam_noord", "Ik moet mijn huis uit", "gesprek-noord", wachtdagen=10)
    rotterdam = aanvraag(opslag, "rotterdam_centrum", "Hulp met schulden", "gesprek-rotterdam")
    await ingelogd(client, "carla")
    wachtrij = (await client.get("/inbox/")).text
    assert f'href="/inbox/{centrum.id}"' in wachtrij and f'href="/inbox/{noord.id}"' in wachtrij
    assert f'href="/inbox/{rotterdam.id}"' not in wachtrij
    geescaleerd = wachtrij.split('id="geescaleerd"')[1].split("</ul>")[0]
    assert f'href="/inbox/{noord.id}"' in geescaleerd and f'href="/inbox/{centrum.id}"' not in geescaleerd
    assert "Te laat: geëscaleerd" in geescaleerd
    assert (await client.get(f"/inbox/{noord.id}")).status_code == 200
    assert (await client.get(f"/inbox/{rotterdam.id}")).status_code == 404


async def test_wachtrij_op_urgentie_dan_wachttijd(client, opslag, mensen):
    oud = aanvraag(opslag, "amsterdam_centrum", "Vraag over toeslagen", "g-oud", wachtdagen=1)
    nieuw_urgent = aanvraag(opslag, "amsterdam_centrum", "Er komt morgen een deurwaarder", "g-urgent")
    nieuwst = aanvraag(opslag, "amsterdam_centrum", "Vraag over de stadspas", "g-nieuw")
    await ingelogd(client, "fatima")
    wachtrij = (await client.get("/inbox/")).text
    posities = [wachtrij.index(f'href="/inbox/{o.id}"') for o in (nieuw_urgent, oud, nieuwst)]
    assert posities == sorted(posities)


# ---- CSRF ----

@pytest.mark.parametrize("token", [None, "verkeerd", "wéér-een-ander"])
async def test_post_zonder_of_met_verkeerd_csrf_token_verandert_niets(client, opslag, mensen, centrum, token):
    await ingelogd(client, "fatima")
    formulier = {"tekst": "Gebeld, geen gehoor"} | ({"csrf": token} if token else {})
    antwoord = await client.post(f"/inbox/{centrum.id}/notitie", data=formulier)
    assert antwoord.status_code == 403 and "Er is niets veranderd" in antwoord.text
    antwoord = await client.post(f"/inbox/{centrum.id}/oppakken", data=formulier)
    assert antwoord.status_code == 403
    assert opslag.notities(mensen["fatima"], centrum.id) == []
    assert opslag.bekijk(mensen["fatima"], centrum.id).status == "nieuw"


async def test_csrf_token_van_een_andere_sessie_telt_niet(inbox, opslag, mensen, centrum):
    async with httpx.AsyncClient(base_url=inbox) as sanne, httpx.AsyncClient(base_url=inbox) as fatima:
        token_van_sanne = await ingelogd(sanne, "sanne")
        await ingelogd(fatima, "fatima")
        antwoord = await fatima.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": token_van_sanne})
    assert antwoord.status_code == 403
    assert opslag.bekijk(mensen["fatima"], centrum.id).eigenaar_id is None


# ---- the packet ----

async def test_burgertekst_wordt_als_tekst_getoond(client, opslag, mensen):
    kwaad = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    o = aanvraag(opslag, "amsterdam_centrum", f"Help {kwaad}", "g-script", zorgen=(kwaad,))
    csrf = await ingelogd(client, "fatima")
    await client.post(f"/inbox/{o.id}/oppakken", data={"csrf": csrf})
    await client.post(f"/inbox/{o.id}/notitie", data={"csrf": csrf, "tekst": kwaad})
    pagina = await client.get(f"/inbox/{o.id}")
    assert "<script>" not in pagina.text and "<img" not in pagina.text
    assert html.unescape(pagina.text).count(kwaad) >= 3  # question, worry and note (and the consent text)
    assert "script-src" not in pagina.headers["content-security-policy"]  # no script may run at all
    assert pagina.headers["content-security-policy"].startswith("default-src 'none'")


async def test_eigen_woorden_bovenaan_en_elke_inzage_in_het_auditlog(client, opslag, mensen, centrum):
    await ingelogd(client, "fatima")
    await client.get("/inbox/")  # the queue shows no packet and writes no audit row
    assert opslag.auditlog(mensen["fatima"], centrum.id) == []
    for _ in range(2):
        pagina = (await client.get(f"/inbox/{centrum.id}")).text
    assert pagina.index('id="eigen-woorden"') < pagina.index("<h2>Contact</h2>")
    assert VRAAG in pagina
    bekeken = [r for r in opslag.auditlog(mensen["fatima"], centrum.id) if r.actie == "bekeken"]
    assert [r.medewerker_id for r in bekeken] == [mensen["fatima"].id] * 2


async def test_oppakken_maakt_een_eigenaar_en_een_tweede_kan_niet(inbox, opslag, mensen, centrum):
    async with httpx.AsyncClient(base_url=inbox) as fatima, httpx.AsyncClient(base_url=inbox) as sanne:
        csrf_f, csrf_s = await ingelogd(fatima, "fatima"), await ingelogd(sanne, "sanne")
        antwoord = await fatima.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf_f})
        assert antwoord.status_code == 303
        tweede = await sanne.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf_s})
    assert tweede.status_code == 400 and "al opgepakt door Fatima" in tweede.text
    o = opslag.bekijk(mensen["fatima"], centrum.id)
    assert (o.status, o.eigenaar_id) == ("opgepakt", mensen["fatima"].id)


async def test_afronden_vraagt_een_uitkomst(client, opslag, mensen, centrum):
    csrf = await ingelogd(client, "fatima")
    await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf})
    antwoord = await client.post(f"/inbox/{centrum.id}/status",
                                 data={"csrf": csrf, "status": "afgerond", "uitkomst": "  "})
    assert antwoord.status_code == 400 and "uitkomst" in antwoord.text
    assert opslag.bekijk(mensen["fatima"], centrum.id).status == "opgepakt"
    antwoord = await client.post(f"/inbox/{centrum.id}/status", data={
        "csrf": csrf, "status": "afgerond", "uitkomst": "Betalingsregeling met de deurwaarder, bijzondere bijstand aangevraagd"})
    assert antwoord.status_code == 303
    assert opslag.bekijk(mensen["fatima"], centrum.id).status == "afgerond"


async def test_contactpogingen_en_na_drie_mislukte_een_andere_manier(client, opslag, mensen, centrum):
    csrf = await ingelogd(client, "fatima")
    await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf})
    for dag in (2, 3, 4):
        antwoord = await client.post(f"/inbox/{centrum.id}/poging", data={
            "csrf": csrf, "datum": f"2026-11-0{dag}", "kanaal": "telefoon", "resultaat": "niet_opgenomen"})
        assert antwoord.status_code == 303
    pagina = (await client.get(f"/inbox/{centrum.id}")).text
    assert "Een andere manier proberen" in pagina and 'id="suggesties"' in pagina
    assert "gemotiveerd" not in pagina.lower()
    pogingen = opslag.contactpogingen(mensen["fatima"], centrum.id)
    assert [(p.datum, p.kanaal, p.resultaat) for p in pogingen][0] == (dt.date(2026, 11, 2), "telefoon", "niet_opgenomen")
    assert opslag.bekijk(mensen["fatima"], centrum.id).status == "opgepakt"  # never closed for not answering


async def test_onleesbare_datum_van_een_poging_verandert_niets(client, opslag, mensen, centrum):
    csrf = await ingelogd(client, "fatima")
    await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf})
    antwoord = await client.post(f"/inbox/{centrum.id}/poging", data={
        "csrf": csrf, "datum": "gisteren", "kanaal": "telefoon", "resultaat": "bereikt"})
    assert antwoord.status_code == 400 and "datum" in antwoord.text
    assert opslag.contactpogingen(mensen["fatima"], centrum.id) == []


# ---- coordinators: giving a handoff to a colleague, moving it to another team ----

def _verdeeld(opslag, mensen, o) -> list[str]:
    """The audit rows of assigning and moving this handoff."""
    return [r.actie for r in opslag.auditlog(mensen["carla"], o.id) if r.actie.startswith(("toegewezen", "verplaatst"))]


def _opties(pagina: str, naam: str) -> list[str]:
    """The visible choices of one select on the page (without the 'Kies ...' prompt)."""
    select = pagina.split(f'name="{naam}"')[1].split("</select>")[0]
    return [html.unescape(t) for t in re.findall(r'<option value="[^"]+">([^<]+)</option>', select)]


async def test_coordinator_geeft_de_aanvraag_aan_een_collega(client, opslag, mensen, centrum):
    csrf = await ingelogd(client, "carla")
    pagina = (await client.get(f"/inbox/{centrum.id}")).text
    assert _opties(pagina, "medewerker") == ["Carla Pinas", "Fatima Yilmaz", "Sanne de Vries"]  # not Jan of Noord
    antwoord = await client.post(f"/inbox/{centrum.id}/toewijzen",
                                 data={"csrf": csrf, "medewerker": str(mensen["sanne"].id)})
    assert antwoord.status_code == 303 and antwoord.headers["location"] == f"/inbox/{centrum.id}?gedaan=toegewezen"
    pagina = (await client.get(antwoord.headers["location"])).text
    assert "De aanvraag is toegewezen aan Sanne de Vries." in pagina
    assert "<dt>Eigenaar</dt><dd>Sanne de Vries</dd>" in pagina and "Sanne de Vries (nu eigenaar)" in pagina
    o = opslag.overdracht(mensen["sanne"], centrum.id)
    assert (o.status, o.eigenaar_id) == ("opgepakt", mensen["sanne"].id)

    await client.post(f"/inbox/{centrum.id}/toewijzen", data={"csrf": csrf, "medewerker": str(mensen["fatima"].id)})
    assert opslag.overdracht(mensen["fatima"], centrum.id).eigenaar_naam == "Fatima Yilmaz"  # a new owner, not a second
    assert _verdeeld(opslag, mensen, centrum) == [f"toegewezen aan {mensen['sanne'].id}",
                                                  f"toegewezen aan {mensen['fatima'].id}"]


async def test_coordinator_verplaatst_de_aanvraag_naar_een_ander_team(inbox, opslag, mensen, centrum):
    async with httpx.AsyncClient(base_url=inbox) as carla, httpx.AsyncClient(base_url=inbox) as fatima, \
            httpx.AsyncClient(base_url=inbox) as jan:
        csrf = await ingelogd(carla, "carla")
        await ingelogd(fatima, "fatima")
        await ingelogd(jan, "jan")
        await carla.post(f"/inbox/{centrum.id}/toewijzen", data={"csrf": csrf, "medewerker": str(mensen["fatima"].id)})
        teams = _opties((await carla.get(f"/inbox/{centrum.id}")).text, "team")
        assert teams == [t.naam for t in opslag.teams(mensen["carla"].gemeente) if t.id != "amsterdam_centrum"]
        assert "Buurtteam Noord" in teams and "Wijkteams Centrum" not in teams  # not Rotterdam's
        assert f'href="/inbox/{centrum.id}"' not in (await jan.get("/inbox/")).text

        antwoord = await carla.post(f"/inbox/{centrum.id}/verplaatsen", data={"csrf": csrf, "team": "amsterdam_noord"})
        assert antwoord.status_code == 303 and antwoord.headers["location"] == f"/inbox/{centrum.id}?gedaan=verplaatst"
        pagina = (await carla.get(antwoord.headers["location"])).text
        assert "De aanvraag is verplaatst naar Buurtteam Noord." in pagina
        assert f"Aanvraag {centrum.id} · Buurtteam Noord" in pagina
        assert _opties(pagina, "medewerker") == ["Jan Bakker"]

        assert f'href="/inbox/{centrum.id}"' not in (await fatima.get("/inbox/")).text
        assert (await fatima.get(f"/inbox/{centrum.id}")).status_code == 404
        assert f'href="/inbox/{centrum.id}"' in (await jan.get("/inbox/")).text
    o = opslag.overdracht(mensen["jan"], centrum.id)
    assert (o.team_id, o.status, o.eigenaar_id) == ("amsterdam_noord", "nieuw", None)
    assert _verdeeld(opslag, mensen, centrum)[-1] == "verplaatst naar amsterdam_noord"


async def test_medewerker_mag_niet_toewijzen_of_verplaatsen(client, opslag, mensen, centrum):
    csrf = await ingelogd(client, "fatima")
    pagina = (await client.get(f"/inbox/{centrum.id}")).text
    assert "/toewijzen" not in pagina and "/verplaatsen" not in pagina and "Werk verdelen" not in pagina
    for pad, formulier in (("toewijzen", {"medewerker": str(mensen["fatima"].id)}),
                           ("verplaatsen", {"team": "amsterdam_noord"})):
        antwoord = await client.post(f"/inbox/{centrum.id}/{pad}", data={"csrf": csrf, **formulier})
        assert antwoord.status_code == 403 and "Alleen een coördinator" in antwoord.text
    o = opslag.overdracht(mensen["fatima"], centrum.id)
    assert (o.team_id, o.status, o.eigenaar_id) == ("amsterdam_centrum", "nieuw", None)
    assert _verdeeld(opslag, mensen, centrum) == []


@pytest.mark.parametrize("wie", ["jan", "rob"])  # a worker of another team; a coordinator of another municipality
async def test_aanvraag_van_een_ander_team_verdelen_geeft_404(client, opslag, mensen, centrum, wie):
    csrf = await ingelogd(client, wie)
    for pad, formulier in (("toewijzen", {"medewerker": str(mensen[wie].id)}),
                           ("verplaatsen", {"team": mensen[wie].team_id})):
        antwoord = await client.post(f"/inbox/{centrum.id}/{pad}", data={"csrf": csrf, **formulier})
        assert antwoord.status_code == 404 and VRAAG not in antwoord.text
    o = opslag.overdracht(mensen["fatima"], centrum.id)
    assert (o.team_id, o.status, o.eigenaar_id) == ("amsterdam_centrum", "nieuw", None)
    assert _verdeeld(opslag, mensen, centrum) == []


@pytest.mark.parametrize("pad, veld, waarde, melding", [
    ("toewijzen", "medewerker", "{jan}", "Kies een medewerker van het team van deze aanvraag."),
    ("toewijzen", "medewerker", "999999", "Kies een medewerker van het team van deze aanvraag."),
    ("toewijzen", "medewerker", "Sanne", "Kies een medewerker van het team van deze aanvraag."),
    ("toewijzen", "medewerker", "99999999999999999999", "Kies een medewerker van het team van deze aanvraag."),
    ("toewijzen", "medewerker", "", "Kies een medewerker van het team van deze aanvraag."),
    ("verplaatsen", "team", "rotterdam_centrum", "Kies een team van uw eigen gemeente."),
    ("verplaatsen", "team", "bestaat_niet", "Kies een team van uw eigen gemeente."),
    ("verplaatsen", "team", "", "Kies een team van uw eigen gemeente."),
])
async def test_verkeerde_keuze_geeft_een_melding_en_verandert_niets(client, opslag, mensen, centrum, pad, veld,
                                                                   waarde, melding):
    csrf = await ingelogd(client, "carla")
    antwoord = await client.post(f"/inbox/{centrum.id}/{pad}",
                                 data={"csrf": csrf, veld: waarde.format(jan=mensen["jan"].id)})
    assert antwoord.status_code == 400 and melding in antwoord.text
    assert 'role="alert"' in antwoord.text and "Werk verdelen" in antwoord.text  # the page again, with its forms
    o = opslag.overdracht(mensen["carla"], centrum.id)
    assert (o.team_id, o.status, o.eigenaar_id) == ("amsterdam_centrum", "nieuw", None)
    assert _verdeeld(opslag, mensen, centrum) == []


async def test_afgeronde_aanvraag_toewijzen_geeft_een_melding(client, opslag, mensen, centrum):
    csrf = await ingelogd(client, "carla")
    await client.post(f"/inbox/{centrum.id}/toewijzen", data={"csrf": csrf, "medewerker": str(mensen["fatima"].id)})
    opslag.zet_status(mensen["fatima"], centrum.id, "afgerond", "Bijzondere bijstand aangevraagd")
    pagina = (await client.get(f"/inbox/{centrum.id}")).text
    assert "/toewijzen" not in pagina and "/verplaatsen" not in pagina
    antwoord = await client.post(f"/inbox/{centrum.id}/toewijzen",
                                 data={"csrf": csrf, "medewerker": str(mensen["sanne"].id)})
    assert antwoord.status_code == 400 and "Deze aanvraag is afgerond. Open hem eerst opnieuw." in antwoord.text
    o = opslag.overdracht(mensen["carla"], centrum.id)
    assert (o.status, o.eigenaar_id) == ("afgerond", mensen["fatima"].id)


@pytest.mark.parametrize("token", [None, "verkeerd"])
async def test_verdelen_zonder_geldig_csrf_token_verandert_niets(client, opslag, mensen, centrum, token):
    await ingelogd(client, "carla")
    for pad, formulier in (("toewijzen", {"medewerker": str(mensen["sanne"].id)}),
                           ("verplaatsen", {"team": "amsterdam_noord"})):
        antwoord = await client.post(f"/inbox/{centrum.id}/{pad}", data=formulier | ({"csrf": token} if token else {}))
        assert antwoord.status_code == 403 and "Er is niets veranderd" in antwoord.text
    o = opslag.overdracht(mensen["carla"], centrum.id)
    assert (o.team_id, o.status, o.eigenaar_id) == ("amsterdam_centrum", "nieuw", None)
    assert _verdeeld(opslag, mensen, centrum) == []


# ---- replying to the citizen through Rasa ----

async def test_antwoord_gaat_via_rasa_met_pauze_en_daarna_hervat(client, opslag, rasa, mensen, centrum):
    csrf = await ingelogd(client, "fatima")
    await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf})
    antwoord = await client.post(f"/inbox/{centrum.id}/bericht",
                                 data={"csrf": csrf, "tekst": "Dag, ik ben Fatima. Mag ik u morgen bellen?"})
    assert antwoord.status_code == 303
    events = rasa.events()
    assert [e["event"] for e in events] == ["pause", "bot"]
    assert all(e["_pad"] == "/conversations/gesprek-centrum/tracker/events" for e in events)
    assert all(e["_query"]["token"] == RASA_TOKEN for e in events)
    assert events[1]["text"].startswith("Fatima (Buurtteam Centrum):")
    assert "Mag ik u morgen bellen?" in events[1]["text"]
    assert events[1]["_query"]["execute_side_effects"] == "true" and events[1]["_query"]["output_channel"] == "latest"
    [bericht] = opslag.berichten(mensen["fatima"], centrum.id)
    assert bericht.bezorgd is not None
    assert opslag.bekijk(mensen["fatima"], centrum.id).bot_gepauzeerd

    rasa.tracker_events.append({"event": "user", "text": "Ja graag, na drie uur", "timestamp": 1_790_000_000})
    pagina = (await client.get(f"/inbox/{centrum.id}")).text
    assert "Ja graag, na drie uur" in pagina and "Niet bezorgd" not in pagina

    await client.post(f"/inbox/{centrum.id}/bericht", data={"csrf": csrf, "tekst": "Goed, tot morgen."})
    assert [e["event"] for e in rasa.events()] == ["pause", "bot", "bot"]  # paused once
    antwoord = await client.post(f"/inbox/{centrum.id}/teruggeven", data={"csrf": csrf})
    assert antwoord.status_code == 303
    assert rasa.events()[-1]["event"] == "resume"
    assert not opslag.bekijk(mensen["fatima"], centrum.id).bot_gepauzeerd


async def test_antwoord_blijft_bewaard_als_rasa_niet_bereikbaar_is(opslag, mensen, centrum):
    async with inbox_server(opslag, f"http://127.0.0.1:{vrije_poort_zonder_server()}") as url, \
            httpx.AsyncClient(base_url=url) as client:
        csrf = await ingelogd(client, "fatima")
        await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf})
        antwoord = await client.post(f"/inbox/{centrum.id}/bericht", data={"csrf": csrf, "tekst": "Ik bel u morgen."},
                                     follow_redirects=True)
    assert antwoord.status_code == 200
    assert "Ik bel u morgen." in antwoord.text and "Niet bezorgd" in antwoord.text
    assert "niet bereikbaar" in antwoord.text and "Opnieuw versturen" in antwoord.text
    [bericht] = opslag.berichten(mensen["fatima"], centrum.id)
    assert bericht.tekst == "Ik bel u morgen." and bericht.bezorgd is None


async def test_niet_bezorgd_antwoord_opnieuw_versturen(client, opslag, rasa, mensen, centrum):
    csrf = await ingelogd(client, "fatima")
    await client.post(f"/inbox/{centrum.id}/oppakken", data={"csrf": csrf})
    rasa.storing = True
    await client.post(f"/inbox/{centrum.id}/bericht", data={"csrf": csrf, "tekst": "Ik bel u morgen."})
    [bericht] = opslag.berichten(mensen["fatima"], centrum.id)
    assert bericht.bezorgd is None and "HTTP 500" in bericht.fout
    rasa.storing = False
    antwoord = await client.post(f"/inbox/{centrum.id}/bericht/{bericht.id}/opnieuw", data={"csrf": csrf})
    assert antwoord.status_code == 303
    [bericht] = opslag.berichten(mensen["fatima"], centrum.id)
    assert bericht.bezorgd is not None
    assert [e["text"] for e in rasa.events() if e["event"] == "bot"] == ["Fatima (Buurtteam Centrum):\nIk bel u morgen."]


async def test_zonder_rasa_token_staat_berichten_sturen_uit(opslag, rasa, mensen, centrum):
    async with inbox_server(opslag, rasa.url, rasa_token=None) as url, httpx.AsyncClient(base_url=url) as client:
        await ingelogd(client, "fatima")
        pagina = (await client.get(f"/inbox/{centrum.id}")).text
    assert "Berichten sturen staat uit" in pagina and 'action="/inbox/%d/bericht"' % centrum.id not in pagina
    assert rasa.verzoeken == []


async def test_whatsapp_buiten_het_servicevenster_wordt_gemeld(client, opslag, rasa, mensen):
    o = aanvraag(opslag, "amsterdam_centrum", VRAAG, "31612345678", kanaal="whatsapp")
    rasa.kanaal = "whatsapp"
    twee_dagen_terug = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2)).timestamp()
    rasa.tracker_events.append({"event": "user", "text": "Hallo", "timestamp": twee_dagen_terug})
    await ingelogd(client, "fatima")
    pagina = (await client.get(f"/inbox/{o.id}")).text
    assert "meer dan 24 uur geleden via WhatsApp" in pagina


def test_gespreksstand_toont_alleen_wat_de_persoon_na_de_pauze_schreef():
    stand = gespreksstand({"paused": True, "latest_input_channel": "whatsapp", "events": [
        {"event": "user", "text": "Mijn eerste vraag", "timestamp": 100.0},
        {"event": "pause", "timestamp": 200.0},
        {"event": "user", "text": "Ja, bel maar", "timestamp": 300.0},
    ]})
    assert [b.tekst for b in stand.berichten_sinds_pauze] == ["Ja, bel maar"]
    assert stand.laatste_bericht_burger == dt.datetime.fromtimestamp(300.0, dt.timezone.utc)
    assert gespreksstand({"paused": False, "events": []}).berichten_sinds_pauze == ()
