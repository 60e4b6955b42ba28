"""Helpers shared by the test suites.

`unavailable(reason)` is how a test reacts to a missing real service (pcscd, Xvfb, PostgreSQL,
poppler): locally it skips with the reason; in CI (CI=true) it fails, because CI must run every
test for real.
"""

from __future__ import annotations

import os
import shutil
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> NoReturn:
    if IN_CI:
        pytest.fail(f"required service unavailable in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} is not installed (run `make test` as root, or apt-get install it)")
    return path
