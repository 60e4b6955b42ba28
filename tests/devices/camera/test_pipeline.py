"""From a still to a clean page: size, orientation, whitening, blanks, ID card merge, codes."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from clerk_app.devices.camera import orientation, pagecontent
from clerk_app.devices.camera.barcodes import find_text, read_codes
from clerk_app.devices.camera.errors import CameraError
from clerk_app.devices.camera.idcard_layout import card_boxes, merge_pages, merge_sides
from clerk_app.devices.camera.process import CARD_DPI, clean_page
from clerk_app.devices.camera.sizes import A4, ID1
from clerk_app.devices.camera.synthetic import Shot, ShotSpec, make_shot

from .conftest import CAPTURE_SIZE


def test_a_photographed_page_becomes_an_upright_a4_at_200_dpi(text_page_shot: Shot) -> None:
    page = clean_page(text_page_shot.image, "gray")
    assert page.paper == "a4"
    assert page.image.shape == (A4.pixels(200)[1], A4.pixels(200)[0])
    assert page.rotation == 180
    assert not page.blank
    # Whitened: the paper is white, the print dark.
    assert np.mean(page.image > 240) > 0.8
    assert np.percentile(page.image, 1) < 60


def test_shadows_and_uneven_light_are_removed() -> None:
    shot = make_shot(ShotSpec(seed=3, size=CAPTURE_SIZE, kind="a4", blank=True, hand=False,
                              background="dark"))
    page = clean_page(shot.image, "gray")
    assert page.blank
    inner = page.image[100:-100, 100:-100]
    assert inner.min() > 200 and inner.std() < 4


@pytest.mark.parametrize("mode,channels", [("color", 3), ("gray", 1), ("bw", 1)])
def test_modes(text_page_shot: Shot, mode: str, channels: int) -> None:
    page = clean_page(text_page_shot.image, mode)  # type: ignore[arg-type]
    assert (page.image.ndim == 3) == (channels == 3)
    if mode == "bw":
        assert set(np.unique(page.image)) <= {0, 255}


def test_orientation_of_flat_pages() -> None:
    right = total = 0
    for seed in range(20):
        kind = ("a4", "a5", "id1", "a4")[seed % 4]
        page, _ = pagecontent.render(kind, (4.0, 6.0, 8.0)[seed % 3], np.random.default_rng(seed))
        for turn in (0, 90, 180, 270):
            fix = orientation.upright_rotation(orientation.rotate(page, turn), kind == "id1")
            right += (turn + fix) % 360 == 0
            total += 1
    print(f"\norientation: {right}/{total} right")
    assert right / total >= 0.95


def test_id_card_sides_on_one_a4_page_at_true_size() -> None:
    sides = []
    for seed in (90, 91):
        shot = make_shot(ShotSpec(seed=seed, size=CAPTURE_SIZE, kind="id1", hand=False))
        sides.append(clean_page(shot.image, "color", CARD_DPI, card=True))
    assert all(side.paper == "id1" for side in sides)
    merged = merge_pages(sides[0], sides[1])
    assert merged.image.shape[:2] == (A4.pixels(CARD_DPI)[1], A4.pixels(CARD_DPI)[0])
    card_w, card_h = ID1.pixels(CARD_DPI)
    assert (card_w, card_h) == (1011, 638)  # 85.6 x 54 mm at 300 dpi
    for x, y, w, h in card_boxes(CARD_DPI):
        assert (w, h) == (card_w, card_h)
        ink = np.argwhere(merged.image[y - 20:y + h + 20, x - 20:x + w + 20].min(axis=2) < 250)
        height, width = ink.max(axis=0) - ink.min(axis=0) + 1
        assert abs(width - card_w) <= 4 and abs(height - card_h) <= 4


def test_id_card_merge_needs_two_sides() -> None:
    with pytest.raises(CameraError):
        merge_sides([np.zeros((50, 80, 3), np.uint8)])


def test_qr_code_is_read_from_a_photographed_page(qr_page_shot: Shot) -> None:
    page = clean_page(qr_page_shot.image, "gray")
    codes = read_codes(page.image)
    assert find_text(codes, r"SL-\d{4}-\d{6}") == "SL-2026-000123"
    assert codes[0].format == "QRCode"


def test_no_code_on_a_plain_page(text_page_shot: Shot) -> None:
    page = clean_page(text_page_shot.image, "gray")
    assert find_text(read_codes(page.image), r"SL-.*") is None


def test_the_clerks_rotate_turns_the_page(text_page_shot: Shot) -> None:
    page = clean_page(text_page_shot.image, "gray").rotated(90)
    assert page.rotation == 270
    assert page.image.shape[1] > page.image.shape[0]
    assert cv2.countNonZero(255 - page.image) > 0
