"""One document being written: the case, its resolved facts, fonts, blocks and page furniture."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable

from clerk_app.core.case import Case
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.hall import HallInfo
from clerk_app.documents.blocks import Blocks, Field, GridRow
from clerk_app.documents.facts import CaseFacts, case_facts, cn_date, cn_datetime, hall_footer
from clerk_app.documents.fonts import document_fonts
from clerk_app.documents.layout import Furniture, build_pdf

Output = Path | BinaryIO


@dataclass(frozen=True)
class Sheet:
    title: str
    case: Case
    hall: HallInfo
    facts: CaseFacts
    blocks: Blocks

    @property
    def window(self) -> str:
        if self.hall.window_name and self.hall.window_code == self.case.window_code:
            return self.hall.window_name
        return self.case.window_code

    @property
    def applied_on(self) -> str:
        return cn_date(self.case.created_at)

    @property
    def decided_at(self) -> str:
        return cn_datetime(self.case.decision.at) if self.case.decision else ""

    @property
    def decided_on(self) -> str:
        return cn_date(self.case.decision.at) if self.case.decision else ""

    @property
    def clerk(self) -> str:
        return self.case.decision.by_name if self.case.decision else self.case.clerk

    def matter_fields(self) -> list[GridRow]:
        return [
            Field("事项名称", self.facts.matter),
            (Field("事项编码", self.facts.codes), Field("承办部门", self.facts.departments)),
        ]

    def build(self, out: Output, story: Sequence[Flowable]) -> int:
        furniture = Furniture(
            title=self.title,
            hall_name=self.hall.name,
            case_number=self.case.number,
            query_link=self.hall.query_link(self.case.number),
            footer=hall_footer(self.hall, self.facts),
            fonts=self.blocks.fonts,
        )
        return build_pdf(out, furniture, story)


def sheet(title: str, case: Case, catalogue: Catalogue, hall: HallInfo) -> Sheet:
    """Start a document (raises FontNotFoundError when no CJK font is installed)."""
    return Sheet(title, case, hall, case_facts(case, catalogue, hall), Blocks(document_fonts()))
