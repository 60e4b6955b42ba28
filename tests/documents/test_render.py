"""The documents each window decision produces."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from clerk_app.core.case import DecisionKind
from clerk_app.core.catalogue import Catalogue
from clerk_app.documents import render
from clerk_app.documents.facts import DocumentError
from clerk_app.documents.render import render_for_decision
from tests.documents import cases
from tests.documents.pdfs import pdf_text, squeeze

EXPECTED = {
    "accepted_case": ["受理通知书", "材料接收清单"],
    "tolerance_case": ["容缺受理通知书", "容缺受理承诺书", "材料接收清单"],
    "notify_case": ["一次性告知书"],
    "refuse_case": ["不予受理通知书"],
}


@pytest.mark.parametrize("build", EXPECTED)
def test_each_decision_gives_its_documents(build: str, catalogue: Catalogue, tmp_path: Path) -> None:
    case = getattr(cases, build)(catalogue)
    paths = render_for_decision(case, catalogue, cases.HALL, tmp_path / "out")
    assert [p.name for p in paths] == [f"{case.number}-{title}.pdf" for title in EXPECTED[build]]
    for path, title in zip(paths, EXPECTED[build], strict=True):
        text = squeeze(pdf_text(path))
        assert title in text
        assert case.applicant.name in text


def test_an_undecided_case_prints_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    draft = replace(cases.accepted_case(catalogue), decision=None)
    with pytest.raises(DocumentError):
        render_for_decision(draft, catalogue, cases.HALL, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_failing_document_leaves_no_partial_set(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> int:
        raise DocumentError("the second document cannot be made")

    first = render.DOCUMENTS[DecisionKind.ACCEPT][0]
    monkeypatch.setitem(render.DOCUMENTS, DecisionKind.ACCEPT, (first, ("材料接收清单", broken)))
    with pytest.raises(DocumentError, match="second document"):
        render_for_decision(cases.accepted_case(catalogue), catalogue, cases.HALL, tmp_path)
    assert list(tmp_path.iterdir()) == []
