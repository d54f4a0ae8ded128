"""The look of the web chat per municipality: name, logo and colours.

The name and phone number come from the municipality's gemeente.yaml; its knowledge folder may hold a
thema.yaml beside it (colours, logo, privacy statement, sites that may embed the chat). Colours are checked
against WCAG 2.1 AA contrast, so a municipality cannot make the chat unreadable by accident.

    python -m web.thema [gemeente]     checks the theme files and names file, line and field of each problem
"""
from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from wegwijs.fouten import Bevinding, KennisFout
from wegwijs.kennis import Gemeente, laad_kennisbank
from wegwijs.kennis.laden import STANDAARD_MAP, _Controle
from wegwijs.kennis.yaml_bron import YamlBestand, lees

THEMA_BESTAND = "thema.yaml"
THEMA_VELDEN = {"kleuren": True, "logo": False, "privacyverklaring": False, "insluiten_op": False}
KLEUR_VELDEN = {"hoofdkleur": True, "lichte_kleur": True}
KLEUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_SOORTEN = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp", ".jpg": "image/jpeg"}
LOGO_MAX_BYTES = 200_000

WIT = "#ffffff"
TEKST = "#1a1a1a"            # body text: on white and on the light colour
MINIMAAL_CONTRAST = 4.5      # WCAG 2.1 AA for normal text (1.4.3); also more than the 3:1 for controls (1.4.11)

# Without a municipality: the sober Rijkshuisstijl blue and a light blue, both AA with white and dark text.
STANDAARD_KLEUREN = {"hoofdkleur": "#01689b", "lichte_kleur": "#e5f0f9"}


@dataclass(frozen=True)
class Thema:
    naam: str                          # shown in the header and title: "Gemeente Amsterdam" or "Wegwijs"
    hoofdkleur: str
    lichte_kleur: str
    logo: Path | None = None
    telefoon: str | None = None        # the municipality's number, for people who would rather call
    privacyverklaring: str | None = None
    insluiten_op: tuple[str, ...] = ()  # origins that may show the chat in an iframe

    @property
    def logo_soort(self) -> str | None:
        return LOGO_SOORTEN.get(self.logo.suffix.lower()) if self.logo else None

    @property
    def donkere_hoofdkleur(self) -> str:
        return mengen(self.hoofdkleur, "#000000", 0.2)


STANDAARD_THEMA = Thema("Wegwijs", **STANDAARD_KLEUREN)


class ThemaFout(Exception):
    """The theme cannot be used; str() names every problem for the person who configures the chat."""

    def __init__(self, bevindingen: list[Bevinding]):
        self.bevindingen = bevindingen
        super().__init__("\n".join(str(b) for b in bevindingen))


# ---- colour arithmetic (WCAG 2.1 definitions) -----------------------------------------------------------------

def _rgb(kleur: str) -> tuple[int, int, int]:
    return int(kleur[1:3], 16), int(kleur[3:5], 16), int(kleur[5:7], 16)


def relatieve_luminantie(kleur: str) -> float:
    def kanaal(waarde: int) -> float:
        c = waarde / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (kanaal(v) for v in _rgb(kleur))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(voorgrond: str, achtergrond: str) -> float:
    licht, donker = sorted((relatieve_luminantie(voorgrond), relatieve_luminantie(achtergrond)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def mengen(kleur: str, met: str, aandeel: float) -> str:
    """kleur with `aandeel` (0..1) of `met` mixed in: a darker shade for hover states."""
    return "#" + "".join(f"{round(a * (1 - aandeel) + b * aandeel):02x}" for a, b in zip(_rgb(kleur), _rgb(met)))


def css(thema: Thema) -> str:
    """The theme as CSS custom properties; web/static/chat.css uses only these for the municipal colours."""
    return (":root {\n"
            f"  --wegwijs-hoofdkleur: {thema.hoofdkleur};\n"
            f"  --wegwijs-hoofdkleur-donker: {thema.donkere_hoofdkleur};\n"
            f"  --wegwijs-lichte-kleur: {thema.lichte_kleur};\n"
            f"  --wegwijs-tekst: {TEKST};\n"
            "}\n")


# ---- reading and checking a theme file ------------------------------------------------------------------------

def thema_uit(bestand: YamlBestand | None, gemeente: Gemeente) -> tuple[Thema | None, list[Bevinding]]:
    """The theme of one municipality from its thema.yaml (None: no file, the standard colours)."""
    telefoon = gemeente.contact.get("telefoon")
    basis = Thema(f"Gemeente {gemeente.naam}", **STANDAARD_KLEUREN,
                  telefoon=str(telefoon) if telefoon else None, insluiten_op=_oorsprong(gemeente.website))
    if bestand is None:
        return basis, []
    bevindingen: list[Bevinding] = []
    c = _Controle(bestand, bevindingen)
    data = bestand.data
    if not c.velden(data, (), THEMA_VELDEN, "een thema"):
        return None, bevindingen
    kleuren = data.get("kleuren")
    if kleuren is not None and c.velden(kleuren, ("kleuren",), KLEUR_VELDEN, "de kleuren"):
        for naam in KLEUR_VELDEN:
            waarde = kleuren.get(naam)
            if waarde is not None and not (isinstance(waarde, str) and KLEUR.match(waarde)):
                c.fout(("kleuren", naam), f"schrijf een kleur als #rrggbb tussen aanhalingstekens, zoals \"#01689b\", "
                                          f"niet '{waarde}'.")
    if bevindingen:
        return None, bevindingen
    hoofdkleur, lichte_kleur = kleuren["hoofdkleur"].lower(), kleuren["lichte_kleur"].lower()
    if (verhouding := contrast(WIT, hoofdkleur)) < MINIMAAL_CONTRAST:
        c.fout(("kleuren", "hoofdkleur"), f"witte tekst op {hoofdkleur} is slecht leesbaar (contrast "
                                          f"{_verhouding(verhouding)}, minimaal {_verhouding(MINIMAAL_CONTRAST)}). "
                                          f"Kies een donkerdere kleur.")
    if (verhouding := contrast(TEKST, lichte_kleur)) < MINIMAAL_CONTRAST:
        c.fout(("kleuren", "lichte_kleur"), f"donkere tekst op {lichte_kleur} is slecht leesbaar (contrast "
                                            f"{_verhouding(verhouding)}, minimaal {_verhouding(MINIMAAL_CONTRAST)}). "
                                            f"Kies een lichtere kleur.")
    logo = _logo(c, bestand, data.get("logo"))
    privacy = data.get("privacyverklaring")
    if privacy is not None and not (isinstance(privacy, str) and privacy.startswith("https://")):
        c.fout(("privacyverklaring",), "de link naar de privacyverklaring begint met https://.")
    insluiten = _insluiten(c, data.get("insluiten_op"))
    if bevindingen:
        return None, bevindingen
    return Thema(basis.naam, hoofdkleur, lichte_kleur, logo, basis.telefoon, privacy,
                 tuple(dict.fromkeys(basis.insluiten_op + insluiten))), []


def _verhouding(getal: float) -> str:
    """Rounded down, so 4.49 never reads as the 4,5:1 it fails to reach."""
    return f"{math.floor(getal * 10) / 10:.1f}:1".replace(".", ",")


def _logo(c: _Controle, bestand: YamlBestand, waarde: object) -> Path | None:
    if waarde is None:
        return None
    map_ = bestand.pad.parent.resolve()
    pad = (map_ / str(waarde)).resolve()
    if not isinstance(waarde, str) or pad.parent != map_:
        c.fout(("logo",), "geef de naam van een bestand dat naast thema.yaml staat, zoals logo.svg.")
    elif pad.suffix.lower() not in LOGO_SOORTEN:
        c.fout(("logo",), f"een logo is een {', '.join(s[1:] for s in LOGO_SOORTEN)}-bestand.")
    elif not pad.is_file():
        c.fout(("logo",), f"het bestand '{waarde}' staat niet naast thema.yaml.")
    elif pad.stat().st_size > LOGO_MAX_BYTES:
        c.fout(("logo",), f"het logo is groter dan {LOGO_MAX_BYTES // 1000} kB; maak het kleiner.")
    else:
        return pad
    return None


def _oorsprong(url: str | None) -> tuple[str, ...]:
    delen = urlsplit(url or "")
    return (f"{delen.scheme}://{delen.netloc}",) if delen.scheme == "https" and delen.netloc else ()


def _insluiten(c: _Controle, waarde: object) -> tuple[str, ...]:
    if waarde is None:
        return ()
    if not isinstance(waarde, list):
        c.fout(("insluiten_op",), "geef een lijst van websites, zoals [\"https://www.amsterdam.nl\"].")
        return ()
    gevonden = []
    for i, site in enumerate(waarde):
        oorsprong = _oorsprong(site) if isinstance(site, str) else ()
        if not oorsprong or oorsprong[0] != site.rstrip("/"):
            c.fout(("insluiten_op", i), f"schrijf alleen het begin van het adres, zoals https://www.amsterdam.nl, "
                                        f"niet '{site}'.")
        else:
            gevonden.append(oorsprong[0])
    return tuple(gevonden)


def laad_thema(gemeente: str | None, kennis_map: Path | str | None = None) -> Thema:
    """The theme for WEGWIJS_GEMEENTE (folder name under knowledge/gemeenten); raises ThemaFout on any problem."""
    if not gemeente:
        return STANDAARD_THEMA
    try:
        kennisbank = laad_kennisbank(kennis_map)
    except KennisFout as fout:
        raise ThemaFout(fout.bevindingen) from None
    bekend = {g.sleutel: g for g in kennisbank.gemeenten.values()}
    sleutel = gemeente.strip().lower()
    if sleutel not in bekend:
        raise ThemaFout([Bevinding("WEGWIJS_GEMEENTE", None, "", f"de gemeente '{gemeente}' staat niet in "
                                   f"knowledge/gemeenten. Kies uit: {', '.join(sorted(bekend))}.")])
    basis = Path(kennis_map or STANDAARD_MAP).resolve()
    pad = basis / "gemeenten" / sleutel / THEMA_BESTAND
    bestand = None
    if pad.exists():
        bestand, fout = lees(pad, basis)
        if fout:
            raise ThemaFout([fout])
    thema, bevindingen = thema_uit(bestand, bekend[sleutel])
    if thema is None:
        raise ThemaFout(bevindingen)
    return thema


def main(argv: list[str] | None = None) -> int:
    """Check the theme of one municipality, or of all of them."""
    args = sys.argv[1:] if argv is None else argv
    gemeenten = args or sorted(p.parent.name for p in (STANDAARD_MAP / "gemeenten").glob(f"*/{THEMA_BESTAND}"))
    fouten = 0
    for gemeente in gemeenten:
        try:
            laad_thema(gemeente)
        except ThemaFout as fout:
            fouten += len(fout.bevindingen)
            print(fout, file=sys.stderr)
    print(f"{len(gemeenten)} thema('s) gecontroleerd, {fouten} probleem/problemen." if fouten
          else f"{len(gemeenten)} thema('s) gecontroleerd: alles in orde.")
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
