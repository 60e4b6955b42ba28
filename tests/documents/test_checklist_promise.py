"""材料接收清单 and 容缺受理承诺书, read back from the PDF."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest

from clerk_app.core.case import MaterialReceipt
from clerk_app.core.catalogue import Catalogue
from clerk_app.documents.checklist import listed_materials, receipt_status, render_checklist, summary
from clerk_app.documents.facts import DocumentError
from clerk_app.documents.promise import render_promise
from tests.documents import cases
from tests.documents.pdfs import pdf_pages, pdf_text, squeeze


def test_checklist_of_a_tolerance_acceptance(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.tolerance_case(catalogue)
    path = tmp_path / "checklist.pdf"
    render_checklist(case, catalogue, cases.HALL, path)
    text = squeeze(pdf_text(path))
    assert "材料接收清单" in text and f"办件编号：{case.number}" in text
    assert f"申请人{cases.APPLICANT_NAME}" in text
    assert "1食品经营许可申请书原件1已收取" in text
    assert "2营业执照电子—电子证照调取电子证照：营业执照" in text
    assert "5加工操作流程文件原件—容缺待补2026年3月6日前补齐" in text
    assert "7食品安全管理人员任命文件及培训考核证明复印件1已收取非必要材料" in text
    assert "共列材料8件：已收取5件，电子证照调取1件，容缺待补2件。" in text
    assert f"交件人：{cases.AGENT_NAME}" in text and f"接收人：{cases.CLERK_NAME}" in text
    assert "138****1234" in text  # phones appear on the checklist, masked
    assert pdf_pages(path) == 1


def test_checklist_lists_required_and_handed_in_materials_only(catalogue: Catalogue) -> None:
    case = cases.accepted_case(catalogue)
    absent_optional = MaterialReceipt("x", "无关材料", "非必要", False)
    missing_required = MaterialReceipt("y", "必要但未交的材料", "必要", True)
    listed = listed_materials(replace(case, materials=(*case.materials, absent_optional, missing_required)))
    assert [m.name for m in listed][-1] == "必要但未交的材料"
    assert "无关材料" not in [m.name for m in listed]
    assert receipt_status(missing_required) == "未提交"
    assert summary(listed) == "共列材料5件：已收取3件，电子证照调取1件，未提交1件。"


def test_checklist_shows_the_scanned_pages(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "checklist.pdf"
    render_checklist(cases.accepted_case(catalogue), catalogue, cases.HALL, path)
    assert "已扫描2页" in squeeze(pdf_text(path))


def test_no_checklist_for_a_refusal(catalogue: Catalogue) -> None:
    with pytest.raises(DocumentError):
        render_checklist(cases.refuse_case(catalogue), catalogue, cases.HALL, BytesIO())


def test_promise(catalogue: Catalogue, tmp_path: Path) -> None:
    case = cases.tolerance_case(catalogue)
    path = tmp_path / "promise.pdf"
    render_promise(case, catalogue, cases.HALL, path)
    text = squeeze(pdf_text(path))
    assert "容缺受理承诺书" in text and f"{cases.HALL.name}：" in text
    assert f"办件编号为{case.number}" in text
    assert "加工操作流程文件" in text and "保证食品安全的规章制度目录清单" in text
    assert "二、于2026年3月6日前补齐上述容缺材料" in text
    assert "记入信用记录" in text
    assert f"承诺人（申请人）：{cases.APPLICANT_NAME}" in text
    assert f"代办人：{cases.AGENT_NAME}" in text and f"受理人：{cases.CLERK_NAME}" in text
    assert "150203199003071238" in text  # the hall keeps the signed promise: full number
    assert pdf_pages(path) == 1


def test_promise_of_an_organisation_is_sealed_and_signed_by_its_representative(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    case = replace(cases.tolerance_case(catalogue), applicant=cases.company())
    path = tmp_path / "promise.pdf"
    render_promise(case, catalogue, cases.HALL, path)
    text = squeeze(pdf_text(path))
    assert "本单位申请办理" in text
    assert "承诺单位（盖章）：包头市塞上味道餐饮管理有限公司" in text and "法定代表人：乌云其木格" in text


def test_no_promise_without_tolerated_materials(catalogue: Catalogue) -> None:
    with pytest.raises(DocumentError):
        render_promise(cases.accepted_case(catalogue), catalogue, cases.HALL, BytesIO())
