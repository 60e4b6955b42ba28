#!/usr/bin/env python3
"""Report (or, with --apply FILE, fill) the English translation of the UI.

    scripts/translations.py                 list source texts still unfinished in clerk_app_en.ts
    scripts/translations.py --apply en.py   fill unfinished entries from a dict EN = {zh: en}

`make translations` runs pyside6-lupdate (keeps existing translations, adds new texts), then
this report, then pyside6-lrelease to compile clerk_app_en.qm.
"""

from __future__ import annotations

import argparse
import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "clerk_app" / "resources" / "translations" / "clerk_app_en.ts"


def unfinished(tree: ET.ElementTree) -> list[ET.Element]:
    return [m for m in tree.iter("message") if m.find("translation").get("type") == "unfinished"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--apply", type=Path)
    args = parser.parse_args()
    tree = ET.parse(TS)
    if args.apply:
        table = runpy.run_path(str(args.apply))["EN"]
        for message in unfinished(tree):
            source = message.findtext("source")
            if source in table:
                translation = message.find("translation")
                translation.text = table[source]
                translation.attrib.pop("type", None)
        tree.write(TS, encoding="utf-8", xml_declaration=True)
    missing = sorted({m.findtext("source") for m in unfinished(tree)})
    for source in missing:
        print(f"unfinished: {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
