"""Synthetic document photographs shared by the camera tests (made once per session)."""

from __future__ import annotations

import pytest

from clerk_app.devices.camera.synthetic import Shot, ShotSpec, dataset, make_shot

ACCURACY_SET_SIZE = 60
CAPTURE_SIZE = (2048, 1536)


@pytest.fixture(scope="session")
def accuracy_set() -> list[Shot]:
    return list(dataset(ACCURACY_SET_SIZE, seed=1000))


@pytest.fixture(scope="session")
def text_page_shot() -> Shot:
    return make_shot(ShotSpec(seed=41, size=CAPTURE_SIZE, kind="a4", content_rotation=180,
                              hand=False))


@pytest.fixture(scope="session")
def qr_page_shot() -> Shot:
    return make_shot(ShotSpec(seed=40, size=CAPTURE_SIZE, kind="a4", content_rotation=0,
                              qr_text="SL-2026-000123", hand=False))
