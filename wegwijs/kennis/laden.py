"""Load the knowledge base from YAML and check every file, reporting problems in words a content editor uses."""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import string
import unicodedata
from pathlib import Path
from typing import Any, Callable

from wegwijs.fouten import Bevinding
from wegwijs.kennis.formule import Formule, FormuleFout, compileer, constante
from wegwijs.kennis.model import (UITKOMSTEN, Bron, EenVanDeze, Feit, Gemeente, Kennisbank, KindThuis, Norm, Regeling,
                                  Voorwaarde)
from wegwijs.kennis.yaml_bron import Pad, YamlBestand, als_json, lees

STANDAARD_MAP = Path(__file__).resolve().parents[2] / "knowledge"

EENHEDEN = ("euro", "euro_per_maand", "euro_per_jaar", "euro_per_kwartaal", "jaar", "procent", "factor", "getal")
SOORTEN = ("geld", "geld_jaar", "bedrag", "jaren", "getal", "procent", "ja_nee", "woord")
NUMERIEK = {"geld", "geld_jaar", "bedrag", "jaren", "getal", "procent"}
TOETSEN = ("minimaal", "maximaal", "is", "een_van")
PLAATSHOUDERS = frozenset({"waarde", "grens", "verschil"})
VOORWAARDE_VELDEN = ("feit", *TOETSEN, "kind_thuis", "bij_niet_voldaan", "reden_wel", "reden_niet")
KIND_THUIS_VOORBEELD = "kind_thuis: {van: 4, tot: 11} (er woont een kind van 4 tot en met 11 jaar bij u)"
ID_PATROON = re.compile(r"^[a-z][a-z0-9_]*$")
POSTCODE_BEREIK = re.compile(r"^([1-9][0-9]{3})(?:\s*-\s*([1-9][0-9]{3}))?$")

REGELING_VELDEN = {
    "id": True, "naam": True, "uitvoerder": False, "geldig_vanaf": True, "geldig_tot": False,
    "laatst_gecontroleerd": True, "bron": True, "uitleg": True, "voor_wie": True, "voorwaarden": True,
    "bedrag_per_maand": False, "bedrag_toelichting": False, "aanvragen": True, "klaarleggen": True,
    "terugbetalen": True, "wijzigingen_doorgeven": True, "bezwaar": False, "stopt": False,
    "reden_geen_bedrag": False,
}
NORM_VELDEN = {"beschrijving": True, "eenheid": True, "per": False, "waarden": True, "bron": True, "bekend_tot": False,
               "nagekeken": False}
FEIT_VELDEN = {"label": True, "soort": True, "wel": False, "niet": False, "waarden": False, "geschat": False}
GEMEENTE_VELDEN = {"naam": True, "website": False, "postcodes": True, "contact": True, "bron": True,
                   "ook_genoemd": False}
TEST_VELDEN = {"naam": True, "huishouden": True, "verwacht": True}
VERWACHT_VELDEN = {"uitkomst": True, "bedrag_per_maand": False, "redenen_bevatten": False}


class _Controle:
    """Collects findings for one file while turning its data into model objects."""

    def __init__(self, bestand: YamlBestand, bevindingen: list[Bevinding]):
        self.bestand = bestand
        self.bevindingen = bevindingen

    def fout(self, pad: Pad, melding: str) -> None:
        self.bevindingen.append(self.bestand.bevinding(pad, melding))

    def velden(self, data: Any, pad: Pad, velden: dict[str, bool], wat: str) -> bool:
        if not isinstance(data, dict):
            self.fout(pad, f"hier hoort {wat} te staan, met velden als 'naam: ...' onder elkaar.")
            return False
        for naam in data:
            if str(naam) not in velden:
                self.fout(pad + (str(naam),), f"onbekend veld '{naam}'.{_bedoelt(str(naam), velden)}")
        for naam, nodig in velden.items():
            if nodig and data.get(naam) in (None, "", [], {}):
                self.fout(pad, f"het veld '{naam}' ontbreekt of is leeg.")
        return True

    def tekst(self, data: dict, pad: Pad, naam: str) -> str | None:
        waarde = data.get(naam)
        if waarde is None:
            return None
        if not isinstance(waarde, str) or not waarde.strip():
            self.fout(pad + (naam,), "hier hoort een tekst te staan.")
            return None
        return " ".join(waarde.split()) if "\n" not in waarde.strip() else waarde.strip()

    def teksten(self, data: dict, pad: Pad, naam: str) -> tuple[str, ...]:
        waarde = data.get(naam)
        if waarde is None:
            return ()
        if not isinstance(waarde, list):
            self.fout(pad + (naam,), "hier hoort een lijst te staan: elke regel begint met '- ' en een tekst.")
            return ()
        goed = True
        for i, tekst in enumerate(waarde):
            if isinstance(tekst, dict):
                self.fout(pad + (naam, i), "in deze tekst staat een dubbele punt met een spatie erna (': '). "
                                           "Zet de hele tekst tussen aanhalingstekens, of gebruik geen dubbele punt.")
                goed = False
            elif not isinstance(tekst, str) or not tekst.strip():
                self.fout(pad + (naam, i), "hier hoort een tekst te staan.")
                goed = False
        return tuple(" ".join(t.split()) for t in waarde) if goed else ()

    def datum(self, data: dict, pad: Pad, naam: str) -> dt.date | None:
        waarde = data.get(naam)
        if waarde is None:
            return None
        if isinstance(waarde, dt.datetime):
            return waarde.date()
        if isinstance(waarde, dt.date):
            return waarde
        self.fout(pad + (naam,), f"hier hoort een datum te staan als 2026-01-01 (jaar-maand-dag), niet '{waarde}'.")
        return None

    def bronnen(self, data: dict, pad: Pad) -> tuple[Bron, ...]:
        waarde = data.get("bron")
        if waarde is None:
            return ()
        if isinstance(waarde, dict):
            waarde = [waarde]
        if not isinstance(waarde, list):
            self.fout(pad + ("bron",), "geef de bron als lijst met 'titel' en 'url'.")
            return ()
        bronnen = []
        for i, item in enumerate(waarde):
            plek = pad + ("bron", i)
            if not self.velden(item, plek, {"titel": True, "url": False, "geraadpleegd": False, "gepubliceerd": False}, "een bron"):
                continue
            url = item.get("url")
            if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
                self.fout(plek + ("url",), "een link begint met https://.")
            bronnen.append(Bron(str(item.get("titel", "")), url, self.datum(item, plek, "geraadpleegd"),
                                self.datum(item, plek, "gepubliceerd")))
        return tuple(bronnen)


def _bedoelt(naam: str, opties: Any) -> str:
    gelijk = difflib.get_close_matches(naam, list(opties), n=1, cutoff=0.6)
    return f" Bedoelt u '{gelijk[0]}'?" if gelijk else ""


def _is_getal(waarde: Any) -> bool:
    return isinstance(waarde, (int, float)) and not isinstance(waarde, bool)


# --- facts -----------------------------------------------------------------------------------------------------

def _laad_feiten(bestand: YamlBestand, bevindingen: list[Bevinding]) -> dict[str, Feit]:
    c = _Controle(bestand, bevindingen)
    feiten: dict[str, Feit] = {}
    if not isinstance(bestand.data, dict):
        c.fout((), "dit bestand hoort een lijst van feiten te zijn: 'naam:' met daaronder label en soort.")
        return feiten
    for naam, data in bestand.data.items():
        pad = (str(naam),)
        if not c.velden(data, pad, FEIT_VELDEN, "een feit"):
            continue
        soort = data.get("soort")
        if soort not in SOORTEN:
            c.fout(pad + ("soort",), f"soort moet een van deze zijn: {', '.join(SOORTEN)}.")
        waarden = data.get("waarden") or []
        feiten[str(naam)] = Feit(str(naam), str(data.get("label", naam)), str(soort), c.tekst(data, pad, "wel"),
                                 c.tekst(data, pad, "niet"), tuple(str(w) for w in waarden), bool(data.get("geschat")))
    return feiten


# --- norms -----------------------------------------------------------------------------------------------------

def _laad_normen(bestand: YamlBestand, groep: str, feiten: dict[str, Feit],
                 bevindingen: list[Bevinding]) -> dict[str, Norm]:
    c = _Controle(bestand, bevindingen)
    normen: dict[str, Norm] = {}
    if not isinstance(bestand.data, dict):
        c.fout((), "dit bestand hoort normen te bevatten: 'naam:' met daaronder beschrijving, eenheid, waarden, bron.")
        return normen
    for naam, data in bestand.data.items():
        pad = (str(naam),)
        if not c.velden(data, pad, NORM_VELDEN, "een norm"):
            continue
        if data.get("eenheid") not in EENHEDEN:
            c.fout(pad + ("eenheid",), f"eenheid moet een van deze zijn: {', '.join(EENHEDEN)}.")
        per = data.get("per") or ()
        per = (per,) if isinstance(per, str) else tuple(per)
        for feit in per:
            if feit not in feiten or feiten[feit].soort != "woord":
                c.fout(pad + ("per",), f"'{feit}' is geen feit met woorden als waarde.{_bedoelt(str(feit), feiten)}")
                per = ()
        waarden = data.get("waarden")
        if not isinstance(waarden, dict) or not waarden:
            c.fout(pad + ("waarden",), "geef de waarden per datum, zoals '2026-01-01: 1234.56'.")
            continue
        rij: list[tuple[dt.date, Any]] = []
        for datum, waarde in waarden.items():
            plek = pad + ("waarden", str(datum))
            if not isinstance(datum, dt.date):
                c.fout(plek, f"'{datum}' is geen datum. Schrijf de startdatum als 2026-01-01.")
                continue
            if _controleer_normwaarde(c, plek, waarde, per, feiten):
                rij.append((datum, waarde))
        rij.sort(key=lambda paar: paar[0])
        bekend_tot = c.datum(data, pad, "bekend_tot")
        if bekend_tot and rij and bekend_tot < rij[-1][0]:
            c.fout(pad + ("bekend_tot",), f"bekend_tot ({bekend_tot}) ligt vóór de laatste waarde ({rij[-1][0]}).")
        nagekeken = data.get("nagekeken", True)
        if nagekeken not in (True, False):
            c.fout(pad + ("nagekeken",), "schrijf 'nagekeken: false' als u de waarde niet in een officiële bron kon "
                                         "nakijken, of laat het weg.")
        normen[f"{groep}.{naam}"] = Norm(f"{groep}.{naam}", str(data.get("beschrijving", "")), str(data.get("eenheid")),
                                         per, tuple(d for d, _ in rij), tuple(w for _, w in rij), c.bronnen(data, pad),
                                         bekend_tot, nagekeken is not False)
    return normen


def _controleer_normwaarde(c: _Controle, pad: Pad, waarde: Any, per: tuple[str, ...], feiten: dict[str, Feit]) -> bool:
    if not per:
        if _is_getal(waarde):
            return True
        c.fout(pad, f"hier hoort een getal te staan (met een punt voor de centen: 1234.56), niet '{waarde}'.")
        return False
    if not isinstance(waarde, dict):
        c.fout(pad, f"deze norm verschilt per {per[0]}: geef een waarde voor elk van "
                    f"{', '.join(feiten[per[0]].waarden)}.")
        return False
    goed = True
    for sleutel, deel in waarde.items():
        if str(sleutel) not in feiten[per[0]].waarden:
            c.fout(pad + (str(sleutel),), f"'{sleutel}' is geen waarde van {per[0]}.{_bedoelt(str(sleutel), feiten[per[0]].waarden)}")
            goed = False
        elif not _controleer_normwaarde(c, pad + (str(sleutel),), deel, per[1:], feiten):
            goed = False
    return goed


# --- schemes ---------------------------------------------------------------------------------------------------

class _Namen:
    """What a condition or formula may refer to."""

    def __init__(self, feiten: dict[str, Feit], normen: dict[str, Norm]):
        self.feiten = feiten
        self.normen = normen

    def formule(self, c: _Controle, pad: Pad, waarde: Any) -> Formule | None:
        if _is_getal(waarde):
            return constante(waarde)
        if not isinstance(waarde, str):
            c.fout(pad, "hier hoort een getal, een norm (zoals zorgtoeslag.vermogensgrens) of een formule te staan.")
            return None
        try:
            formule = compileer(waarde)
        except FormuleFout as fout:
            c.fout(pad, f"{fout}")
            return None
        onbekend = [n for n in formule.namen if n not in self.feiten and n not in self.normen]
        for naam in sorted(onbekend):
            soort = "de norm" if "." in naam else "het feit"
            c.fout(pad, f"{soort} '{naam}' bestaat niet.{_bedoelt(naam, list(self.feiten) + list(self.normen))}")
        return None if onbekend else formule


def _laad_voorwaarde(c: _Controle, pad: Pad, data: Any, namen: _Namen) -> Voorwaarde | KindThuis | EenVanDeze | None:
    if isinstance(data, dict) and "een_van_deze" in data:
        onderdelen = data["een_van_deze"]
        if set(data) != {"een_van_deze"} or not isinstance(onderdelen, list) or len(onderdelen) < 2:
            c.fout(pad, "'een_van_deze' staat alleen, met daaronder een lijst van minstens twee voorwaarden.")
            return None
        delen = [_laad_voorwaarde(c, pad + ("een_van_deze", i), d, namen) for i, d in enumerate(onderdelen)]
        return EenVanDeze(tuple(delen)) if all(delen) else None
    if not c.velden(data, pad, dict.fromkeys(VOORWAARDE_VELDEN, False),
                    "een voorwaarde (feit: ... met minimaal, maximaal, is of een_van, of kind_thuis: ...)"):
        return None
    if "kind_thuis" in data:
        return _laad_kind_thuis(c, pad, data)
    if data.get("feit") in (None, ""):
        c.fout(pad, "een voorwaarde begint met 'feit:' en een feit uit feiten.yaml, of met 'kind_thuis:'.")
        return None
    feit = namen.feiten.get(str(data.get("feit")))
    if feit is None:
        c.fout(pad + ("feit",), f"het feit '{data.get('feit')}' bestaat niet.{_bedoelt(str(data.get('feit')), namen.feiten)} "
                                f"De feiten staan in feiten.yaml.")
        return None
    toetsen = [t for t in TOETSEN if t in data]
    if len(toetsen) != 1:
        c.fout(pad, "geef precies één toets: minimaal, maximaal, is of een_van.")
        return None
    toets = toetsen[0]
    plek = pad + (toets,)
    grens: Formule | tuple | None
    if toets in ("minimaal", "maximaal"):
        if feit.soort not in NUMERIEK:
            c.fout(plek, f"'{feit.naam}' is geen getal; gebruik 'is' of 'een_van'.")
            return None
        grens = namen.formule(c, plek, data[toets])
    else:
        waarden = data[toets] if toets == "een_van" else [data[toets]]
        if toets == "een_van" and (not isinstance(waarden, list) or not waarden):
            c.fout(plek, "geef bij een_van een lijst, zoals [huur, inwonend].")
            return None
        grens = tuple(waarden)
        for waarde in waarden:
            if not _past_bij_feit(feit, waarde):
                c.fout(plek, _uitleg_waarden(feit, waarde))
                grens = None
        if toets == "is":
            grens = constante(waarden[0]) if grens else None
    gevolg = _gevolg(c, pad, data, PLAATSHOUDERS)
    if grens is None:
        return None
    return Voorwaarde(feit.naam, toets, grens, **gevolg)


def _laad_kind_thuis(c: _Controle, pad: Pad, data: dict) -> KindThuis | None:
    aantal = len(c.bevindingen)
    if samen := [k for k in ("feit", *TOETSEN) if k in data]:
        c.fout(pad, f"'kind_thuis' en '{samen[0]}' staan in dezelfde voorwaarde. Maak er twee voorwaarden van, "
                    f"elk met een eigen '- '.")
    plek = pad + ("kind_thuis",)
    leeftijden = data["kind_thuis"]
    van = tot = None
    if not isinstance(leeftijden, dict):
        c.fout(plek, f"schrijf de leeftijden zo: {KIND_THUIS_VOORBEELD}.")
    else:
        c.velden(leeftijden, plek, {"van": False, "tot": False}, "de leeftijden")  # names a mistyped key
        if leeftijden.get("van") is None or leeftijden.get("tot") is None:
            c.fout(plek, f"geef bij kind_thuis 'van' en 'tot'. Schrijf het zo: {KIND_THUIS_VOORBEELD}.")
        else:
            van = _leeftijd(c, plek + ("van",), leeftijden["van"])
            tot = _leeftijd(c, plek + ("tot",), leeftijden["tot"])
    if van is not None and tot is not None and van > tot:
        c.fout(plek, f"'van' ({van}) is hoger dan 'tot' ({tot}). Zet de jongste leeftijd bij van en de oudste bij tot.")
    gevolg = _gevolg(c, pad, data, frozenset())
    if len(c.bevindingen) > aantal:
        return None
    return KindThuis(van, tot, **gevolg)


def _leeftijd(c: _Controle, plek: Pad, waarde: Any) -> int | None:
    heel = isinstance(waarde, int) or (isinstance(waarde, float) and waarde.is_integer())
    if isinstance(waarde, bool) or not heel:
        c.fout(plek, f"hier hoort een leeftijd in hele jaren te staan, zoals 4, niet '{waarde}'.")
        return None
    if waarde < 0:
        c.fout(plek, f"een leeftijd is 0 of meer, niet {waarde}.")
        return None
    return int(waarde)


def _gevolg(c: _Controle, pad: Pad, data: dict, plaatshouders: frozenset[str]) -> dict[str, Any]:
    """bij_niet_voldaan and the editor's own reasons, which may use only the placeholders the condition can fill."""
    niet = data.get("bij_niet_voldaan", "waarschijnlijk_niet")
    if niet not in ("misschien", "waarschijnlijk_niet"):
        c.fout(pad + ("bij_niet_voldaan",), "bij_niet_voldaan kan alleen 'misschien' of 'waarschijnlijk_niet' zijn.")
    gevolg: dict[str, Any] = {"bij_niet_voldaan": niet}
    for naam in ("reden_wel", "reden_niet"):
        tekst = c.tekst(data, pad, naam)
        if tekst:
            try:
                gebruikt = {v for _, v, _, _ in string.Formatter().parse(tekst) if v is not None}
            except ValueError:  # a { without } or the other way round
                gebruikt = {"{"}
            if gebruikt - plaatshouders:
                c.fout(pad + (naam,), "tussen { } kan alleen {waarde}, {grens} of {verschil} staan." if plaatshouders
                       else "bij kind_thuis kan er niets tussen { } staan. Schrijf de leeftijden gewoon in de zin.")
        gevolg[naam] = tekst
    return gevolg


def _past_bij_feit(feit: Feit, waarde: Any) -> bool:
    if feit.soort == "ja_nee":
        return isinstance(waarde, bool)
    if feit.soort == "woord":
        return str(waarde) in feit.waarden
    return _is_getal(waarde)


def _uitleg_waarden(feit: Feit, waarde: Any) -> str:
    if feit.soort == "ja_nee":
        return f"'{feit.naam}' is ja of nee: schrijf true of false, niet '{waarde}'."
    if feit.soort == "woord":
        return f"'{waarde}' is geen waarde van '{feit.naam}'. Kies uit: {', '.join(feit.waarden)}."
    return f"'{feit.naam}' is een getal, niet '{waarde}'."


def _laad_regeling(bestand: YamlBestand, gemeente: str | None, namen: _Namen,
                   bevindingen: list[Bevinding]) -> Regeling | None:
    c = _Controle(bestand, bevindingen)
    data = bestand.data
    aantal = len(bevindingen)
    if not c.velden(data, (), REGELING_VELDEN, "een regeling"):
        return None
    if not ID_PATROON.match(str(data.get("id", ""))):
        c.fout(("id",), "een id bestaat uit kleine letters, cijfers en _ (zoals bijzondere_bijstand).")
    voorwaarden_data = data.get("voorwaarden")
    if not isinstance(voorwaarden_data, list):
        c.fout(("voorwaarden",), "geef de voorwaarden als lijst: elke voorwaarde begint met '- feit: ...'.")
        voorwaarden_data = []
    voorwaarden = [_laad_voorwaarde(c, ("voorwaarden", i), v, namen) for i, v in enumerate(voorwaarden_data)]
    bedrag = data.get("bedrag_per_maand")
    formule = namen.formule(c, ("bedrag_per_maand",), bedrag) if bedrag is not None else None
    aanvragen = data.get("aanvragen")
    if c.velden(aanvragen, ("aanvragen",), {"hoe": True, "link": False, "telefoon": False}, "hoe u aanvraagt"):
        link = aanvragen.get("link")
        if link is not None and not (isinstance(link, str) and link.startswith("https://")):
            c.fout(("aanvragen", "link"), "een link begint met https://.")
    else:
        aanvragen = {}
    vanaf, tot = c.datum(data, (), "geldig_vanaf"), c.datum(data, (), "geldig_tot")
    if vanaf and tot and tot < vanaf:
        c.fout(("geldig_tot",), "geldig_tot ligt vóór geldig_vanaf.")
    stopt = data.get("stopt", False)
    if stopt not in (True, False):
        c.fout(("stopt",), "schrijf 'stopt: true' als de regeling na geldig_tot echt ophoudt, of laat het weg.")
    elif stopt and not tot:
        c.fout(("stopt",), "een regeling die stopt, heeft een geldig_tot: de laatste dag.")
    gecontroleerd = c.datum(data, (), "laatst_gecontroleerd")
    teksten = {naam: c.tekst(data, (), naam) for naam in
               ("naam", "uitvoerder", "uitleg", "voor_wie", "terugbetalen", "bezwaar", "bedrag_toelichting",
                "reden_geen_bedrag")}
    lijsten = {naam: c.teksten(data, (), naam) for naam in ("klaarleggen", "wijzigingen_doorgeven")}
    bronnen = c.bronnen(data, ())
    if len(bevindingen) > aantal or not vanaf or not gecontroleerd:
        return None
    return Regeling(
        id=data["id"], naam=teksten["naam"], gemeente=gemeente, geldig_vanaf=vanaf, geldig_tot=tot,
        uitleg=teksten["uitleg"], voor_wie=teksten["voor_wie"], voorwaarden=tuple(voorwaarden),
        aanvragen={k: " ".join(str(v).split()) for k, v in aanvragen.items()},
        klaarleggen=lijsten["klaarleggen"], terugbetalen=teksten["terugbetalen"],
        wijzigingen_doorgeven=lijsten["wijzigingen_doorgeven"], bron=bronnen, laatst_gecontroleerd=gecontroleerd,
        bestand=bestand.naam, uitvoerder=teksten["uitvoerder"], bedrag_per_maand=formule,
        bedrag_toelichting=teksten["bedrag_toelichting"], bezwaar=teksten["bezwaar"], stopt=bool(stopt),
        reden_geen_bedrag=teksten["reden_geen_bedrag"],
    )


def _laad_gemeente(bestand: YamlBestand, sleutel: str, bevindingen: list[Bevinding]) -> Gemeente | None:
    c = _Controle(bestand, bevindingen)
    data = bestand.data
    if not c.velden(data, (), GEMEENTE_VELDEN, "een gemeente"):
        return None
    bereiken = []
    for i, tekst in enumerate(data.get("postcodes") or []):
        match = POSTCODE_BEREIK.match(str(tekst).strip())
        if not match:
            c.fout(("postcodes", i), f"'{tekst}' is geen postcode of bereik. Schrijf vier cijfers, of zo: 1011-1109.")
            continue
        laag = int(match.group(1))
        bereiken.append((laag, int(match.group(2) or laag)))
    if not isinstance(data.get("contact"), dict):
        c.fout(("contact",), "geef bij contact in elk geval 'telefoon:'.")
    ook = data.get("ook_genoemd") or []
    if not isinstance(ook, list) or not all(isinstance(n, (str, int)) and str(n).strip() for n in ook):
        c.fout(("ook_genoemd",), "geef de andere namen als lijst, bijvoorbeeld: [mokum, a'dam, 020, de pijp].")
        ook = []
    return Gemeente(sleutel, str(data.get("naam")), data.get("website"), tuple(bereiken), dict(data.get("contact") or {}),
                    c.bronnen(data, ()), ook_genoemd=tuple(str(n).strip().lower() for n in ook))


# --- rule tests --------------------------------------------------------------------------------------------------

def controleer_tests(bestand: YamlBestand, valideer_huishouden: Callable[[Any], list[str]],
                     bevindingen: list[Bevinding]) -> list[dict]:
    """Check a *.tests.yaml file; returns the tests that are well-formed."""
    c = _Controle(bestand, bevindingen)
    if not isinstance(bestand.data, list) or not bestand.data:
        c.fout((), "een testbestand is een lijst van voorbeelden: elk begint met '- naam: ...'.")
        return []
    goed = []
    for i, test in enumerate(bestand.data):
        pad = (i,)
        aantal = len(bevindingen)
        if not c.velden(test, pad, TEST_VELDEN, "een voorbeeld met naam, huishouden en verwacht"):
            continue
        for melding in valideer_huishouden(als_json(test.get("huishouden"))):
            c.fout(pad + ("huishouden",), melding)
        verwacht = test.get("verwacht")
        if c.velden(verwacht, pad + ("verwacht",), VERWACHT_VELDEN, "wat u verwacht"):
            if verwacht.get("uitkomst") not in UITKOMSTEN:
                c.fout(pad + ("verwacht", "uitkomst"), f"uitkomst is een van: {', '.join(UITKOMSTEN)}.")
            bedrag = verwacht.get("bedrag_per_maand")
            if bedrag is not None and not _is_getal(bedrag):
                c.fout(pad + ("verwacht", "bedrag_per_maand"), "hier hoort een bedrag te staan, zoals 123.45.")
            c.teksten(verwacht, pad + ("verwacht",), "redenen_bevatten")
        if len(bevindingen) == aantal:
            goed.append(test)
    return goed


# --- the whole knowledge base -------------------------------------------------------------------------------------

def _yaml_bestanden(map: Path) -> list[Path]:
    return sorted(p for p in map.glob("*.yaml") if not p.name.endswith(".tests.yaml")) if map.is_dir() else []


def test_bestanden(map: Path) -> list[Path]:
    return sorted(map.rglob("*.tests.yaml"))


def laad(map: Path | str | None = None, verplichte_normen: tuple[str, ...] = ()) -> tuple[Kennisbank | None, list[Bevinding]]:
    """Read and check the whole knowledge base; returns it only when there are no findings."""
    basis = Path(map or STANDAARD_MAP).resolve()
    bevindingen: list[Bevinding] = []

    def open_(pad: Path) -> YamlBestand | None:
        bestand, fout = lees(pad, basis)
        if fout:
            bevindingen.append(fout)
        return bestand

    if not basis.is_dir():
        return None, [Bevinding(str(basis), None, "", "deze map bestaat niet.")]
    feiten_bestand = open_(basis / "feiten.yaml") if (basis / "feiten.yaml").exists() else None
    if feiten_bestand is None:
        bevindingen.append(Bevinding("feiten.yaml", None, "", "dit bestand ontbreekt of is niet te lezen."))
        return None, bevindingen
    feiten = _laad_feiten(feiten_bestand, bevindingen)
    normen: dict[str, Norm] = {}
    for pad in _yaml_bestanden(basis / "normen"):
        if bestand := open_(pad):
            normen.update(_laad_normen(bestand, pad.stem, feiten, bevindingen))
    for naam in verplichte_normen:
        if naam not in normen:
            groep, _, sleutel = naam.partition(".")
            bevindingen.append(Bevinding(f"normen/{groep}.yaml", None, sleutel,
                                         f"de norm '{naam}' ontbreekt; Wegwijs heeft hem nodig om te rekenen."))
    namen = _Namen(feiten, normen)

    def regelingen_in(map: Path, gemeente: str | None) -> list[Regeling]:
        gevonden = [r for pad in _yaml_bestanden(map) if (b := open_(pad)) and (r := _laad_regeling(b, gemeente, namen, bevindingen))]
        _controleer_overlap(gevonden, bevindingen)
        return gevonden

    landelijk = regelingen_in(basis / "regelingen", None)
    gemeenten: dict[str, Gemeente] = {}
    gemeentelijk: dict[str, list[Regeling]] = {}
    for map_ in sorted(p for p in (basis / "gemeenten").glob("*") if p.is_dir()):
        sleutel = map_.name.lower()
        bestand = open_(map_ / "gemeente.yaml") if (map_ / "gemeente.yaml").exists() else None
        if bestand is None:
            bevindingen.append(Bevinding(str((map_ / "gemeente.yaml").relative_to(basis)), None, "",
                                         "elke gemeente heeft een gemeente.yaml met naam, postcodes en contact."))
            continue
        if gemeente := _laad_gemeente(bestand, sleutel, bevindingen):
            if (map_ / "buurtteams.yaml").exists() and (teams := open_(map_ / "buurtteams.yaml")):
                from wegwijs.kennis.buurtteams import laad_buurtteams  # it builds on this module's checks

                gemeente = dataclasses.replace(gemeente, teams=laad_buurtteams(teams, gemeente, bevindingen))
            gemeenten[gemeente.naam.lower()] = gemeente
            gemeentelijk[sleutel] = regelingen_in(map_ / "regelingen", gemeente.naam)
    lijst = _laad_gemeentelijst(open_(basis / "gemeentelijst.yaml"), bevindingen) \
        if (basis / "gemeentelijst.yaml").exists() else {}
    if bevindingen:
        return None, bevindingen
    return Kennisbank(str(basis), feiten, normen, landelijk, gemeenten, gemeentelijk, gemeentelijst=lijst), []


def _laad_gemeentelijst(bestand: YamlBestand | None, bevindingen: list[Bevinding]) -> dict[str, str]:
    """All municipalities of the country (CBS) and what people also call them: typed form -> official name."""
    if bestand is None:
        return {}
    c = _Controle(bestand, bevindingen)
    data = bestand.data if isinstance(bestand.data, dict) else {}
    officieel = data.get("gemeenten")
    if not isinstance(officieel, dict) or not officieel:
        c.fout(("gemeenten",), "geef de gemeenten als 'GM0363: Amsterdam', één per regel.")
        return {}
    namen = {str(n) for n in officieel.values()}
    lijst = {gemeentenaam_sleutel(str(n)): str(n) for n in namen}
    for ander, naam in (data.get("ook_genoemd") or {}).items():
        if str(naam) not in namen:
            c.fout(("ook_genoemd", str(ander)), f"'{naam}' staat niet in de lijst van gemeenten.")
        else:
            lijst[gemeentenaam_sleutel(str(ander))] = str(naam)
    return lijst


def gemeentenaam_sleutel(naam: str) -> str:
    """How a municipality's name is compared: lowercase, without accents, a hyphen as a space."""
    kaal = "".join(ch for ch in unicodedata.normalize("NFKD", naam) if not unicodedata.combining(ch))
    return " ".join(kaal.lower().replace("’", "'").replace("-", " ").split())


def _controleer_overlap(regelingen: list[Regeling], bevindingen: list[Bevinding]) -> None:
    """Two files with the same id may not apply on the same day: a new year's rules start where the old end."""
    per_id: dict[str, list[Regeling]] = {}
    for regeling in regelingen:
        per_id.setdefault(regeling.id, []).append(regeling)
    for versies in per_id.values():
        versies.sort(key=lambda r: r.geldig_vanaf)
        for eerder, later in zip(versies, versies[1:]):
            if eerder.geldig_tot is None or eerder.geldig_tot >= later.geldig_vanaf:
                bevindingen.append(Bevinding(later.bestand, None, "geldig_vanaf",
                                             f"deze regeling geldt op dezelfde dagen als {eerder.bestand}. "
                                             f"Zet geldig_tot in {eerder.bestand} op de dag vóór {later.geldig_vanaf}."))

