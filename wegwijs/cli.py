"""The `wegwijs` command: `wegwijs kennis check`, `wegwijs kennis test`, `wegwijs toets FILE`, and for the handoff
`wegwijs db upgrade`, `wegwijs db opruimen`, `wegwijs medewerker toevoegen`, `wegwijs outbox bezorg`, `wegwijs demo`."""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import secrets
import sys
from pathlib import Path

from wegwijs.fouten import KennisFout, OngeldigeInvoer


def _datum(tekst: str) -> dt.date:
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen datum; schrijf die als 2027-01-04.") from None


def _kennis_check(args: argparse.Namespace) -> int:
    from wegwijs.kennis import controleer

    kennisbank, bevindingen = controleer(args.kennis)
    if bevindingen:
        print(f"De kennisbank heeft {len(bevindingen)} fout(en). De assistent gebruikt deze inhoud pas als alles klopt.\n",
              file=sys.stderr)
        for bevinding in bevindingen:
            print(f"- {bevinding}", file=sys.stderr)
        return 1
    gemeentelijk = sum(len(r) for r in kennisbank.gemeentelijk.values())
    print(f"De kennisbank klopt: {len(kennisbank.landelijk)} landelijke en {gemeentelijk} gemeentelijke regelingen, "
          f"{len(kennisbank.normen)} normen, {len(kennisbank.gemeenten)} gemeenten.")
    from wegwijs.kennis.looptijd import WAARSCHUW_DAGEN, aflopend

    waarschuwingen = aflopend(kennisbank, args.datum or dt.date.today())
    if waarschuwingen:
        print(f"\nLet op: {len(waarschuwingen)} keer loopt inhoud binnen {WAARSCHUW_DAGEN} dagen af (of is al "
              f"afgelopen) zonder opvolger:")
        for waarschuwing in waarschuwingen:
            print(f"- {waarschuwing}")
    return 0


def _kennis_test(args: argparse.Namespace) -> int:
    from wegwijs.kennis import laad_kennisbank
    from wegwijs.kennis.regeltests import verzamel, voer_uit

    kennisbank = laad_kennisbank(args.kennis)
    tests, _ = verzamel(args.kennis)
    mislukt = 0
    for test in tests:
        problemen = voer_uit(test, kennisbank)
        if problemen:
            mislukt += 1
            print(f"MISLUKT {test.titel}", file=sys.stderr)
            for probleem in problemen:
                print(f"  - {probleem}", file=sys.stderr)
    print(f"{len(tests) - mislukt} passed, {mislukt} failed")
    return 1 if mislukt else 0


def _toets(args: argparse.Namespace) -> int:
    from wegwijs.kennis import laad_kennisbank
    from wegwijs.toets import toets

    try:
        tekst = sys.stdin.read() if args.bestand == "-" else Path(args.bestand).read_text(encoding="utf-8")
    except OSError as fout:
        print(f"Het bestand '{args.bestand}' is niet te lezen ({fout.strerror}).", file=sys.stderr)
        return 2
    try:
        huishouden = json.loads(tekst)
    except json.JSONDecodeError as fout:
        print(f"De invoer is geen geldige JSON (regel {fout.lineno}, teken {fout.colno}).", file=sys.stderr)
        return 2
    try:
        resultaat = toets(huishouden, laad_kennisbank(args.kennis))
    except OngeldigeInvoer as fout:
        print(f"De gegevens van het huishouden kloppen niet:\n{fout}", file=sys.stderr)
        return 2
    json.dump(resultaat, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


DEMO_EMAIL = "demo@wegwijs.test"
DEMO_TEAM = "amsterdam_centrum"


def _opslag():
    from wegwijs.opslag import Opslag

    opslag = Opslag()
    opslag.upgrade()
    return opslag


def _db_upgrade(args: argparse.Namespace) -> int:
    opslag = _opslag()
    print(f"De database is bijgewerkt ({opslag.engine.url.render_as_string(hide_password=True)}).")
    return 0


def _wachtwoord(variabele: str | None) -> str | None:
    if variabele:
        waarde = os.environ.get(variabele)
        if not waarde:
            print(f"De omgevingsvariabele {variabele} is leeg of bestaat niet.", file=sys.stderr)
        return waarde or None
    eerste = getpass.getpass("Wachtwoord (minstens 12 tekens): ")
    if getpass.getpass("Nog een keer: ") != eerste:
        print("De twee wachtwoorden zijn niet gelijk. Er is niets veranderd.", file=sys.stderr)
        return None
    return eerste


def _medewerker_toevoegen(args: argparse.Namespace) -> int:
    from wegwijs.kennis import laad_kennisbank

    opslag = _opslag()
    opslag.synchroniseer_teams(laad_kennisbank(args.kennis))
    wachtwoord = _wachtwoord(args.wachtwoord_uit_omgeving)
    if wachtwoord is None:
        return 2
    try:
        medewerker = opslag.voeg_medewerker_toe(args.naam, args.email, args.team, args.rol, wachtwoord)
    except OngeldigeInvoer as fout:
        print(f"{fout} Er is niets veranderd.", file=sys.stderr)
        return 2
    print(f"{medewerker.naam} ({medewerker.email}) is toegevoegd als {medewerker.rol} van {medewerker.team_naam}.")
    return 0


BEWAARTERMIJN_ENV, BEWAARTERMIJN_STANDAARD = "WEGWIJS_BEWAAR_DAGEN", 90   # docs/bewaren.md


def bewaartermijn() -> dt.timedelta:
    """How long a closed or withdrawn handoff is kept: WEGWIJS_BEWAAR_DAGEN days (default 90)."""
    waarde = os.environ.get(BEWAARTERMIJN_ENV, "").strip() or str(BEWAARTERMIJN_STANDAARD)
    if not waarde.isdigit() or int(waarde) < 1:
        raise OngeldigeInvoer(f"{BEWAARTERMIJN_ENV} is '{waarde}'. Geef een aantal dagen, 1 of meer.")
    return dt.timedelta(days=int(waarde))


def _db_opruimen(args: argparse.Namespace) -> int:
    try:
        termijn = bewaartermijn()
    except OngeldigeInvoer as fout:
        print(f"{fout} Er is niets verwijderd.", file=sys.stderr)
        return 2
    aantal = _opslag().ruim_op(termijn)
    print(f"Verwijderd: {aantal} afgeronde of ingetrokken aanvragen ouder dan {termijn.days} dagen.")
    return 0


def _outbox_bezorg(args: argparse.Namespace) -> int:
    from wegwijs.kennis import laad_kennisbank
    from wegwijs.opslag.outbox import bezorg

    opslag = _opslag()
    te_laat = opslag.escaleer_te_laat(laad_kennisbank(args.kennis))
    uitslag = bezorg(opslag)
    print(f"Verstuurd: {uitslag.verstuurd}. Mislukt (volgt later opnieuw): {uitslag.mislukt}. "
          f"Nog te versturen: {uitslag.wachtend}. Nieuw te laat: {te_laat}.")
    return _db_opruimen(args)   # every round also purges what is past its retention period


def _demo(args: argparse.Namespace) -> int:
    from wegwijs.kennis import laad_kennisbank

    opslag = _opslag()
    opslag.synchroniseer_teams(laad_kennisbank(args.kennis))
    wachtwoord = os.environ.get("WEGWIJS_DEMO_WACHTWOORD") or secrets.token_urlsafe(12)
    bestaand = opslag.medewerker_bij_email(DEMO_EMAIL)
    try:
        if bestaand:
            opslag.wijzig_wachtwoord(bestaand.id, wachtwoord)
        else:
            opslag.voeg_medewerker_toe("Demo Medewerker", DEMO_EMAIL, DEMO_TEAM, "coordinator", wachtwoord)
    except OngeldigeInvoer as fout:
        print(f"{fout}", file=sys.stderr)
        return 2
    print("Demo-inlog voor de inbox (coördinator van alle Amsterdamse buurtteams):\n"
          f"  e-mail:     {DEMO_EMAIL}\n  wachtwoord: {wachtwoord}\n"
          "Gebruik in de chat een Amsterdamse postcode (bijvoorbeeld 1012 AB) of 'Amsterdam'.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wegwijs", description="Wegwijs: regelingen, toets en kennisbank.")
    parser.add_argument("--kennis", default=None, help="map met de kennisbank (standaard: knowledge/)")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    kennis = sub.add_parser("kennis", help="de kennisbank nakijken").add_subparsers(dest="actie", required=True)
    check = kennis.add_parser("check", help="alle inhoud nakijken; fouten met bestand, regel en veld, en inhoud die "
                                            "binnenkort afloopt")
    check.add_argument("--datum", type=_datum, default=None, help="nakijken alsof het deze dag is (JJJJ-MM-DD)")
    check.set_defaults(doe=_kennis_check)
    kennis.add_parser("test", help="de voorbeeldhuishoudens (*.tests.yaml) doorrekenen").set_defaults(doe=_kennis_test)
    toets = sub.add_parser("toets", help="een huishouden (JSON) toetsen aan alle regelingen")
    toets.add_argument("bestand", help="JSON-bestand, of - voor standaardinvoer")
    toets.set_defaults(doe=_toets)
    db = sub.add_parser("db", help="de database").add_subparsers(dest="actie", required=True)
    db.add_parser("upgrade", help="de database bijwerken naar de nieuwste versie").set_defaults(doe=_db_upgrade)
    db.add_parser("opruimen", help=f"afgeronde en ingetrokken aanvragen verwijderen na ${BEWAARTERMIJN_ENV} dagen "
                                   f"(standaard {BEWAARTERMIJN_STANDAARD})").set_defaults(doe=_db_opruimen)
    medewerker = sub.add_parser("medewerker", help="medewerkers van de inbox").add_subparsers(dest="actie", required=True)
    toevoegen = medewerker.add_parser("toevoegen", help="een medewerker toevoegen (het wachtwoord wordt gevraagd)")
    toevoegen.add_argument("--naam", required=True)
    toevoegen.add_argument("--email", required=True)
    toevoegen.add_argument("--team", required=True, help="id van het team, zoals amsterdam_centrum (buurtteams.yaml)")
    toevoegen.add_argument("--rol", required=True, choices=["medewerker", "coordinator"])
    toevoegen.add_argument("--wachtwoord-uit-omgeving", metavar="VAR",
                           help="lees het wachtwoord uit deze omgevingsvariabele in plaats van het te vragen")
    toevoegen.set_defaults(doe=_medewerker_toevoegen)
    outbox = sub.add_parser("outbox", help="meldingen aan de teams").add_subparsers(dest="actie", required=True)
    outbox.add_parser("bezorg", help="de wachtende meldingen één keer versturen").set_defaults(doe=_outbox_bezorg)
    sub.add_parser("demo", help="demo-inlog voor de inbox maken of vernieuwen").set_defaults(doe=_demo)
    args = parser.parse_args(argv)
    try:
        return args.doe(args)
    except KennisFout as fout:
        print(f"De kennisbank heeft fouten; los die eerst op (wegwijs kennis check):\n{fout}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
