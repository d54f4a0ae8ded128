"""Handlers of the inbox. They translate HTTP to calls on wegwijs.opslag (which holds the rules and the data) and
to the Rasa client, and render server-side pages. Every POST carries a CSRF token; every packet view is audited
by the storage (`bekijk`)."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import math
import re
import time
from functools import wraps
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy.exc import SQLAlchemyError

from channels.whatsapp.venster import binnen_servicevenster
from web.inbox import weergave
from web.inbox.beveiliging import (LOGIN_COOKIE, SESSIE_COOKIE, Inlogrem, cookie_opties, csrf_klopt, csrf_token,
                                   gelijk, nieuw_token)
from web.inbox.rasa import RasaClient, RasaFout
from wegwijs import taal
from wegwijs.fouten import OngeldigeInvoer
from wegwijs.opslag import GeenToegang, NietGevonden, Opslag
from wegwijs.opslag.records import BEZORGD, MISLUKT, ONBEKEND
from wegwijs.overdracht import (POGING_KANAAL_LABELS, POGING_KANALEN, POGING_RESULTAAT_LABELS, POGING_RESULTATEN,
                                STATUS_LABELS, STATUSSEN, OngeldigeStap, volgende)

MAP = Path(__file__).parent
logger = logging.getLogger(__name__)
inbox_bp = Blueprint("inbox", url_prefix="/inbox")
inbox_bp.static("/static", str(MAP / "static"), name="inbox_static")

_templates = Environment(loader=FileSystemLoader(MAP / "templates"), autoescape=select_autoescape(["html"]),
                         trim_blocks=True, lstrip_blocks=True)
_templates.filters.update(tijdstip=weergave.tijdstip, datum=taal.datum)
_templates.globals.update(STATUS_LABELS=STATUS_LABELS, URGENTIE=weergave.URGENTIE_LABELS,
                          KANAAL_LABELS=POGING_KANAAL_LABELS, RESULTAAT_LABELS=POGING_RESULTAAT_LABELS,
                          POGING_KANALEN=POGING_KANALEN, POGING_RESULTATEN=POGING_RESULTATEN,
                          BEZORGD=BEZORGD, ONBEKEND=ONBEKEND)

# what a browser may do with these pages: only our own CSS, no scripts, no framing, no caching of personal data
BEVEILIGINGSKOPPEN = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
GESPREK_KANALEN = {"whatsapp": "WhatsApp", "rest": "de chat op de website", "socketio": "de chat op de website"}


@inbox_bp.listener("before_server_start")
async def _start(app, _loop) -> None:
    instellingen = app.ctx.instellingen
    if not hasattr(app.ctx, "opslag"):
        app.ctx.opslag = Opslag(instellingen.database_url)
        await asyncio.to_thread(app.ctx.opslag.upgrade)
    if not hasattr(app.ctx, "inbox_rasa"):
        app.ctx.inbox_rasa = RasaClient(instellingen.rasa_url, instellingen.rasa_token)
    if not hasattr(app.ctx, "inbox_inlogrem"):
        app.ctx.inbox_inlogrem = Inlogrem()


def _nu() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


async def _db(request: Request, methode: str, *args, **kwargs):
    """Storage calls are synchronous; run them off the event loop."""
    return await asyncio.to_thread(getattr(request.app.ctx.opslag, methode), *args, **kwargs)


def _pagina(naam: str, status: int = 200, **context) -> response.HTTPResponse:
    return response.html(_templates.get_template(naam).render(**context), status=status,
                         headers=BEVEILIGINGSKOPPEN)


def _naar(pad: str) -> response.HTTPResponse:
    return response.redirect(pad, status=303)


def _zet_cookie(antwoord: response.HTTPResponse, request: Request, naam: str, waarde: str, max_leeftijd: int) -> None:
    antwoord.cookies[naam] = waarde
    for sleutel, optie in cookie_opties(request.app.ctx.instellingen.veilige_cookies, max_leeftijd).items():
        antwoord.cookies[naam][sleutel] = optie


def _formulier(request: Request, veld: str) -> str:
    return (request.form.get(veld) or "").strip() if request.form else ""


def ingelogd(handler):
    """Loads the worker's session (no session: to the login page), checks the CSRF token on every POST, and turns
    'not yours to see' into 404 and 'not yours to do' into 403."""

    @wraps(handler)
    async def omhulsel(request: Request, *args, **kwargs):
        token = request.cookies.get(SESSIE_COOKIE)
        sessie = await _db(request, "sessie", token) if token else None
        if sessie is None:
            return _naar("/inbox/login")
        if request.method == "POST" and not gelijk(_formulier(request, "csrf"), sessie.csrf_token):
            return _pagina("fout.html", 403, sessie=sessie, titel="Formulier geweigerd",
                           tekst="Dit formulier is verlopen of kwam niet van deze inbox. Er is niets veranderd. "
                                 "Ga terug, laad de pagina opnieuw en probeer het nog eens.")
        try:
            return await handler(request, sessie, *args, **kwargs)
        except NietGevonden:
            return _pagina("fout.html", 404, sessie=sessie, titel="Niet gevonden",
                           tekst="Deze aanvraag bestaat niet of hoort niet bij uw team.")
        except GeenToegang as fout:
            return _pagina("fout.html", 403, sessie=sessie, titel="Niet toegestaan",
                           tekst=str(fout) or "Dit mag alleen de eigenaar van de aanvraag of een coördinator.")

    return omhulsel


# ---- login ----

@inbox_bp.get("/login")
async def login_formulier(request: Request):
    token = request.cookies.get(SESSIE_COOKIE)
    if token and await _db(request, "sessie", token):
        return _naar("/inbox/")
    return _login_pagina(request)


def _login_pagina(request: Request, fout: str | None = None, status: int = 200, email: str = ""):
    """The login form; its CSRF token is tied to a short-lived cookie, because there is no session yet."""
    login_cookie = request.cookies.get(LOGIN_COOKIE) or nieuw_token()
    antwoord = _pagina("login.html", status, csrf=csrf_token(login_cookie, request.app.ctx.instellingen.geheim),
                       fout=fout, email=email)
    _zet_cookie(antwoord, request, LOGIN_COOKIE, login_cookie, 3600)
    return antwoord


@inbox_bp.post("/login")
async def login(request: Request):
    email = _formulier(request, "email")
    geheim = request.app.ctx.instellingen.geheim
    if not csrf_klopt(request.cookies.get(LOGIN_COOKIE), _formulier(request, "csrf"), geheim):
        return _login_pagina(request, "Dit formulier is verlopen. Probeer het nog een keer.", 403, email)
    rem: Inlogrem = request.app.ctx.inbox_inlogrem
    adres = request.remote_addr or request.ip   # behind a reverse proxy: the client's address (SANIC_PROXIES_COUNT)
    nu = time.monotonic()
    # counted before the password is checked, so attempts sent at the same time are limited as well
    wachten = rem.reserveer(adres, email, nu)
    if wachten:
        minuten = math.ceil(wachten / 60)
        return _login_pagina(request, f"Te veel pogingen. Wacht {minuten} {'minuut' if minuten == 1 else 'minuten'} "
                                      f"en probeer het dan opnieuw. Er is niets veranderd.", 429, email)
    medewerker = await _db(request, "meld_aan", email, request.form.get("wachtwoord") or "")
    if medewerker is None:
        return _login_pagina(request, "Dit e-mailadres of wachtwoord klopt niet. Na een paar mislukte pogingen "
                                      "moet u even wachten voordat u het opnieuw kunt proberen.", 401, email)
    rem.gelukt(adres, email, nu)
    sessie = await _db(request, "maak_sessie", medewerker.id)
    antwoord = _naar("/inbox/")
    _zet_cookie(antwoord, request, SESSIE_COOKIE, sessie.token, int((sessie.verloopt - _nu()).total_seconds()))
    _zet_cookie(antwoord, request, LOGIN_COOKIE, "", 0)
    return antwoord


@inbox_bp.post("/uitloggen")
@ingelogd
async def uitloggen(request: Request, sessie):
    await _db(request, "beeindig_sessie", request.cookies.get(SESSIE_COOKIE))
    antwoord = _naar("/inbox/login")
    _zet_cookie(antwoord, request, SESSIE_COOKIE, "", 0)
    return antwoord


# ---- the queue ----

@inbox_bp.get("/")
@ingelogd
async def wachtrij(request: Request, sessie):
    medewerker = sessie.medewerker
    afgeronde = request.args.get("afgeronde") == "1"
    nu = _nu()
    overdrachten = await _db(request, "wachtrij", medewerker, nu=nu, afgeronde=afgeronde)
    geescaleerd = [o for o in overdrachten if o.te_laat] if medewerker.rol == "coordinator" else []
    overig = [o for o in overdrachten if o not in geescaleerd]
    return _pagina("wachtrij.html", sessie=sessie, geescaleerd=geescaleerd, overdrachten=overig,
                   afgeronde=afgeronde, wachttijd=lambda o: weergave.wachttijd(o.aangemaakt, nu))


# ---- one handoff ----

@inbox_bp.get("/<overdracht_id:int>")
@ingelogd
async def overdracht(request: Request, sessie, overdracht_id: int):
    return await _toon(request, sessie, overdracht_id, gedaan=request.args.get("gedaan", ""))


async def _toon(request: Request, sessie, overdracht_id: int, fout: str | None = None, status: int = 200,
                gedaan: str = ""):
    """The packet page. `bekijk` writes the audit row for this view."""
    medewerker = sessie.medewerker
    nu = _nu()
    o = await _db(request, "bekijk", medewerker, overdracht_id, nu=nu)
    collegas, andere_teams = [], []
    if medewerker.rol == "coordinator":  # the choices for giving the handoff to someone or moving it
        collegas = await _db(request, "medewerkers", o.team_id)
        andere_teams = [t for t in await _db(request, "teams", o.gemeente) if t.id != o.team_id]
    notities = await _db(request, "notities", medewerker, overdracht_id)
    pogingen = await _db(request, "contactpogingen", medewerker, overdracht_id)
    suggesties = await _db(request, "suggesties", medewerker, overdracht_id)
    rasa: RasaClient = request.app.ctx.inbox_rasa
    gesprek, gesprek_fout = None, None
    if rasa.ingeschakeld:
        try:
            gesprek = await rasa.stand(o.gesprek_id)
        except RasaFout as rasa_fout:
            gesprek_fout = str(rasa_fout)
        else:  # a reply whose answer never came shows as delivered once its key is in the tracker
            await _db(request, "bevestig_bezorgd", medewerker, overdracht_id, gesprek.antwoorden)
    berichten = await _db(request, "berichten", medewerker, overdracht_id)
    # WhatsApp only lets free messages through within 24 hours of the person's last message
    servicevenster = (binnen_servicevenster(gesprek.laatste_bericht_burger, nu)
                      if gesprek and gesprek.kanaal == "whatsapp" and gesprek.laatste_bericht_burger else None)
    return _pagina("overdracht.html", status, sessie=sessie, o=o, pakket=o.pakket or {}, notities=notities,
                   pogingen=pogingen, suggesties=suggesties, berichten=berichten, gesprek=gesprek,
                   gesprek_fout=gesprek_fout, servicevenster=servicevenster, rasa_aan=rasa.ingeschakeld, fout=fout,
                   bevestiging=weergave.bevestiging(gedaan, o), collegas=collegas, andere_teams=andere_teams,
                   statusknoppen=_statusknoppen(o.status), kanaal=GESPREK_KANALEN.get(o.kanaal, o.kanaal),
                   wachttijd=weergave.wachttijd(o.aangemaakt, nu), vandaag=nu.astimezone(weergave.AMSTERDAM).date())


def _statusknoppen(huidig: str) -> list[str]:
    """The statuses a worker can move to from here, as the core's rules allow (claiming has its own button)."""
    if huidig == "nieuw":
        return []
    knoppen = []
    for naar in STATUSSEN:
        try:
            volgende(huidig, naar, uitkomst="-")
        except OngeldigeStap:
            continue
        knoppen.append(naar)
    return knoppen


async def _actie(request: Request, sessie, overdracht_id: int, werk, anker: str = "", gedaan: str = ""):
    """Run one change; bad input shows the page again with the plain-Dutch reason, and nothing changed. `gedaan`
    names the confirmation the page shows after the redirect (see weergave.bevestiging)."""
    try:
        await werk()
    except OngeldigeInvoer as fout:
        return await _toon(request, sessie, overdracht_id, fout=str(fout), status=400)
    return _naar(f"/inbox/{overdracht_id}{f'?gedaan={gedaan}' if gedaan else ''}{anker}")


@inbox_bp.post("/<overdracht_id:int>/oppakken")
@ingelogd
async def oppakken(request: Request, sessie, overdracht_id: int):
    return await _actie(request, sessie, overdracht_id,
                        lambda: _db(request, "pak_op", sessie.medewerker, overdracht_id))


@inbox_bp.post("/<overdracht_id:int>/status")
@ingelogd
async def status(request: Request, sessie, overdracht_id: int):
    naar, uitkomst = _formulier(request, "status"), _formulier(request, "uitkomst") or None

    async def werk():
        o = await _db(request, "zet_status", sessie.medewerker, overdracht_id, naar, uitkomst=uitkomst)
        if o.status == "afgerond" and o.bot_gepauzeerd:
            await _geef_terug(request, sessie, o)

    return await _actie(request, sessie, overdracht_id, werk)


@inbox_bp.post("/<overdracht_id:int>/notitie")
@ingelogd
async def notitie(request: Request, sessie, overdracht_id: int):
    tekst = _formulier(request, "tekst")

    async def werk():
        if not tekst:
            raise OngeldigeInvoer("Schrijf eerst een notitie.")
        await _db(request, "voeg_notitie_toe", sessie.medewerker, overdracht_id, tekst)

    return await _actie(request, sessie, overdracht_id, werk, "#notities")


@inbox_bp.post("/<overdracht_id:int>/poging")
@ingelogd
async def poging(request: Request, sessie, overdracht_id: int):
    async def werk():
        await _db(request, "log_contactpoging", sessie.medewerker, overdracht_id, _formulier(request, "kanaal"),
                  _formulier(request, "resultaat"), datum=_datum(_formulier(request, "datum")),
                  toelichting=_formulier(request, "toelichting") or None)

    return await _actie(request, sessie, overdracht_id, werk, "#pogingen")


@inbox_bp.post("/<overdracht_id:int>/toewijzen")
@ingelogd
async def toewijzen(request: Request, sessie, overdracht_id: int):
    medewerker_id = _id(_formulier(request, "medewerker"))
    return await _actie(request, sessie, overdracht_id,
                        lambda: _db(request, "wijs_toe", sessie.medewerker, overdracht_id, medewerker_id),
                        gedaan="toegewezen")


@inbox_bp.post("/<overdracht_id:int>/verplaatsen")
@ingelogd
async def verplaatsen(request: Request, sessie, overdracht_id: int):
    team_id = _formulier(request, "team")
    return await _actie(request, sessie, overdracht_id,
                        lambda: _db(request, "verplaats", sessie.medewerker, overdracht_id, team_id),
                        gedaan="verplaatst")


def _id(tekst: str) -> int:
    """A chosen id as a number. Anything else becomes 0, which no row has: the store then refuses it with its own
    message, after its own checks of who may do this. At most 9 digits, as PostgreSQL's integer cannot hold more."""
    return int(tekst) if re.fullmatch(r"[0-9]{1,9}", tekst) else 0


def _datum(tekst: str) -> dt.date | None:
    if not tekst:
        return None
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError:
        raise OngeldigeInvoer("Deze datum kan ik niet lezen. Kies een datum in de kalender.") from None


# ---- talking to the citizen ----
# Permission before effect: every route asks the store whether this worker may act on the handoff (and stores
# what it must) before anything reaches Rasa.

@inbox_bp.post("/<overdracht_id:int>/bericht")
@ingelogd
async def bericht(request: Request, sessie, overdracht_id: int):
    tekst = _formulier(request, "tekst")

    async def werk():
        if not tekst:
            raise OngeldigeInvoer("Schrijf eerst een bericht.")
        # stored with its key before it is sent (and only if this worker may write to the person): a reply that
        # cannot be delivered is kept, and a resend carries the same key
        opgeslagen = await _db(request, "bewaar_bericht", sessie.medewerker, overdracht_id, tekst)
        o = await _db(request, "overdracht", sessie.medewerker, overdracht_id)
        await _bezorg(request, sessie, o, opgeslagen)

    return await _actie(request, sessie, overdracht_id, werk, "#gesprek")


@inbox_bp.post("/<overdracht_id:int>/bericht/<bericht_id:int>/opnieuw")
@ingelogd
async def bericht_opnieuw(request: Request, sessie, overdracht_id: int, bericht_id: int):
    """Resend a reply that is not known to be delivered, but first ask Rasa's tracker whether its key is already
    there: then it did arrive, and nothing is sent again."""
    async def werk():
        o, opgeslagen = await _db(request, "te_bezorgen", sessie.medewerker, overdracht_id, bericht_id)
        try:
            stand = await request.app.ctx.inbox_rasa.stand(o.gesprek_id)
        except RasaFout as fout:
            raise OngeldigeInvoer(f"Er is niets opnieuw verstuurd: de inbox kon niet nagaan of het bericht al is "
                                  f"aangekomen. {fout} Probeer het later opnieuw.") from None
        if opgeslagen.antwoord_id in stand.antwoorden:
            await _db(request, "markeer_bericht", sessie.medewerker, opgeslagen.id, BEZORGD)
            return
        await _bezorg(request, sessie, o, opgeslagen)

    return await _actie(request, sessie, overdracht_id, werk, "#gesprek")


async def _bezorg(request: Request, sessie, o, opgeslagen) -> None:
    """Pause the bot for this conversation (once), send the reply under its key in the name of the worker who
    wrote it, record what is known afterwards. The caller has checked that this worker may write to the person."""
    rasa: RasaClient = request.app.ctx.inbox_rasa
    medewerker = sessie.medewerker
    try:
        if not o.bot_gepauzeerd:
            await rasa.pauzeer(o.gesprek_id)
            await _db(request, "zet_bot_gepauzeerd", medewerker, o.id, True)
    except RasaFout as fout:  # the reply itself was not sent yet
        await _db(request, "markeer_bericht", medewerker, opgeslagen.id, MISLUKT, str(fout))
        return
    try:
        await rasa.stuur(o.gesprek_id, weergave.bericht_aan_burger(opgeslagen.medewerker_voornaam, o.team_naam,
                                                                    opgeslagen.tekst), opgeslagen.antwoord_id)
    except RasaFout as fout:
        await _db(request, "markeer_bericht", medewerker, opgeslagen.id, ONBEKEND if fout.onzeker else MISLUKT,
                  str(fout))
        return
    try:
        await _db(request, "markeer_bericht", medewerker, opgeslagen.id, BEZORGD)
    except SQLAlchemyError:
        # sent, but not recorded: the reply stays 'onbekend' and the page finds it in Rasa's tracker by its key
        logger.warning("Bericht %s is verstuurd, maar dat kon niet worden opgeslagen.", opgeslagen.id)


@inbox_bp.post("/<overdracht_id:int>/teruggeven")
@ingelogd
async def teruggeven(request: Request, sessie, overdracht_id: int):
    async def werk():
        o = await _db(request, "mag_wijzigen", sessie.medewerker, overdracht_id)
        await _geef_terug(request, sessie, o)

    return await _actie(request, sessie, overdracht_id, werk, "#gesprek")


@inbox_bp.post("/<overdracht_id:int>/verwijderen")
@ingelogd
async def verwijderen(request: Request, sessie, overdracht_id: int):
    """The person asked (by phone) to delete their data: owner or coordinator only, checked before anything
    happens; the conversation in Rasa is wiped first, then the handoff keeps only a tombstone."""
    async def werk():
        o = await _db(request, "mag_verwijderen", sessie.medewerker, overdracht_id)
        if _formulier(request, "bevestig") != "ja":
            raise OngeldigeInvoer("Vink eerst aan dat de persoon om verwijderen vroeg. Er is niets verwijderd.")
        if o.verwijderd is None:
            try:
                await request.app.ctx.inbox_rasa.wis(o.gesprek_id)
            except RasaFout as fout:
                raise OngeldigeInvoer(f"Het gesprek is niet gewist: {fout} Er is niets verwijderd. Probeer het "
                                      f"later opnieuw.") from None
            await _db(request, "verwijder_overdracht", sessie.medewerker, overdracht_id)

    return await _actie(request, sessie, overdracht_id, werk)


async def _geef_terug(request: Request, sessie, o) -> None:
    """Hand the conversation back to the assistant (`resume`). The caller has checked that this worker may."""
    try:
        await request.app.ctx.inbox_rasa.hervat(o.gesprek_id)
    except RasaFout as fout:
        raise OngeldigeInvoer(f"Het gesprek is niet teruggegeven aan de assistent: {fout} Probeer het later "
                              f"opnieuw.") from None
    await _db(request, "zet_bot_gepauzeerd", sessie.medewerker, o.id, False)
