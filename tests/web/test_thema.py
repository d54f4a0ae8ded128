"""The municipal theme: colours checked for contrast, logo and embedding sites checked, errors located for the
person who edits thema.yaml."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from wegwijs.kennis import Gemeente
from wegwijs.kennis.yaml_bron import lees
from web.thema import STANDAARD_THEMA, ThemaFout, contrast, css, laad_thema, main, mengen, thema_uit

AMSTERDAM = Gemeente("amsterdam", "Amsterdam", "https://www.amsterdam.nl/", ((1011, 1109),), {"telefoon": "14 020"}, ())


def thema_bestand(map_: Path, tekst: str, **bestanden: bytes):
    (map_ / "thema.yaml").write_text(textwrap.dedent(tekst), encoding="utf-8")
    for naam, inhoud in bestanden.items():
        (map_ / naam.replace("_", ".")).write_bytes(inhoud)
    bestand, fout = lees(map_ / "thema.yaml", map_)
    assert fout is None
    return bestand


def test_contrast_follows_wcag():
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-too-light grey
    assert contrast("#ffffff", "#01689b") == contrast("#01689b", "#ffffff")
    assert mengen("#ffffff", "#000000", 0.5) == "#808080"


def test_without_a_file_the_municipality_gets_its_name_phone_and_the_standard_colours():
    thema, bevindingen = thema_uit(None, AMSTERDAM)
    assert bevindingen == []
    assert (thema.naam, thema.telefoon, thema.hoofdkleur) == ("Gemeente Amsterdam", "14 020", STANDAARD_THEMA.hoofdkleur)
    assert thema.insluiten_op == ("https://www.amsterdam.nl",)


def test_a_full_theme(tmp_path: Path):
    bestand = thema_bestand(tmp_path, """
        kleuren: {hoofdkleur: "#EC0000", lichte_kleur: "#fff0f0"}
        logo: logo.svg
        privacyverklaring: https://example.org/privacy
        insluiten_op: ["https://werkeninamsterdam.example"]
    """, logo_svg=b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    thema, bevindingen = thema_uit(bestand, AMSTERDAM)
    assert bevindingen == []
    assert thema.hoofdkleur == "#ec0000" and thema.logo == (tmp_path / "logo.svg").resolve()
    assert thema.logo_soort == "image/svg+xml"
    assert thema.insluiten_op == ("https://www.amsterdam.nl", "https://werkeninamsterdam.example")
    assert "--wegwijs-hoofdkleur: #ec0000;" in css(thema)


@pytest.mark.parametrize("yaml_tekst, veld, woorden", [
    ('kleuren: {hoofdkleur: "#ffcc00", lichte_kleur: "#ffffff"}', "kleuren.hoofdkleur", ["slecht leesbaar", "1,5:1"]),
    ('kleuren: {hoofdkleur: "#01689b", lichte_kleur: "#555555"}', "kleuren.lichte_kleur", ["lichtere kleur"]),
    ('kleuren: {hoofdkleur: "#777777", lichte_kleur: "#ffffff"}', "kleuren.hoofdkleur", ["contrast 4,4:1"]),
    ('kleuren: {hoofdkleur: red, lichte_kleur: "#ffffff"}', "kleuren.hoofdkleur", ["#rrggbb", "'red'"]),
    ('kleuren: {hoofdkleur: "#01689b"}', "kleuren", ["'lichte_kleur' ontbreekt"]),
    ('kleur: {hoofdkleur: "#01689b"}', "kleur", ["onbekend veld", "Bedoelt u 'kleuren'?"]),  # and: kleuren ontbreekt
    ('kleuren: {hoofdkleur: "#01689b", lichte_kleur: "#ffffff"}\nlogo: ../geheim.svg', "logo", ["naast thema.yaml"]),
    ('kleuren: {hoofdkleur: "#01689b", lichte_kleur: "#ffffff"}\nlogo: weg.svg', "logo", ["staat niet"]),
    ('kleuren: {hoofdkleur: "#01689b", lichte_kleur: "#ffffff"}\nlogo: logo.gif', "logo", ["svg, png"]),
    ('kleuren: {hoofdkleur: "#01689b", lichte_kleur: "#ffffff"}\nprivacyverklaring: www.x.nl', "privacyverklaring",
     ["https://"]),
    ('kleuren: {hoofdkleur: "#01689b", lichte_kleur: "#ffffff"}\ninsluiten_op: ["https://x.nl/pad"]', "insluiten_op[1]",
     ["alleen het begin"]),
])
def test_problems_are_named_with_file_line_and_field(tmp_path: Path, yaml_tekst: str, veld: str, woorden: list[str]):
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    thema, bevindingen = thema_uit(thema_bestand(tmp_path, yaml_tekst), AMSTERDAM)
    assert thema is None
    assert bevindingen[0].veld == veld
    assert bevindingen[0].bestand == "thema.yaml" and bevindingen[0].regel is not None
    for woord in woorden:
        assert woord in bevindingen[0].melding
    assert len(bevindingen) == (2 if veld == "kleur" else 1)


def test_unknown_municipality_names_the_known_ones():
    with pytest.raises(ThemaFout, match="'atlantis' staat niet in knowledge/gemeenten. Kies uit: amsterdam"):
        laad_thema("atlantis")


def test_no_municipality_is_the_standard_theme():
    assert laad_thema(None) is STANDAARD_THEMA


def test_the_themes_in_the_repository_pass(capsys):
    assert main([]) == 0
    assert "alles in orde" in capsys.readouterr().out
    assert laad_thema("Amsterdam").logo is not None
