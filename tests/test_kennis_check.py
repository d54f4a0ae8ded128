"""`wegwijs kennis check`: broken content is refused with file, line and field, in words an editor uses."""
from __future__ import annotations

import subprocess
import sys

import pytest

from kennisbouw import maak_kennis, regeling_yaml
from wegwijs.fouten import KennisFout
from wegwijs.kennis import controleer, laad_kennisbank
from wegwijs.kennis.model import KindThuis

GOED = regeling_yaml("hulp", """
    - feit: leeftijd
      minimaal: 18
""")


def bevindingen(kennis_map, regelingen=None, **extra):
    maak_kennis(kennis_map, regelingen, **extra)
    kennisbank, gevonden = controleer(kennis_map)
    return kennisbank, [str(b) for b in gevonden]


def test_good_content_passes(kennis_map):
    kennisbank, gevonden = bevindingen(kennis_map, {"hulp.yaml": GOED})
    assert gevonden == [] and [r.id for r in kennisbank.landelijk] == ["hulp"]


@pytest.mark.parametrize("kapot, verwacht", [
    (GOED.replace("feit: leeftijd", "feit: leeftjd"),
     "regelingen/hulp.yaml, regel 9 (veld 'voorwaarden[1].feit'): het feit 'leeftjd' bestaat niet. Bedoelt u 'leeftijd'?"),
    (GOED.replace("minimaal: 18", "minimaal: achttien"),
     "regel 10 (veld 'voorwaarden[1].minimaal'): het feit 'achttien' bestaat niet."),
    (GOED.replace("minimaal: 18", "minimaal: zorgtoeslag.grens"),
     "regel 10 (veld 'voorwaarden[1].minimaal'): de norm 'zorgtoeslag.grens' bestaat niet."),
    (GOED.replace("geldig_vanaf: 2026-01-01", "geldig_vanaf: 1 januari 2026"),
     "regel 3 (veld 'geldig_vanaf'): hier hoort een datum te staan als 2026-01-01"),
    (GOED.replace("uitleg: Uitleg.", "uitlег: Uitleg."), "onbekend veld 'uitlег'."),
    (GOED.replace("uitleg: Uitleg.\n", ""), "het veld 'uitleg' ontbreekt of is leeg."),
    (GOED.replace("minimaal: 18", "minimaal: 18\n    maximaal: 67"), "geef precies één toets"),
    (GOED.replace("minimaal: 18", "is: ja"), "'leeftijd' is een getal, niet 'ja'."),
    (GOED.replace("- feit: leeftijd\n    minimaal: 18", "- feit: woonsituatie\n    is: kasteel"),
     "'kasteel' is geen waarde van 'woonsituatie'. Kies uit: huur, koop, inwonend, geen."),
    (GOED.replace("link: \"https://example.org/aanvragen\"", "link: www.example.org"), "een link begint met https://."),
    (GOED.replace("id: hulp", "id: Hulp Regeling"), "een id bestaat uit kleine letters"),
    (GOED.replace("voorwaarden:", "voorwaarden:\n  - feit: inkomen\n    maximaal: \"sociaal_minimum * (1.2\""),
     "deze formule is niet te lezen"),
    (GOED.replace("klaarleggen: [Uw bankrekeningnummer.]", "klaarleggen:\n  - Let op: uw pas"),
     "(veld 'klaarleggen[1]'): in deze tekst staat een dubbele punt"),
    (GOED.replace("naam: Hulp", "naam: Hulp\n  uitleg: x"), "de YAML-opmaak klopt hier niet"),
])
def test_broken_scheme_is_reported_with_file_line_and_field(kennis_map, kapot, verwacht):
    kennisbank, gevonden = bevindingen(kennis_map, {"hulp.yaml": kapot})
    assert kennisbank is None
    assert any(verwacht in b for b in gevonden), gevonden


KIND = regeling_yaml("hulp", """
    - kind_thuis: {van: 4, tot: 11}
""")


def test_kind_thuis_loads(kennis_map):
    groep = KIND.replace("  - kind_thuis: {van: 4, tot: 11}",
                         "  - een_van_deze:\n      - kind_thuis: {van: 0, tot: 3}\n      - feit: leeftijd\n        minimaal: 67")
    kennisbank, gevonden = bevindingen(kennis_map, {"hulp.yaml": KIND, "groep.yaml": groep.replace("id: hulp", "id: groep")})
    assert gevonden == []
    regelingen = {r.id: r for r in kennisbank.landelijk}
    assert regelingen["hulp"].voorwaarden[0] == KindThuis(4, 11)
    assert regelingen["groep"].voorwaarden[0].onderdelen[0] == KindThuis(0, 3)


@pytest.mark.parametrize("kapot, verwacht", [
    ("{van: 4}", "regelingen/hulp.yaml, regel 9 (veld 'voorwaarden[1].kind_thuis'): geef bij kind_thuis 'van' en 'tot'. "
                 "Schrijf het zo: kind_thuis: {van: 4, tot: 11}"),
    ("{tot: 11}", "geef bij kind_thuis 'van' en 'tot'."),
    ("{van: 12, tot: 4}", "(veld 'voorwaarden[1].kind_thuis'): 'van' (12) is hoger dan 'tot' (4). Zet de jongste leeftijd "
                          "bij van en de oudste bij tot."),
    ("{van: 4.5, tot: 11}", "(veld 'voorwaarden[1].kind_thuis.van'): hier hoort een leeftijd in hele jaren te staan, "
                            "zoals 4, niet '4.5'."),
    ("{van: 4, tot: elf}", "(veld 'voorwaarden[1].kind_thuis.tot'): hier hoort een leeftijd in hele jaren te staan"),
    ("{van: 4, tot: true}", "(veld 'voorwaarden[1].kind_thuis.tot'): hier hoort een leeftijd in hele jaren te staan"),
    ("{van: -1, tot: 11}", "(veld 'voorwaarden[1].kind_thuis.van'): een leeftijd is 0 of meer, niet -1."),
    ("{van: 4, tott: 11}", "(veld 'voorwaarden[1].kind_thuis.tott'): onbekend veld 'tott'. Bedoelt u 'tot'?"),
    ("4-11", "(veld 'voorwaarden[1].kind_thuis'): schrijf de leeftijden zo: kind_thuis: {van: 4, tot: 11}"),
    ("{van: 4, tot: 11}\n    feit: leeftijd",
     "(veld 'voorwaarden[1]'): 'kind_thuis' en 'feit' staan in dezelfde voorwaarde. Maak er twee voorwaarden van"),
    ("{van: 4, tot: 11}\n    minimaal: 1", "'kind_thuis' en 'minimaal' staan in dezelfde voorwaarde."),
    ("{van: 4, tot: 11}\n    reden_wel: Er woont een kind van {waarde} bij u.",
     "regel 10 (veld 'voorwaarden[1].reden_wel'): bij kind_thuis kan er niets tussen { } staan."),
    ("{van: 4, tot: 11}\n    bij_niet_voldaan: nee",
     "(veld 'voorwaarden[1].bij_niet_voldaan'): bij_niet_voldaan kan alleen 'misschien' of 'waarschijnlijk_niet' zijn."),
])
def test_broken_kind_thuis_is_reported_with_file_line_and_field(kennis_map, kapot, verwacht):
    kennisbank, gevonden = bevindingen(kennis_map, {"hulp.yaml": KIND.replace("{van: 4, tot: 11}", kapot)})
    assert kennisbank is None
    assert any(verwacht in b for b in gevonden), gevonden


def test_a_mistyped_kind_thuis_gets_a_suggestion(kennis_map):
    _, gevonden = bevindingen(kennis_map, {"hulp.yaml": KIND.replace("kind_thuis:", "kind_thuiss:")})
    assert any("regel 9 (veld 'voorwaarden[1].kind_thuiss'): onbekend veld 'kind_thuiss'. Bedoelt u 'kind_thuis'?" in b
               for b in gevonden), gevonden
    assert any("een voorwaarde begint met 'feit:' en een feit uit feiten.yaml, of met 'kind_thuis:'." in b
               for b in gevonden), gevonden


def test_broken_kind_thuis_inside_een_van_deze_is_reported(kennis_map):
    groep = KIND.replace("  - kind_thuis: {van: 4, tot: 11}",
                         "  - een_van_deze:\n      - kind_thuis: {van: 0, tot: 3}\n      - kind_thuis: {van: 17, tot: 12}")
    _, gevonden = bevindingen(kennis_map, {"hulp.yaml": groep})
    assert gevonden == ["regelingen/hulp.yaml, regel 11 (veld 'voorwaarden[1].een_van_deze[2].kind_thuis'): "
                        "'van' (17) is hoger dan 'tot' (12). Zet de jongste leeftijd bij van en de oudste bij tot."]


def test_an_unmatched_brace_in_an_own_reason_is_reported(kennis_map):
    kapot = GOED.replace("minimaal: 18", "minimaal: 18\n    reden_niet: U bent jonger dan {grens.")
    kennisbank, gevonden = bevindingen(kennis_map, {"hulp.yaml": kapot})
    assert kennisbank is None
    assert any("regel 11 (veld 'voorwaarden[1].reden_niet'): tussen { } kan alleen {waarde}, {grens} of {verschil} staan."
               in b for b in gevonden), gevonden


def test_broken_norm_is_reported(kennis_map):
    kennisbank, gevonden = bevindingen(kennis_map, normen={"extra.yaml": """
        grens:
          beschrijving: x
          eenheid: euro
          per: leefvorm
          waarden: {2026-01-01: {alleenstaand: 10, alleenstaande_oudr: 20}}
          bron: [{titel: x}]
        bedrag:
          beschrijving: x
          eenheid: euro
          waarden: {2026-01-01: "1.234,56"}
          bron: [{titel: x}]
    """})
    assert kennisbank is None
    assert any("normen/extra.yaml, regel 6" in b and "Bedoelt u 'alleenstaande_ouder'?" in b for b in gevonden), gevonden
    assert any("normen/extra.yaml, regel 11" in b and "hier hoort een getal te staan" in b for b in gevonden), gevonden


def test_a_norm_the_engine_needs_must_exist(kennis_map):
    kennisbank, gevonden = bevindingen(kennis_map, normen={"aow.yaml": "opbouw_vanaf_leeftijd: {beschrijving: x, eenheid: jaar, waarden: {2024-01-01: 17}, bron: [{titel: x}]}\n"})
    assert any("de norm 'aow.leeftijd' ontbreekt" in b for b in gevonden), gevonden


def test_two_versions_of_a_scheme_may_not_overlap(kennis_map):
    later = GOED.replace("geldig_vanaf: 2026-01-01", "geldig_vanaf: 2026-06-01")
    kennisbank, gevonden = bevindingen(kennis_map, {"hulp.yaml": GOED, "hulp-2026-06.yaml": later})
    assert any("geldt op dezelfde dagen als regelingen/hulp.yaml" in b for b in gevonden), gevonden


def test_broken_rule_test_is_reported(kennis_map):
    maak_kennis(kennis_map, {"hulp.yaml": GOED})
    (kennis_map / "regelingen" / "hulp.tests.yaml").write_text(
        "- naam: x\n  huishouden: {aanvrager: {leeftijd: oud}}\n  verwacht: {uitkomst: ja}\n")
    _, gevonden = controleer(kennis_map)
    gevonden = [str(b) for b in gevonden]
    assert any("hulp.tests.yaml, regel 2" in b and "'aanvrager.leeftijd' moet een heel getal zijn" in b for b in gevonden)
    assert any("uitkomst is een van" in b for b in gevonden)


def test_broken_content_never_reaches_the_assistant(kennis_map):
    maak_kennis(kennis_map, {"hulp.yaml": GOED.replace("feit: leeftijd", "feit: leeftjd")})
    with pytest.raises(KennisFout):
        laad_kennisbank.__wrapped__(kennis_map)


def test_cli_exits_non_zero_and_explains(kennis_map):
    maak_kennis(kennis_map, {"hulp.yaml": GOED.replace("feit: leeftijd", "feit: leeftjd")})
    proces = subprocess.run([sys.executable, "-m", "wegwijs", "--kennis", str(kennis_map), "kennis", "check"],
                            capture_output=True, text=True)
    assert proces.returncode == 1
    assert "regelingen/hulp.yaml, regel 9" in proces.stderr and "leeftjd" in proces.stderr


def test_cli_passes_on_the_real_knowledge_base():
    proces = subprocess.run([sys.executable, "-m", "wegwijs", "kennis", "check"], capture_output=True, text=True)
    assert proces.returncode == 0, proces.stderr
    assert "De kennisbank klopt" in proces.stdout
