"""Printed documents of the comprehensive window: A4 PDFs with an embedded CJK font.

One function per document, each `render_xxx(case, catalogue, hall, out) -> pages`:
受理通知书 (`render_accept_notice`), 容缺受理通知书 (`render_tolerance_notice`), 容缺受理承诺书
(`render_promise`), 一次性告知书 (`render_notify_notice`), 不予受理通知书 (`render_refuse_notice`),
材料接收清单 (`render_checklist`); `render_for_decision` writes the set a decision produces.

An adapter: it reads `clerk_app.core` and `clerk_app.config`, and knows no Qt (printing a PDF is
`clerk_app.ui.printing`).
"""

from clerk_app.documents.checklist import render_checklist
from clerk_app.documents.facts import DocumentError
from clerk_app.documents.fonts import FontNotFoundError, document_fonts
from clerk_app.documents.notices import (
    render_accept_notice,
    render_notify_notice,
    render_refuse_notice,
    render_tolerance_notice,
)
from clerk_app.documents.promise import render_promise
from clerk_app.documents.render import render_for_decision

__all__ = [
    "DocumentError",
    "FontNotFoundError",
    "document_fonts",
    "render_accept_notice",
    "render_checklist",
    "render_for_decision",
    "render_notify_notice",
    "render_promise",
    "render_refuse_notice",
    "render_tolerance_notice",
]
