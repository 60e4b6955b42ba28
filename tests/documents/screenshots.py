"""Render every document of the test cases to PNG, for people to look at.

    .venv/bin/python -m tests.documents.screenshots [OUT_DIR]   (default docs/screenshots/documents)

Needs poppler's pdftoppm; the PDFs themselves are made in a temporary directory.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.documents.render import render_for_decision
from tests.documents import cases

BUILDERS = {
    "accept": cases.accepted_case,
    "tolerance": cases.tolerance_case,
    "notify": cases.notify_case,
    "refuse": cases.refuse_case,
    "bundle-accept": cases.bundle_case,
}
DPI = 100
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "documents"


def main(out_dir: Path) -> list[Path]:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    catalogue = load_default_catalogue().catalogue
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as temp:
        for label, build in BUILDERS.items():
            for pdf in render_for_decision(build(catalogue), catalogue, cases.HALL, Path(temp) / label):
                stem = out_dir / f"{label}-{pdf.stem.rsplit('-', 1)[-1]}"
                subprocess.run([pdftoppm, "-r", str(DPI), "-png", str(pdf), str(stem)], check=True)
                written += sorted(out_dir.glob(f"{stem.name}-*.png"))
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    for path in main(target):
        print(path)
