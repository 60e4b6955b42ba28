"""Fixtures for the document tests: the shipped catalogue."""

from __future__ import annotations

import pytest

from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.core.catalogue import Catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_default_catalogue().catalogue
