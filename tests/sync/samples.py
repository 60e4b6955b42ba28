"""Decided cases with scanned files on disk, as the intake leaves them for sync."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from pathlib import Path

from clerk_app.core.case import Case, MaterialReceipt
from clerk_app.store.cases import CaseStore
from tests.store.sample import accepted


def scanned_file(files_dir: Path, rng: random.Random, size: int = 4096) -> str:
    data = b"%PDF-1.7\n" + rng.randbytes(size)
    digest = hashlib.sha256(data).hexdigest()
    files_dir.mkdir(parents=True, exist_ok=True)
    (files_dir / f"{digest}.pdf").write_bytes(data)
    return digest


def scanned_case(files_dir: Path, index: int, rng: random.Random, pages: int = 2, size: int = 4096) -> Case:
    """An accepted case whose materials list `pages` scanned files written to `files_dir`."""
    case = accepted(f"BT01-W07-20261123-{index:04d}", name=f"申请人{index}")
    scans = tuple(scanned_file(files_dir, rng, size) for _ in range(pages))
    material = MaterialReceipt(key="id", name="身份证", necessity="必要", required=True, received=True,
                               form="复印件", copies=1, scans=scans)
    return replace(case, materials=(material,))


def fill(store: CaseStore, files_dir: Path, count: int, seed: int = 7, **options: int) -> list[Case]:
    rng = random.Random(seed)
    return [store.save(scanned_case(files_dir, i, rng, **options)) for i in range(1, count + 1)]
