"""Material PDFs (size, dpi, byte budget) and the `clerk-app scan` commands."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from clerk_app.cli import main as cli_main
from clerk_app.devices.camera.errors import PdfError
from clerk_app.devices.camera.pdf import encode_page, write_pdf
from clerk_app.devices.camera.process import clean_page, write_material_pdf
from clerk_app.devices.camera.synthetic import Shot, ShotSpec, make_shot
from tests.support import require_program

A4_POINTS = (595.3, 841.9)


@pytest.fixture
def scan_cli(monkeypatch: pytest.MonkeyPatch):
    """The real `clerk-app` entry point with only the scan command registered."""
    monkeypatch.setattr(cli_main, "COMMANDS", {"scan": "clerk_app.cli.scan"})
    return cli_main.main


def _pdfimages(path: Path) -> list[list[str]]:
    out = subprocess.run([require_program("pdfimages"), "-list", str(path)], check=True,
                         capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def _page_size(path: Path) -> tuple[float, float]:
    out = subprocess.run([require_program("pdfinfo"), str(path)], check=True,
                         capture_output=True, text=True).stdout
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out)
    assert match, out
    return float(match.group(1)), float(match.group(2))


def test_grey_a4_pages_at_200_dpi_stay_within_120_kb(text_page_shot: Shot, qr_page_shot: Shot,
                                                     tmp_path: Path) -> None:
    pages = [clean_page(shot.image, "gray") for shot in (text_page_shot, qr_page_shot)]
    out = tmp_path / "material.pdf"
    size = write_material_pdf(pages, out, "营业执照")
    rows = _pdfimages(out)
    assert len(rows) == 2
    for row in rows:
        width, height, colour, bpc, enc, x_ppi, y_ppi = row[3:6] + row[7:9] + row[12:14]
        assert (width, height, colour, bpc, enc) == ("1654", "2339", "gray", "8", "jpeg")
        assert (x_ppi, y_ppi) == ("200", "200")
    page_w, page_h = _page_size(out)
    assert abs(page_w - A4_POINTS[0]) < 1 and abs(page_h - A4_POINTS[1]) < 1
    print(f"\nbytes per grey A4 page at 200 dpi: {size / 2:.0f}")
    assert size / 2 <= 120_000 + 2_000  # image budget plus PDF structure


def test_black_and_white_pages_are_1_bit(text_page_shot: Shot, tmp_path: Path) -> None:
    page = clean_page(text_page_shot.image, "bw")
    out = tmp_path / "bw.pdf"
    write_material_pdf([page], out)
    row = _pdfimages(out)[0]
    assert row[5:8] == ["gray", "1", "1"]
    assert out.stat().st_size < 80_000


def test_odd_sizes_keep_their_dpi(tmp_path: Path) -> None:
    image = np.full((600, 900), 255, np.uint8)
    cv2.putText(image, "receipt", (50, 300), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 5)
    out = tmp_path / "odd.pdf"
    write_pdf([encode_page(image, 150)], out)
    page_w, page_h = _page_size(out)
    assert abs(page_w - 900 * 72 / 150) < 0.01 and abs(page_h - 600 * 72 / 150) < 0.01


def test_pdf_errors_are_typed(tmp_path: Path) -> None:
    with pytest.raises(PdfError):
        write_pdf([], tmp_path / "none.pdf")
    with pytest.raises(PdfError) as caught:
        write_pdf([encode_page(np.zeros((40, 40), np.uint8), 200)], tmp_path / "no" / "x.pdf")
    assert "无法写入PDF" in caught.value.text()


def test_cli_detect_prints_the_json_contract(scan_cli, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    shot = make_shot(ShotSpec(seed=5, kind="a4", content_rotation=90, hand=False))
    path = tmp_path / "page.jpg"
    cv2.imwrite(str(path), shot.image)
    assert scan_cli(["scan", "detect", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"corners", "confidence"}
    corners = np.array(result["corners"])
    assert corners.shape == (4, 2) and 0.0 < result["confidence"] <= 1.0
    assert np.abs(corners - shot.corners).max() < 4.0  # same order as the ground truth


def test_cli_detect_without_a_page(scan_cli, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "desk.png"
    cv2.imwrite(str(path), np.full((480, 640, 3), 90, np.uint8))
    assert scan_cli(["scan", "detect", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == {"corners": None, "confidence": 0.0}


@pytest.mark.parametrize("content,message", [(None, "找不到图像文件"), (b"", "图像为空"),
                                             (b"%PDF-1.4 not an image", "不是可识别的图像文件")])
def test_cli_bad_images_give_a_message_not_a_traceback(
    scan_cli, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / "bad.jpg"
    if content is not None:
        path.write_bytes(content)
    assert scan_cli(["scan", "detect", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_process_writes_a_material_pdf(scan_cli, text_page_shot: Shot, tmp_path: Path) -> None:
    path = tmp_path / "page.jpg"
    cv2.imwrite(str(path), text_page_shot.image)
    out = tmp_path / "out.pdf"
    assert scan_cli(["scan", "process", str(path), str(path), "-o", str(out), "--mode", "bw"]) == 0
    assert len(_pdfimages(out)) == 2


def test_cli_process_idcard_makes_one_a4_page(scan_cli, tmp_path: Path) -> None:
    paths = []
    for seed in (90, 91):
        shot = make_shot(ShotSpec(seed=seed, size=(1600, 1200), kind="id1", hand=False))
        paths.append(tmp_path / f"side{seed}.jpg")
        cv2.imwrite(str(paths[-1]), shot.image)
    out = tmp_path / "idcard.pdf"
    assert scan_cli(["scan", "process", *map(str, paths), "-o", str(out), "--idcard"]) == 0
    rows = _pdfimages(out)
    assert len(rows) == 1 and rows[0][12:14] == ["300", "300"]
    page_w, page_h = _page_size(out)
    assert abs(page_w - A4_POINTS[0]) < 1 and abs(page_h - A4_POINTS[1]) < 1


def test_cli_idcard_needs_two_images(scan_cli, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.png"
    cv2.imwrite(str(path), np.full((480, 640, 3), 90, np.uint8))
    assert scan_cli(["scan", "process", str(path), "-o", str(tmp_path / "x.pdf"), "--idcard"]) == 1
    assert "正面和反面" in capsys.readouterr().err
