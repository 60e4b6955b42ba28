"""Hand-out (出件): the result of a decided case goes to the applicant, an agent, or by mail.

- to the applicant in person: the ID number read from their card must be the applicant's;
- to an agent (代领人): name, a valid ID number (read from the card when a reader is at hand,
  and then equal to what was typed) and the authorisation material (授权委托书 …);
- by mail (免费邮寄): carrier, tracking number in the carrier's format, recipient, phone, address.

Each check raises `HandoutError`, worded in Chinese and English; `mail_problems` lists every
problem of a mail form at once, by field. `handed_out` moves the case to HANDED_OUT with the
record's summary as the transition note.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from clerk_app.core.case import Case, CaseState, state_label
from clerk_app.core.fieldcheck import MIN_ADDRESS_LENGTH
from clerk_app.core.idnumber import id_number_problem, normalize_id_number
from clerk_app.core.masking import mask_id_number as mask_id
from clerk_app.core.problems import WordedError
from clerk_app.core.tolerance import open_promises

MAX_NAME = 60
MAX_TEXT = 200
PERSON = "自然人"

HANDOUT_MESSAGES: dict[str, tuple[str, str]] = {
    "handout.not_ready": (
        "办件处于“{state_zh}”状态，尚不能出件（须为准予或不予许可）",
        "The case is “{state_en}”: only an approved or denied case can be handed out",
    ),
    "handout.tolerance_open": (
        "容缺材料{names}尚未补齐，补齐后方可领取办理结果",
        "Tolerated materials {names} are not supplied yet: the result is handed out once they are",
    ),
    "handout.wrong_case": (
        "出件记录属于办件{record}，不是办件{case}",
        "The hand-out record is for case {record}, not case {case}",
    ),
    "handout.organisation": (
        "单位申请的办件不能由“本人”领取，请选择代领（凭授权委托书）或邮寄",
        "A case of an organisation cannot be collected “in person”: choose an agent (with authorisation) or mail",
    ),
    "handout.no_applicant_id": (
        "办件未记录申请人身份证号码，无法核验身份，请选择代领或邮寄",
        "The case records no ID number for the applicant, so identity cannot be checked: choose an agent or mail",
    ),
    "handout.id_invalid": (
        "{who_zh}身份证号码无效：{detail_zh}",
        "The {who_en}'s ID number is not valid: {detail_en}",
    ),
    "handout.id_mismatch": (
        "读取的身份证号码{read}与申请人身份证号码{expected}不一致，不能由本人领取",
        "The ID number read ({read}) is not the applicant's ({expected}): not the applicant",
    ),
    "handout.agent_card_mismatch": (
        "读取的代领人身份证号码{read}与填写的{typed}不一致",
        "The agent's ID number read from the card ({read}) differs from the one entered ({typed})",
    ),
    "handout.agent_is_applicant": (
        "代领人就是申请人本人，请选择“本人领取”",
        "The agent is the applicant: choose “in person”",
    ),
    "handout.required": ("请填写{what_zh}", "{what_en} is required"),
    "handout.too_long": (
        "{what_zh}不能超过{max}个字",
        "{what_en} may have at most {max} characters",
    ),
    "handout.phone": (
        "{what_zh}应为11位手机号或带区号的固定电话",
        "{what_en} must be an 11-digit mobile or a landline with area code",
    ),
    "handout.address": (
        "收件地址过短，请填写到门牌号（至少{min}个字）",
        "The address is too short: give it down to the house number (at least {min} characters)",
    ),
    "handout.postcode": ("邮政编码应为6位数字，而不是“{value}”", "The postcode must be 6 digits, not “{value}”"),
    "handout.carrier": ("未知的寄递企业“{value}”", "Unknown carrier “{value}”"),
    "handout.tracking": (
        "{carrier_zh}运单号“{value}”格式不正确，应为{shape_zh}",
        "{carrier_en} tracking number “{value}” is not valid: expected {shape_en}",
    ),
    "handout.tracking_check": (
        "运单号“{value}”校验位应为{expected}，实际为{got}",
        "Tracking number “{value}”: the check digit should be {expected}, not {got}",
    ),
}


class HandoutError(WordedError):
    """An input of the hand-out that is missing or wrong; `params['field']` names the field."""

    MESSAGES = HANDOUT_MESSAGES


class HandoutMethod(StrEnum):
    APPLICANT = "applicant"  # 本人领取
    AGENT = "agent"  # 代领
    MAIL = "mail"  # 邮寄送达

    def label(self, lang: str = "zh") -> str:
        zh, en = METHOD_LABELS[self]
        return en if lang.startswith("en") else zh


METHOD_LABELS: dict[HandoutMethod, tuple[str, str]] = {
    HandoutMethod.APPLICANT: ("本人领取", "Collected in person"),
    HandoutMethod.AGENT: ("代领", "Collected by an agent"),
    HandoutMethod.MAIL: ("邮寄送达", "Sent by mail"),
}


class Carrier(StrEnum):
    EMS = "ems"
    POST = "post"
    SF = "sf"
    JD = "jd"
    OTHER = "other"

    def label(self, lang: str = "zh") -> str:
        zh, en = CARRIER_LABELS[self]
        return en if lang.startswith("en") else zh


CARRIER_LABELS: dict[Carrier, tuple[str, str]] = {
    Carrier.EMS: ("中国邮政EMS", "China Post EMS"),
    Carrier.POST: ("中国邮政", "China Post"),
    Carrier.SF: ("顺丰速运", "SF Express"),
    Carrier.JD: ("京东物流", "JD Logistics"),
    Carrier.OTHER: ("其他寄递企业", "Other carrier"),
}

_S10 = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$")  # UPU S10: EA123456789CN
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
# carrier: (pattern, shape in zh, shape in en)
_TRACKING: dict[Carrier, tuple[re.Pattern[str], str, str]] = {
    Carrier.EMS: (re.compile(r"^(\d{13}|[A-Z]{2}\d{9}[A-Z]{2})$"), "13位数字或EA123456789CN形式",
                  "13 digits or the form EA123456789CN"),
    Carrier.POST: (re.compile(r"^(\d{13}|[A-Z]{2}\d{9}[A-Z]{2})$"), "13位数字或RR123456789CN形式",
                   "13 digits or the form RR123456789CN"),
    Carrier.SF: (re.compile(r"^(SF\d{13}|\d{12})$"), "SF加13位数字（或旧式12位数字）",
                 "SF and 13 digits (or 12 digits, old style)"),
    Carrier.JD: (re.compile(r"^JD[0-9A-Z]{11,16}$"), "JD开头加11至16位字母或数字", "JD and 11 to 16 letters or digits"),
    Carrier.OTHER: (re.compile(r"^[0-9A-Z]{8,30}$"), "8至30位字母或数字", "8 to 30 letters or digits"),
}
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_POSTCODE = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class AgentPickup:
    """代领人: who collects on the applicant's behalf, and the authorisation they bring."""

    name: str
    id_number: str
    authorisation: str  # e.g. 授权委托书原件
    phone: str = ""


@dataclass(frozen=True)
class MailDelivery:
    carrier: Carrier
    tracking_number: str
    recipient: str
    phone: str
    address: str
    postcode: str = ""
    carrier_name: str = ""  # the carrier's name when `carrier` is OTHER

    @property
    def carrier_text(self) -> str:
        return self.carrier_name.strip() if self.carrier is Carrier.OTHER else self.carrier.label()


@dataclass(frozen=True)
class Handout:
    """The record of one hand-out."""

    case_id: str
    case_number: str
    method: HandoutMethod
    at: datetime
    clerk: str
    clerk_name: str
    receiver_name: str  # the applicant, the agent, or the mail recipient
    receiver_id_number: str = ""  # full number: documents mask it
    agent: AgentPickup | None = None
    mail: MailDelivery | None = None

    def summary(self, lang: str = "zh") -> str:
        """One line for the case history: 本人领取 / 代领：name / 邮寄送达：EMS 1234…."""
        method = self.method.label(lang)
        if self.mail is not None:
            return f"{method}{_colon(lang)}{self.mail.carrier_text} {self.mail.tracking_number}"
        if self.agent is not None:
            return f"{method}{_colon(lang)}{self.agent.name}"
        return method


def _colon(lang: str) -> str:
    return ": " if lang.startswith("en") else "："


def _text(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _required(value: str, field: str, what: tuple[str, str], limit: int = MAX_NAME) -> str:
    text = _text(value)
    words = {"field": field, "what_zh": what[0], "what_en": what[1]}
    if not text:
        raise HandoutError("handout.required", **words)
    if len(text) > limit:
        raise HandoutError("handout.too_long", max=limit, **words)
    return text


def _valid_id(number: str, field: str, who: tuple[str, str], today: datetime) -> str:
    value = normalize_id_number(number)
    if not value:
        raise HandoutError("handout.required", field=field, what_zh=f"{who[0]}身份证号码",
                           what_en=f"The {who[1]}'s ID number")
    problem = id_number_problem(value, today=today.date())
    if problem is not None:
        raise HandoutError("handout.id_invalid", field=field, who_zh=who[0], who_en=who[1],
                           detail_zh=problem.text("zh"), detail_en=problem.text("en"))
    return value


def _phone(value: str, field: str, what: tuple[str, str]) -> str:
    text = re.sub(r"[\s()（）]", "", _text(value))
    if not (_MOBILE.match(text) or _LANDLINE.match(text)):
        raise HandoutError("handout.phone", field=field, what_zh=what[0], what_en=what[1])
    return text


def check_ready(case: Case) -> None:
    """Raise unless the case has a back-office decision to hand out (and, if approved, no open 容缺 promise)."""
    if not case.can_become(CaseState.HANDED_OUT):
        raise HandoutError("handout.not_ready", field="case", state_zh=state_label(case.state, "zh"),
                           state_en=state_label(case.state, "en"))
    pending = open_promises(case) if case.state is CaseState.APPROVED else ()
    if pending:
        names = "、".join(f"“{p.material_name}”" for p in pending)
        raise HandoutError("handout.tolerance_open", field="case", names=names)


def hand_to_applicant(
    case: Case, card_id_number: str, *, at: datetime, clerk: str, clerk_name: str
) -> Handout:
    """The applicant collects in person: the number read from their card must be the applicant's."""
    check_ready(case)
    applicant = case.applicant
    if applicant.kind != PERSON:
        raise HandoutError("handout.organisation", field="method")
    expected = normalize_id_number(applicant.id_number)
    if not expected:
        raise HandoutError("handout.no_applicant_id", field="method")
    read = _valid_id(card_id_number, "card_id_number", ("申请人", "applicant"), at)
    if read != expected:
        raise HandoutError("handout.id_mismatch", field="card_id_number", read=mask_id(read),
                           expected=mask_id(expected))
    return Handout(case.id, case.number, HandoutMethod.APPLICANT, at, clerk, clerk_name, applicant.name, read)


def checked_agent(agent: AgentPickup, case: Case, at: datetime, card_id_number: str | None = None) -> AgentPickup:
    """The agent's data, normalised; raises HandoutError on the first problem."""
    name = _required(agent.name, "agent_name", ("代领人姓名", "The agent's name"))
    number = _valid_id(agent.id_number, "agent_id_number", ("代领人", "agent"), at)
    if card_id_number is not None and normalize_id_number(card_id_number) != number:
        raise HandoutError("handout.agent_card_mismatch", field="agent_id_number",
                           read=mask_id(normalize_id_number(card_id_number)), typed=mask_id(number))
    if case.applicant.kind == PERSON and number == normalize_id_number(case.applicant.id_number):
        raise HandoutError("handout.agent_is_applicant", field="agent_id_number")
    authorisation = _required(agent.authorisation, "authorisation", ("授权委托材料", "The authorisation"), MAX_TEXT)
    phone = _phone(agent.phone, "agent_phone", ("代领人电话", "The agent's phone")) if agent.phone.strip() else ""
    return AgentPickup(name, number, authorisation, phone)


def hand_to_agent(
    case: Case,
    agent: AgentPickup,
    *,
    at: datetime,
    clerk: str,
    clerk_name: str,
    card_id_number: str | None = None,
) -> Handout:
    """An agent collects with an authorisation; `card_id_number` is what the reader read, if used."""
    check_ready(case)
    checked = checked_agent(agent, case, at, card_id_number)
    return Handout(case.id, case.number, HandoutMethod.AGENT, at, clerk, clerk_name, checked.name,
                   checked.id_number, agent=checked)


def tracking_problem(carrier: Carrier, tracking_number: str) -> HandoutError | None:
    """None when the number has the carrier's shape (and a valid S10 check digit), else the problem."""
    value = re.sub(r"[\s-]", "", _text(tracking_number)).upper()
    if not value:
        return HandoutError("handout.required", field="tracking_number", what_zh="运单号",
                            what_en="The tracking number")
    pattern, shape_zh, shape_en = _TRACKING[carrier]
    if not pattern.match(value):
        return HandoutError("handout.tracking", field="tracking_number", value=value, carrier_zh=carrier.label("zh"),
                            carrier_en=carrier.label("en"), shape_zh=shape_zh, shape_en=shape_en)
    if _S10.match(value):
        expected = s10_check_digit(value[2:10])
        if value[10] != expected:
            return HandoutError("handout.tracking_check", field="tracking_number", value=value,
                                expected=expected, got=value[10])
    return None


def s10_check_digit(serial: str) -> str:
    """The UPU S10 check digit of an 8-digit serial number (AA473124829GB: 47312482 → 9)."""
    total = sum(int(d) * w for d, w in zip(serial, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    return str({10: 0, 11: 5}.get(check, check))


def _carrier(value: Carrier | str) -> Carrier:
    try:
        return Carrier(value)
    except ValueError:
        raise HandoutError("handout.carrier", field="carrier", value=value) from None


def _carrier_name(mail: MailDelivery) -> str:
    if mail.carrier != Carrier.OTHER:
        return ""
    return _required(mail.carrier_name, "carrier_name", ("寄递企业名称", "The carrier's name"))


def _mail_checks(mail: MailDelivery) -> list[tuple[str, Callable[[], object]]]:
    """(field, check) pairs; each check returns the clean value or raises HandoutError."""
    return [
        ("carrier", lambda: _carrier(mail.carrier)),
        ("carrier_name", lambda: _carrier_name(mail)),
        ("recipient", lambda: _required(mail.recipient, "recipient", ("收件人", "The recipient"))),
        ("phone", lambda: _phone(mail.phone, "phone", ("收件人电话", "The recipient's phone"))),
        ("address", lambda: _address(mail.address)),
        ("postcode", lambda: _postcode(mail.postcode)),
    ]


def _address(value: str) -> str:
    text = _required(value, "address", ("收件地址", "The address"), MAX_TEXT)
    if len(text) < max(MIN_ADDRESS_LENGTH, 8):
        raise HandoutError("handout.address", field="address", min=max(MIN_ADDRESS_LENGTH, 8))
    return text


def _postcode(value: str) -> str:
    text = _text(value)
    if text and not _POSTCODE.match(text):
        raise HandoutError("handout.postcode", field="postcode", value=text)
    return text


def mail_problems(mail: MailDelivery) -> dict[str, HandoutError]:
    """Every problem of a mail form, by field name (empty when it can be sent)."""
    problems: dict[str, HandoutError] = {}
    for field, check in _mail_checks(mail):
        try:
            check()
        except HandoutError as error:
            problems[field] = error
    if "carrier" not in problems:
        tracking = tracking_problem(Carrier(mail.carrier), mail.tracking_number)
        if tracking is not None:
            problems["tracking_number"] = tracking
    return problems


def checked_mail(mail: MailDelivery) -> MailDelivery:
    """The mail form normalised; raises the first problem (`mail_problems` lists them all)."""
    problems = mail_problems(mail)
    if problems:
        raise next(iter(problems.values()))
    carrier = Carrier(mail.carrier)
    return MailDelivery(
        carrier=carrier,
        tracking_number=re.sub(r"[\s-]", "", _text(mail.tracking_number)).upper(),
        recipient=_text(mail.recipient),
        phone=re.sub(r"[\s()（）]", "", _text(mail.phone)),
        address=_text(mail.address),
        postcode=_text(mail.postcode),
        carrier_name=_text(mail.carrier_name) if carrier is Carrier.OTHER else "",
    )


def send_by_mail(case: Case, mail: MailDelivery, *, at: datetime, clerk: str, clerk_name: str) -> Handout:
    """The result mailed (免费邮寄) with a tracking number."""
    check_ready(case)
    checked = checked_mail(mail)
    return Handout(case.id, case.number, HandoutMethod.MAIL, at, clerk, clerk_name, checked.recipient, mail=checked)


def handed_out(case: Case, handout: Handout) -> Case:
    """The case after its hand-out, the record's summary as the transition note."""
    if handout.case_id != case.id:
        raise HandoutError("handout.wrong_case", field="case", record=handout.case_number, case=case.number)
    check_ready(case)
    return case.moved(CaseState.HANDED_OUT, at=handout.at, actor=handout.clerk, note=handout.summary())


def handout_to_dict(handout: Handout) -> dict[str, object]:
    """The record as JSON-ready data (kept with the case, sent to the back office)."""
    mail, agent = handout.mail, handout.agent
    return {
        "case_id": handout.case_id, "case_number": handout.case_number, "method": handout.method.value,
        "at": handout.at.isoformat(), "clerk": handout.clerk, "clerk_name": handout.clerk_name,
        "receiver_name": handout.receiver_name, "receiver_id_number": handout.receiver_id_number,
        "agent": None if agent is None else {"name": agent.name, "id_number": agent.id_number,
                                             "authorisation": agent.authorisation, "phone": agent.phone},
        "mail": None if mail is None else {
            "carrier": mail.carrier.value, "tracking_number": mail.tracking_number, "recipient": mail.recipient,
            "phone": mail.phone, "address": mail.address, "postcode": mail.postcode,
            "carrier_name": mail.carrier_name},
    }


def handout_from_dict(data: dict[str, object]) -> Handout:
    """The record back from `handout_to_dict` (raises KeyError/ValueError on malformed data)."""
    agent, mail = data.get("agent"), data.get("mail")
    return Handout(
        case_id=str(data["case_id"]), case_number=str(data["case_number"]), method=HandoutMethod(data["method"]),
        at=datetime.fromisoformat(str(data["at"])), clerk=str(data["clerk"]), clerk_name=str(data["clerk_name"]),
        receiver_name=str(data["receiver_name"]), receiver_id_number=str(data.get("receiver_id_number") or ""),
        agent=AgentPickup(**agent) if isinstance(agent, dict) else None,
        mail=MailDelivery(**{**mail, "carrier": Carrier(mail["carrier"])}) if isinstance(mail, dict) else None,
    )
