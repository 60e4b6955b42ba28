"""Page furniture: QR code, embedded fonts, page numbering, continuation headers, determinism."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from clerk_app.core.catalogue import Catalogue
from clerk_app.core.hall import HallInfo
from clerk_app.documents.notices import render_accept_notice, render_notify_notice
from tests.documents import cases
from tests.documents.pdfs import pdf_fonts, pdf_text, read_codes, render_page, squeeze


def test_qr_code_carries_the_query_link(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.accepted_case(catalogue)
    path = tmp_path / "accept.pdf"
    render_accept_notice(case, catalogue, cases.HALL, path)
    codes = read_codes(render_page(path, 1, tmp_path))
    assert codes == [cases.HALL.query_link(case.number)]
    assert codes[0] == f"https://zwfw.baotou.gov.cn/progress?case={case.number}"


def test_without_a_query_address_the_qr_code_carries_the_number(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.accepted_case(catalogue)
    hall = HallInfo(code="BT01", name="包头市政务服务中心", window_code="W07")
    path = tmp_path / "accept.pdf"
    render_accept_notice(case, catalogue, hall, path)
    assert read_codes(render_page(path, 1, tmp_path)) == [case.number]


def test_every_font_is_embedded(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "accept.pdf"
    render_accept_notice(cases.accepted_case(catalogue), catalogue, cases.HALL, path)
    fonts = pdf_fonts(path)
    assert len(fonts) >= 2  # the main face and the Extension B fallback for the applicant's name
    assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts), fonts
    assert not any("Helvetica" in f["name"] or "STSong" in f["name"] for f in fonts)


def test_long_lists_flow_with_numbered_pages_and_continuation_headers(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.notify_case(catalogue)
    path = tmp_path / "notify.pdf"
    pages = render_notify_notice(case, catalogue, cases.HALL, path)
    assert pages >= 2
    text = squeeze(pdf_text(path))
    for page in range(1, pages + 1):
        assert f"第{page}页共{pages}页" in text
    assert text.count(f"办件编号：{case.number}") == pages  # every page names its case
    assert text.count("一次性告知书（续）") == pages - 1
    assert text.count("序号需补正的材料或内容补正要求") >= 2  # the table's header row is repeated
    assert read_codes(render_page(path, 1, tmp_path)) == [cases.HALL.query_link(case.number)]
    assert read_codes(render_page(path, 2, tmp_path)) == []  # the QR code is on the first page only


def test_output_is_deterministic(catalogue: Catalogue) -> None:
    first, second = BytesIO(), BytesIO()
    render_accept_notice(cases.accepted_case(catalogue), catalogue, cases.HALL, first)
    render_accept_notice(cases.accepted_case(catalogue), catalogue, cases.HALL, second)
    assert first.getvalue() == second.getvalue()
    assert b"/CreationDate (D:20000101000000+00'00')" in first.getvalue()
