"""The four notices, read back from the PDF: what a citizen must find on them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest

from clerk_app.core.catalogue import Catalogue
from clerk_app.documents.facts import DocumentError
from clerk_app.documents.notices import (
    render_accept_notice,
    render_notify_notice,
    render_refuse_notice,
    render_tolerance_notice,
)
from tests.documents import cases
from tests.documents.pdfs import pdf_pages, pdf_text, squeeze


def _render(render, case, catalogue: Catalogue, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "notice.pdf"
    pages = render(case, catalogue, cases.HALL, path)
    assert pages == pdf_pages(path)
    return path, squeeze(pdf_text(path))


def _assert_furniture(text: str, title: str, number: str) -> None:
    assert cases.HALL.name in text
    assert title in text
    assert f"办件编号：{number}" in text
    assert "地址：包头市昆都仑区阿尔丁大街1号" in text


def test_accept_notice(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.accepted_case(catalogue)
    path, text = _render(render_accept_notice, case, catalogue, tmp_path)
    _assert_furniture(text, "受理通知书", case.number)
    assert f"{cases.APPLICANT_NAME}：" in text
    assert cases.AGENT_NAME in text
    assert "个体工商户设立登记" in text and "150200-SCJG-XK-0012-01" in text
    assert "决定予以受理" in text and "《中华人民共和国行政许可法》第三十二条第一款第（五）项" in text
    assert "承诺于2026年3月3日前办结" in text and "承诺办结日期2026年3月3日" in text
    assert "承诺件：法定15个工作日，承诺1个工作日" in text
    assert "受理人王晓燕" in text and "受理时间2026年3月2日10:32" in text
    assert "个体工商户营业执照" in text and "不收费" in text
    assert "1502**********1238" in text and "150203199003071238" not in text  # masked on a handed-out notice
    assert "第1页共1页" in text
    assert pdf_pages(path) == 1


def test_accept_notice_needs_the_promised_date(catalogue: Catalogue) -> None:
    case = cases.accepted_case(catalogue)
    assert case.decision is not None
    undated = replace(case, decision=replace(case.decision, promised_date=None))
    with pytest.raises(DocumentError, match="promised completion date"):
        render_accept_notice(undated, catalogue, cases.HALL, BytesIO())


def test_a_notice_refuses_the_wrong_decision(catalogue: Catalogue) -> None:
    with pytest.raises(DocumentError, match="needs accept"):
        render_accept_notice(cases.refuse_case(catalogue), catalogue, cases.HALL, BytesIO())
    draft = replace(cases.accepted_case(catalogue), decision=None)
    with pytest.raises(DocumentError, match="decision none"):
        render_refuse_notice(draft, catalogue, cases.HALL, BytesIO())


def test_tolerance_notice(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.tolerance_case(catalogue)
    path, text = _render(render_tolerance_notice, case, catalogue, tmp_path)
    _assert_furniture(text, "容缺受理通知书", case.number)
    assert "决定予以容缺受理" in text and "《容缺受理承诺书》" in text
    for material in case.tolerated_materials:
        assert material.name in text
    assert "请于2026年3月6日前将上述材料补齐" in text
    assert "承诺于2026年3月9日前办结" in text
    assert "至少包括食品安全自查" in text  # the guide's acceptance standard, as the requirement
    assert pdf_pages(path) == 1


def test_tolerance_deadline_must_not_pass_the_promised_date(catalogue: Catalogue) -> None:
    case = cases.tolerance_case(catalogue)
    assert case.decision is not None
    late = replace(case, decision=replace(case.decision, promise_due=date(2026, 3, 10)))
    with pytest.raises(DocumentError, match="later than the promised"):
        render_tolerance_notice(late, catalogue, cases.HALL, BytesIO())
    nothing = replace(case, materials=tuple(replace(m, tolerated=False) for m in case.materials))
    with pytest.raises(DocumentError, match="no tolerated material"):
        render_tolerance_notice(nothing, catalogue, cases.HALL, BytesIO())


def test_one_time_notice_lists_every_item_once_over_several_pages(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.notify_case(catalogue)
    path, text = _render(render_notify_notice, case, catalogue, tmp_path)
    _assert_furniture(text, "一次性告知书", case.number)
    assert pdf_pages(path) >= 2
    assert "第2页共" in text and "一次性告知书（续）" in text
    assert "全部内容（共30项）" in text
    for item in cases.MISSING:
        assert text.count(squeeze(item)) == 1, item
    assert "租赁期限一年以上" in text  # the guide's standard for 房屋租赁合同
    assert "经营者未签字" in text
    assert "补正材料可在工作日到任一综合窗口提交" in text  # the decision's remark
    assert "第三十二条第一款第（四）项" in text


def test_one_time_notice_adds_what_the_decision_left_out(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.notify_case(catalogue)
    assert case.decision is not None
    short = replace(case, decision=replace(case.decision, missing=("出租方身份证件复印件",)))
    _path, text = _render(render_notify_notice, short, catalogue, tmp_path)
    assert "全部内容（共3项）" in text
    assert "个体工商户登记（备案）申请书：经营者未签字" in text  # a defect of a received material
    assert "房屋租赁合同（未提交）" in text  # required, neither received nor tolerated
    assert "经营者身份证件" not in text  # received and sound


def test_one_time_notice_with_nothing_to_tell_is_an_error(catalogue: Catalogue) -> None:
    case = cases.notify_case(catalogue)
    assert case.decision is not None
    empty = replace(case, materials=(), decision=replace(case.decision, missing=()))
    with pytest.raises(DocumentError, match="must list"):
        render_notify_notice(empty, catalogue, cases.HALL, BytesIO())


def test_refuse_notice(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.refuse_case(catalogue)
    path, text = _render(render_refuse_notice, case, catalogue, tmp_path)
    _assert_furniture(text, "不予受理通知书", case.number)
    assert squeeze(cases.REFUSAL) in text
    assert f"请向{cases.COMPETENT}提出" in text and f"有权受理机关{cases.COMPETENT}" in text
    assert "决定不予受理" in text and "第三十二条第一款第（二）项" in text
    assert "六十日内依法申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text
    assert "统一社会信用代码91150203MA0N4XYZ7K" in text  # an organisation's code is public: not masked
    assert pdf_pages(path) == 1


def test_refusal_without_reason_is_an_error(catalogue: Catalogue) -> None:
    case = cases.refuse_case(catalogue)
    assert case.decision is not None
    silent = replace(case, decision=replace(case.decision, reason=""))
    with pytest.raises(DocumentError, match="reason"):
        render_refuse_notice(silent, catalogue, cases.HALL, BytesIO())


def test_bundle_case_names_every_department_and_result(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.bundle_case(catalogue)
    _path, text = _render(render_accept_notice, case, catalogue, tmp_path)
    assert "开餐馆一件事" in text
    assert "市场监管局、税务局" in text
    assert "个体工商户营业执照" in text and "食品经营许可证" in text
    assert "第三十二条" not in text  # not every matter is a licence: no licensing-law citation


def test_a_matter_gone_from_the_catalogue_still_prints(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.accepted_case(catalogue)
    _path, text = _render(render_accept_notice, case, Catalogue(), tmp_path)
    assert "个体工商户设立登记" in text and case.number in text



def test_very_long_texts_flow_over_pages_instead_of_failing(catalogue: Catalogue, tmp_path: Path) -> None:
    refused = cases.refuse_case(catalogue)
    notified = cases.notify_case(catalogue)
    assert refused.decision is not None and notified.decision is not None
    essay = "申请事项依法不属于本机关职权范围，" * 150
    long_reason = replace(refused, decision=replace(refused.decision, reason=essay))
    path, text = _render(render_refuse_notice, long_reason, catalogue, tmp_path)
    assert pdf_pages(path) > 1 and "不予受理理由见正文" in text
    long_item = replace(notified, decision=replace(notified.decision, missing=("补正说明" * 800, *cases.MISSING)))
    path, text = _render(render_notify_notice, long_item, catalogue, tmp_path)
    assert text.count("补正说明") == 800 and "全部内容（共31项）" in text  # split over pages, none lost
