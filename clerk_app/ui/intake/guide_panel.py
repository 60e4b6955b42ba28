"""The guide panel: what a clerk checks for the chosen matter (conditions, materials, limits, fees)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from clerk_app.core.catalogue import Catalogue
from clerk_app.core.guide import Matter
from clerk_app.core.guide_text import material_text, time_limit_text


def _list(items: list[str]) -> str:
    return "<ol>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ol>"


def matter_html(matter: Matter, catalogue: Catalogue) -> str:
    rows = [
        ("实施编码", matter.code),
        ("事项类型", matter.type),
        ("实施主体", f"{catalogue.department_name(matter.department)} · {matter.agency}"),
        ("办理时限", time_limit_text(matter)),
        ("收费", matter.fee_text),
        ("到现场", f"{matter.visits}次 · {matter.online_level}"),
        ("办理结果", f"{matter.result.name}（{'、'.join(matter.result.delivery)}）"),
        ("咨询/投诉", f"{matter.contacts.consult} / {matter.contacts.complaint}"),
    ]
    table = "".join(f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return (
        f"<h3>{escape(matter.name)}</h3><table cellspacing='4'>{table}</table>"
        f"<h4>受理条件</h4>{_list(list(matter.conditions))}"
        f"<h4>申请材料</h4>{_list([material_text(m) for m in matter.materials])}"
        f"<h4>设定依据</h4>{_list([str(b) for b in matter.legal_basis])}"
    )


def guide_html(code: str, catalogue: Catalogue) -> str:
    if code in catalogue.matters:
        return matter_html(catalogue.matters[code], catalogue)
    bundle = catalogue.bundles[code]
    parts = [f"<h3>{escape(bundle.name)}（一件事一次办）</h3>"]
    if bundle.description:
        parts.append(f"<p>{escape(bundle.description)}</p>")
    for member in bundle.members:
        parts.append(matter_html(catalogue.matters[member.code], catalogue))
    return "<hr/>".join(parts)


class GuidePanel(QTextBrowser):
    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.setObjectName("guide_panel")
        self.setOpenExternalLinks(False)

    def show_guide(self, code: str) -> None:
        self.setHtml(guide_html(code, self.catalogue))
