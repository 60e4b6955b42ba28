"""Realistic decided cases for the document tests, built on the shipped guides.

The applicant's name carries U+20000 (CJK Extension B, missing from WenQuanYi Zen Hei) and the
agent is 买买提·艾力 (a middle dot name); the one-time notice lists thirty items.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from clerk_app.core.case import Agent, Applicant, Case, Decision, DecisionKind, MaterialReceipt
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.hall import HallInfo

EXT_B = "\U00020000"
APPLICANT_NAME = f"张{EXT_B}明"
AGENT_NAME = "买买提·艾力"
CLERK_NAME = "王晓燕"
SHOP = "150200-SCJG-XK-0012-01"  # 个体工商户设立登记: 1 working day
FOOD = "150200-SCJG-XK-0020-01"  # 食品经营许可（新办）: 5 working days, tolerable materials
RESTAURANT_BUNDLE = "150200-YJS-0002"  # 开餐馆一件事
APPLIED = datetime(2026, 3, 2, 10, 15)
DECIDED = datetime(2026, 3, 2, 10, 32)

HALL = HallInfo(
    code="BT01",
    name="包头市政务服务中心",
    window_code="W07",
    window_name="综合受理7号窗口",
    address="包头市昆都仑区阿尔丁大街1号",
    phone="0472-5616300",
    query_url="https://zwfw.baotou.gov.cn/progress",
)


def person(*, agent: bool = True, name: str = APPLICANT_NAME) -> Applicant:
    return Applicant(
        kind="自然人",
        name=name,
        id_number="150203199003071238",
        phone="13804721234",
        address="包头市昆都仑区钢铁大街28号",
        agent=Agent(AGENT_NAME, "650102198805061232", "13999001122") if agent else None,
    )


def company() -> Applicant:
    return Applicant(
        kind="法人",
        name="包头市塞上味道餐饮管理有限公司",
        id_number="91150203MA0N4XYZ7K",
        phone="0472-5123456",
        legal_rep="乌云其木格",
        agent=Agent(AGENT_NAME, "650102198805061232", "13999001122"),
    )


def base_case(catalogue: Catalogue, code: str, sequence: int, applicant: Applicant) -> Case:
    single = code in catalogue.matters
    codes = (code,) if single else tuple(m.code for m in catalogue.bundles[code].members)
    return Case(
        id=f"01JNQ8Z6Y1M7W3E8R2T5V9X{sequence:03d}",
        number=f"BT01-W07-20260302-{sequence:04d}",
        code=code,
        name=catalogue.name_of(code),
        matter_codes=codes,
        departments=tuple(dict.fromkeys(catalogue.matters[c].department for c in codes)),
        hall_code="BT01",
        window_code="W07",
        created_at=APPLIED,
        clerk="wangxy",
        applicant=applicant,
    )


def decided(case: Case, kind: DecisionKind, **fields: object) -> Case:
    decision = Decision(kind=kind, by="wangxy", by_name=CLERK_NAME, at=DECIDED, **fields)  # type: ignore[arg-type]
    return case.decided(decision)


def shop_materials() -> tuple[MaterialReceipt, ...]:
    return (
        MaterialReceipt("gtgsh_registration_form", "个体工商户登记（备案）申请书", "必要", True, True, "原件", 1,
                        scans=("a1", "a2")),
        MaterialReceipt("id_card", "经营者身份证件", "必要", True, by_e_licence=True),
        MaterialReceipt("lease_contract", "房屋租赁合同", "容缺", True, True, "复印件", 1),
        MaterialReceipt("agent_authorisation", "委托代理人证明（授权委托书）及代理人身份证件", "必要", True, True,
                        "原件和复印件", 1),
    )


def accepted_case(catalogue: Catalogue) -> Case:
    case = replace(base_case(catalogue, SHOP, 42, person()), materials=shop_materials())
    return decided(case, DecisionKind.ACCEPT, promised_date=date(2026, 3, 3))


PROMISE_DUE = date(2026, 3, 6)


def tolerance_case(catalogue: Catalogue) -> Case:
    materials = (
        MaterialReceipt("food_licence_application", "食品经营许可申请书", "必要", True, True, "原件", 1),
        MaterialReceipt("business_licence", "营业执照", "必要", True, by_e_licence=True),
        MaterialReceipt("id_card", "经营者（法定代表人、负责人）身份证件", "必要", True, True, "复印件", 1),
        MaterialReceipt("equipment_layout", "主要设备设施清单及经营场所布局平面图", "必要", True, True, "原件", 1),
        MaterialReceipt("process_flow", "加工操作流程文件", "容缺", True, tolerated=True, due=PROMISE_DUE),
        MaterialReceipt("food_safety_rules_list", "保证食品安全的规章制度目录清单", "容缺", True, tolerated=True,
                        due=PROMISE_DUE),
        MaterialReceipt("food_safety_manager_proof", "食品安全管理人员任命文件及培训考核证明", "非必要", False,
                        True, "复印件", 1),
        MaterialReceipt("agent_authorisation", "委托代理人证明（授权委托书）及代理人身份证件", "必要", True, True,
                        "原件和复印件", 1),
    )
    case = replace(base_case(catalogue, FOOD, 43, person()), materials=materials)
    return decided(
        case, DecisionKind.TOLERANCE_ACCEPT, promise_due=PROMISE_DUE, promised_date=date(2026, 3, 9)
    )


MISSING = (
    "个体工商户登记（备案）申请书：经营者未签字，须本人签字确认",
    "房屋租赁合同",
    "经营场所房屋产权证明复印件（由出租方提供）",
    "出租方身份证件复印件",
    "经营场所位置示意图（标明门牌号及周边道路）",
    "申请书“经营者住所”栏与身份证件住址不一致，须填写一致或附居住证明",
    "申请书“组成形式”栏未勾选",
    "申请书“从业人数”栏未填写",
    "申请书“资金数额”栏大小写金额不一致",
    "申请书“经营范围”栏“食品销售”应表述为“食品销售（仅销售预包装食品）”",
    "授权委托书未载明委托事项和权限",
    "代理人身份证件复印件（须与原件核对一致）",
    "家庭经营的，家庭成员关系证明（居民户口簿）复印件",
    "参与经营的家庭成员身份证件复印件",
    "个体工商户名称自主申报告知书（使用名称的）",
    "名称中的行业表述与主营项目不一致",
    "住宅改为经营性用房的，利害关系业主同意证明",
    "物业服务企业出具的经营场所使用证明",
    "食品经营许可申请书（同时申请食品经营许可的）",
    "主要设备设施清单及经营场所布局平面图",
    "加工操作流程文件",
    "保证食品安全的规章制度目录清单",
    "食品安全管理人员任命文件及培训考核证明",
    "从业人员健康证明",
    "消防安全承诺书",
    "门头招牌设置方案及外立面照片",
    "餐饮服务涉及油烟排放的，环境影响登记表备案回执",
    "新办纳税人税务信息确认表",
    "银行结算账户信息（开户许可证或账户信息确认书）",
    "联系电话无法接通，须提供有效的联系电话",
)


def notify_case(catalogue: Catalogue) -> Case:
    materials = (
        MaterialReceipt("gtgsh_registration_form", "个体工商户登记（备案）申请书", "必要", True, True, "原件", 1,
                        defect="经营者未签字"),
        MaterialReceipt("id_card", "经营者身份证件", "必要", True, True, "复印件", 1),
        MaterialReceipt("lease_contract", "房屋租赁合同", "容缺", True, False),
    )
    case = replace(base_case(catalogue, SHOP, 44, person()), materials=materials)
    return decided(
        case, DecisionKind.NOTIFY, missing=MISSING, reason="补正材料可在工作日到任一综合窗口提交。"
    )


REFUSAL = "申请人拟从事的危险化学品经营不属于个体工商户登记的受理范围，应先取得危险化学品经营许可"
COMPETENT = "包头市应急管理局"


def refuse_case(catalogue: Catalogue) -> Case:
    case = base_case(catalogue, SHOP, 45, company())
    return decided(case, DecisionKind.REFUSE, reason=REFUSAL, competent_agency=COMPETENT)


def bundle_case(catalogue: Catalogue) -> Case:
    case = replace(base_case(catalogue, RESTAURANT_BUNDLE, 46, person(agent=False)), materials=shop_materials())
    return decided(case, DecisionKind.ACCEPT, promised_date=date(2026, 3, 9))
