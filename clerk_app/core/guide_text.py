"""A guide as a clerk reads it: plain Chinese text for the terminal and printed guides."""

from __future__ import annotations

from clerk_app.core.catalogue import Catalogue
from clerk_app.core.guide import Bundle, Material, Matter


def time_limit_text(matter: Matter) -> str:
    limit = matter.time_limit
    if limit.immediate:
        return "即办件（当场办结）"
    return f"承诺件：法定{limit.legal_days}个工作日，承诺{limit.promised_days}个工作日"


def material_text(material: Material) -> str:
    parts = [f"{material.form}{material.copies}份" if material.copies else material.form]
    parts.append(material.necessity.value)
    parts.append(material.source)
    if material.e_licence:
        parts.append(f"可调取电子证照：{material.e_licence}")
    if material.when is not None:
        parts.append(f"适用情形：{material.when.source}")
    line = f"{material.name}（{'，'.join(parts)}）"
    return f"{line}\n      受理标准：{material.standard}" if material.standard else line


def matter_lines(matter: Matter, catalogue: Catalogue) -> list[str]:
    lines = [
        f"{matter.name}",
        f"  实施编码：{matter.code}" + (f"    基本编码：{matter.basic_code}" if matter.basic_code else ""),
        f"  事项类型：{matter.type}    办理项：{matter.hierarchy.item or '—'}",
        f"  主管部门：{catalogue.department_name(matter.department)}    实施主体：{matter.agency}",
        f"  服务对象：{'、'.join(matter.applicant_kinds)}",
        f"  办理时限：{time_limit_text(matter)}",
        f"  收费标准：{matter.fee_text}",
        f"  到现场次数：{matter.visits}次    网办深度：{matter.online_level}",
        f"  办理结果：{matter.result.name}（{matter.result.kind}；{'、'.join(matter.result.delivery)}）",
        "  设定依据：",
        *(f"    {basis}" for basis in matter.legal_basis),
        "  受理条件：",
        *(f"    {i}. {c}" for i, c in enumerate(matter.conditions, 1)),
    ]
    if matter.situations:
        lines.append("  办理情形：")
        lines += [f"    {s.label}：{' / '.join(s.options)}" for s in matter.situations]
    lines.append("  申请材料：")
    lines += [f"    {i}. {material_text(m)}" for i, m in enumerate(matter.materials, 1)]
    lines.append("  办理流程：" + " → ".join(step.step for step in matter.process))
    contacts = matter.contacts
    lines.append(f"  咨询电话：{contacts.consult}    监督投诉：{contacts.complaint}")
    if contacts.address:
        lines.append(f"  办理地点：{contacts.address}")
    if contacts.hours:
        lines.append(f"  办理时间：{contacts.hours}")
    return lines


def bundle_lines(bundle: Bundle, catalogue: Catalogue) -> list[str]:
    form = catalogue.form(bundle.code)
    lines = [
        f"{bundle.name}（一件事一次办）",
        f"  编码：{bundle.code}    牵头部门：{catalogue.department_name(bundle.department)}",
    ]
    if bundle.description:
        lines.append(f"  说明：{bundle.description}")
    lines.append("  包含事项：")
    for member in bundle.members:
        matter = catalogue.matters[member.code]
        condition = f"（{member.when.source}）" if member.when is not None else ""
        department = catalogue.department_name(matter.department)
        lines.append(f"    {matter.name}  [{department}，{time_limit_text(matter)}]{condition}")
    lines.append(f"  表单字段：{len(form.fields)}项（共享字段只填一次）")
    lines.append("  申请材料（已合并去重）：")
    lines += [f"    {i}. {material_text(m.material)}" for i, m in enumerate(form.materials, 1)]
    return lines


def guide_text(code: str, catalogue: Catalogue) -> str:
    """The guide for a matter or bundle code (KeyError when unknown)."""
    if code in catalogue.matters:
        return "\n".join(matter_lines(catalogue.matters[code], catalogue))
    return "\n".join(bundle_lines(catalogue.bundles[code], catalogue))
