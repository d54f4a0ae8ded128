"""The `wegwijs` command: `wegwijs kennis check`, `wegwijs kennis test`, `wegwijs toets FILE`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wegwijs.fouten import KennisFout, OngeldigeInvoer


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wegwijs", description="Wegwijs: regelingen, toets en kennisbank.")
    parser.add_argument("--kennis", default=None, help="map met de kennisbank (standaard: knowledge/)")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    kennis = sub.add_parser("kennis", help="de kennisbank nakijken").add_subparsers(dest="actie", required=True)
    kennis.add_parser("check", help="alle inhoud nakijken; fouten met bestand, regel en veld").set_defaults(doe=_kennis_check)
    kennis.add_parser("test", help="de voorbeeldhuishoudens (*.tests.yaml) doorrekenen").set_defaults(doe=_kennis_test)
    toets = sub.add_parser("toets", help="een huishouden (JSON) toetsen aan alle regelingen")
    toets.add_argument("bestand", help="JSON-bestand, of - voor standaardinvoer")
    toets.set_defaults(doe=_toets)
    args = parser.parse_args(argv)
    try:
        return args.doe(args)
    except KennisFout as fout:
        print(f"De kennisbank heeft fouten; los die eerst op (wegwijs kennis check):\n{fout}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
