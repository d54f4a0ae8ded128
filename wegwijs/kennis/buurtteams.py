"""Read and check knowledge/gemeenten/<naam>/buurtteams.yaml, reporting problems with file, line and field the way
`wegwijs kennis check` does for every other content file."""
from __future__ import annotations

import re

from wegwijs.fouten import Bevinding
from wegwijs.kennis.laden import POSTCODE_BEREIK, _Controle
from wegwijs.kennis.model import Buurtteam, Gemeente
from wegwijs.kennis.yaml_bron import YamlBestand

TEAM_VELDEN = {
    "id": True, "naam": True, "gebied": True, "postcodes": False, "algemeen": False, "telefoon": True,
    "openingstijden": True, "reactie_werkdagen": True, "website": False, "adres": False, "melding": False,
    "bron": True,
}
MELDING_VELDEN = {"webhook_url_env": False, "email_env": False}
OMGEVINGSNAAM = re.compile(r"^[A-Z][A-Z0-9_]*$")
MAX_WERKDAGEN = 20


def laad_buurtteams(bestand: YamlBestand, gemeente: Gemeente, bevindingen: list[Bevinding]) -> tuple[Buurtteam, ...]:
    c = _Controle(bestand, bevindingen)
    lijst = bestand.data.get("teams") if isinstance(bestand.data, dict) else None
    if not isinstance(lijst, list) or not lijst or set(bestand.data) != {"teams"}:
        c.fout((), "dit bestand begint met 'teams:' met daaronder een lijst van buurtteams (elk begint met '- id: ...').")
        return ()
    teams: list[Buurtteam] = []
    eigenaar_van: dict[int, str] = {}
    for i, data in enumerate(lijst):
        team = _laad_team(c, ("teams", i), data, gemeente, eigenaar_van)
        if team:
            teams.append(team)
    ids = [t.id for t in teams]
    for i, team in enumerate(teams):
        if team.id in ids[:i]:
            c.fout(("teams", i, "id"), f"het id '{team.id}' staat twee keer in dit bestand.")
    algemeen = [t for t in teams if t.algemeen]
    if len(algemeen) != 1:
        c.fout(("teams",), "zet bij precies één team 'algemeen: true': dat team helpt mensen van wie we de postcode "
                           "niet weten.")
    return tuple(teams)


def _laad_team(c: _Controle, pad: tuple, data: object, gemeente: Gemeente,
               eigenaar_van: dict[int, str]) -> Buurtteam | None:
    aantal = len(c.bevindingen)
    if not c.velden(data, pad, TEAM_VELDEN, "een buurtteam"):
        return None
    team_id = str(data.get("id", ""))
    if not re.fullmatch(rf"{gemeente.sleutel}_[a-z0-9_]+", team_id):
        c.fout(pad + ("id",), f"een id begint met '{gemeente.sleutel}_' en bestaat verder uit kleine letters, cijfers "
                              f"en _ (zoals {gemeente.sleutel}_centrum).")
    bereiken = _postcodes(c, pad, data, gemeente, team_id, eigenaar_van)
    werkdagen = data.get("reactie_werkdagen")
    if not isinstance(werkdagen, int) or isinstance(werkdagen, bool) or not 1 <= werkdagen <= MAX_WERKDAGEN:
        c.fout(pad + ("reactie_werkdagen",), f"geef een heel aantal werkdagen, van 1 tot en met {MAX_WERKDAGEN}.")
    algemeen = data.get("algemeen", False)
    if not isinstance(algemeen, bool):
        c.fout(pad + ("algemeen",), "algemeen is true of false.")
    if not bereiken and not algemeen:
        c.fout(pad, "geef de postcodes van het gebied van dit team, of zet 'algemeen: true'.")
    website = c.tekst(data, pad, "website")
    if website and not website.startswith("https://"):
        c.fout(pad + ("website",), "een link begint met https://.")
    melding = _melding(c, pad, data.get("melding"))
    teksten = {naam: c.tekst(data, pad, naam) for naam in ("naam", "gebied", "telefoon", "openingstijden", "adres")}
    bronnen = c.bronnen(data, pad)
    if len(c.bevindingen) > aantal:
        return None
    return Buurtteam(team_id, teksten["naam"], gemeente.naam, teksten["gebied"], bereiken, teksten["telefoon"],
                     teksten["openingstijden"], werkdagen, algemeen, website, teksten["adres"],
                     melding.get("webhook_url_env"), melding.get("email_env"), bronnen)


def _postcodes(c: _Controle, pad: tuple, data: dict, gemeente: Gemeente, team_id: str,
               eigenaar_van: dict[int, str]) -> tuple[tuple[int, int], ...]:
    waarde = data.get("postcodes") or []
    if not isinstance(waarde, list):
        c.fout(pad + ("postcodes",), "geef de postcodes als lijst, zoals - \"1011-1018\".")
        return ()
    bereiken = []
    for j, tekst in enumerate(waarde):
        plek = pad + ("postcodes", j)
        match = POSTCODE_BEREIK.match(str(tekst).strip())
        if not match:
            c.fout(plek, f"'{tekst}' is geen postcode of bereik. Schrijf vier cijfers, of zo: 1011-1018.")
            continue
        laag, hoog = int(match.group(1)), int(match.group(2) or match.group(1))
        if hoog < laag:
            c.fout(plek, f"in '{tekst}' staat het hoogste getal voorop. Schrijf het laagste eerst.")
            continue
        buiten = [n for n in range(laag, hoog + 1) if not gemeente.heeft_postcode(n)]
        if buiten:
            c.fout(plek, f"postcode {buiten[0]} hoort niet bij {gemeente.naam} (zie gemeente.yaml).")
        dubbel = next((n for n in range(laag, hoog + 1) if n in eigenaar_van), None)
        if dubbel is not None:
            c.fout(plek, f"postcode {dubbel} hoort al bij {eigenaar_van[dubbel]}. Een postcode hoort bij één team.")
        eigenaar_van.update({n: team_id for n in range(laag, hoog + 1)})
        bereiken.append((laag, hoog))
    return tuple(bereiken)


def _melding(c: _Controle, pad: tuple, data: object) -> dict[str, str]:
    if data is None:
        return {}
    plek = pad + ("melding",)
    if not c.velden(data, plek, MELDING_VELDEN, "de melding (webhook_url_env en/of email_env)"):
        return {}
    uit = {}
    for naam in MELDING_VELDEN:
        waarde = data.get(naam)
        if waarde is None:
            continue
        if not isinstance(waarde, str) or not OMGEVINGSNAAM.match(waarde):
            c.fout(plek + (naam,), "schrijf hier de NAAM van een omgevingsvariabele in hoofdletters (zoals "
                                   "BUURTTEAM_CENTRUM_WEBHOOK), nooit het adres of geheim zelf.")
            continue
        uit[naam] = waarde
    return uit
