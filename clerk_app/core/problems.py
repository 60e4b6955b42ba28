"""Problems found in user input, as codes with parameters and their wording in each UI language.

The core never formats for one language only: a `Problem` carries a code and parameters, and
`Problem.text(lang)` words it in Simplified Chinese (default) or English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

MESSAGES: dict[str, tuple[str, str]] = {
    "id.length": ("身份证号码应为18位，当前为{length}位", "ID number must have 18 characters, not {length}"),
    "id.chars": ("身份证号码前17位应为数字，末位为数字或X", "ID number: 17 digits then a digit or X"),
    "id.birth": ("身份证号码中的出生日期{birth}无效", "ID number: birth date {birth} is not a date"),
    "id.birth_future": ("身份证号码中的出生日期{birth}晚于今天", "ID number: birth date {birth} is in the future"),
    "id.check": ("身份证号码校验位应为{expected}，实际为{got}", "ID number check character should be {expected}, not {got}"),
    "credit.length": ("统一社会信用代码应为18位，当前为{length}位", "Credit code must have 18 characters, not {length}"),
    "credit.chars": ("统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）", "Credit code has characters it may not contain (no I, O, Z, S, V)"),
    "credit.check": ("统一社会信用代码校验位应为{expected}，实际为{got}", "Credit code check character should be {expected}, not {got}"),
    "field.required": ("{label}为必填项", "{label} is required"),
    "field.number": ("{label}应为数字", "{label} must be a number"),
    "field.min": ("{label}不能小于{min}", "{label} must be at least {min}"),
    "field.max": ("{label}不能大于{max}", "{label} must be at most {max}"),
    "field.max_length": ("{label}不能超过{max_length}个字", "{label} may have at most {max_length} characters"),
    "field.date": ("{label}应为有效日期（如2026-01-31）", "{label} must be a date such as 2026-01-31"),
    "field.option": ("{label}的选项“{value}”不在可选范围内", "{label}: “{value}” is not one of the options"),
    "field.phone": ("{label}应为11位手机号或带区号的固定电话", "{label} must be an 11-digit mobile or a landline with area code"),
    "field.money": ("{label}应为金额，最多两位小数", "{label} must be an amount with at most two decimals"),
    "field.address": ("{label}过短，请填写到门牌号", "{label} is too short: give the full address"),
    # Working days (clerk_app.core.workdays) and administrators' calendar files (clerk_app.config.calendar_file)
    "calendar.gap": ("日期{day}所在的{year}年没有官方节假日安排数据（已有：{known}），无法按工作日计算；请管理员导入国务院办公厅公布的{year}年节假日安排", "No official holiday calendar for {year} (date {day}; known years: {known}), so working days cannot be counted: an administrator must load the official {year} holiday calendar"),
    "calendar.estimated": ("{years}年没有官方节假日安排数据，此日期按周一至周五估算，可能不准确；请管理员导入官方节假日安排", "No official holiday calendar for {years}: this date is estimated counting Monday to Friday and may be wrong; an administrator must load the official holiday calendar"),
    "calendar.outside_year": ("{day}不属于{year}年的安排（只能是{year}年的日期，或上一年12月的日期）", "{day} is outside the {year} arrangement (dates must be in {year}, or in December of the year before)"),
    "calendar.both": ("{day}同时被列为放假日和调休上班日", "{day} is listed both as a holiday and as a make-up workday"),
    "calendar.workday_weekday": ("调休上班日{day}是周一至周五，本来就上班；调休上班日应为周六或周日", "Make-up workday {day} is a Monday to Friday, a working day anyway: make-up workdays fall on a Saturday or Sunday"),
    "calendar_file.read": ("无法读取节假日安排文件：{detail}", "Cannot read the holiday calendar file: {detail}"),
    "calendar_file.yaml": ("YAML格式错误：{detail}", "YAML syntax error: {detail}"),
    "calendar_file.empty": ("文件为空，应包含year和holidays", "The file is empty: it needs year and holidays"),
    "calendar_file.top_mapping": ("文件内容应为“键: 值”形式，包含year、holidays、workdays", "The file must be a mapping with year, holidays and workdays"),
    "calendar_file.entry_mapping": ("{key}的每一项应写成 {{name: 春节, dates: 2027-02-05..2027-02-11}}", "Each {key} item must look like {{name: 春节, dates: 2027-02-05..2027-02-11}}"),
    "calendar_file.list": ("{key}应为列表，每项以“- ”开头", "{key} must be a list, one item per “- ” line"),
    "calendar_file.missing": ("缺少{key}", "{key} is missing"),
    "calendar_file.unknown_key": ("未知的键“{key}”（可用的键：{allowed}）", "Unknown key “{key}” (allowed: {allowed})"),
    "calendar_file.duplicate_key": ("键“{key}”重复出现", "Key “{key}” appears twice"),
    "calendar_file.format": ("format应为{expected}，而不是“{value}”", "format must be {expected}, not “{value}”"),
    "calendar_file.year": ("year应为四位年份（如2027），而不是“{value}”", "year must be a four-digit year such as 2027, not “{value}”"),
    "calendar_file.text": ("{key}应为非空文字", "{key} must be non-empty text"),
    "calendar_file.date": ("“{value}”不是有效日期：应写成2027-02-05，或日期范围2027-02-05..2027-02-11", "“{value}” is not a date: write 2027-02-05, or a range 2027-02-05..2027-02-11"),
    "calendar_file.range_order": ("日期范围{start}..{end}的结束日期早于开始日期", "Date range {start}..{end} ends before it starts"),
    "calendar_file.range_long": ("日期范围{start}..{end}超过{max}天，请核对", "Date range {start}..{end} is longer than {max} days: check it"),
    "calendar_file.duplicate_date": ("{day}重复列出（第{line}行已列出）", "{day} is listed twice (already on line {line})"),
    "calendar_file.duplicate_year": ("{year}年的安排已在{other}中给出，每年只能有一个文件", "The {year} arrangement is already given in {other}: one file per year"),
    # ID card readers (clerk_app.devices.idcard): what went wrong, precisely
    "card.no_reader": ("未找到身份证阅读器（{where}）", "No ID card reader found ({where})"),
    "card.config": ("阅读器配置项“{key}”的值“{value}”无效：{expected}", "Reader setting “{key}” = “{value}” is not valid: {expected}"),
    "card.no_service": ("智能卡服务（pcscd）未运行", "The smart-card service (pcscd) is not running"),
    "card.port": ("无法打开阅读器端口{port}：{reason}", "Cannot open reader port {port}: {reason}"),
    "card.disconnected": ("阅读器连接已断开：{reason}", "The reader was disconnected: {reason}"),
    "card.library": ("无法加载厂商动态库{path}：{reason}", "Cannot load the vendor library {path}: {reason}"),
    "card.library_call": ("厂商动态库{function}返回{result}（{meaning_zh}）", "Vendor library {function} returned {result} ({meaning_en})"),
    "card.absent": ("阅读器上没有证件", "No card on the reader"),
    "card.timeout": ("阅读器{seconds}秒内未应答（命令{command}）", "The reader did not answer within {seconds} s (command {command})"),
    "card.status": ("阅读器返回状态码{status}：{meaning_zh}", "The reader returned status code {status}: {meaning_en}"),
    "card.frame_short": ("帧不完整：共{size}字节，至少应有{minimum}字节", "Incomplete frame: {size} bytes, at least {minimum} expected"),
    "card.frame_preamble": ("帧头应为AA AA AA 96 69，实际为{got}", "Frame preamble should be AA AA AA 96 69, not {got}"),
    "card.frame_length": ("帧长度字段为{declared}字节，实际为{actual}字节", "Frame length field says {declared} bytes, the frame holds {actual}"),
    "card.frame_length_range": ("帧长度字段{declared}超出范围（{minimum}–{maximum}）", "Frame length field {declared} is out of range ({minimum}–{maximum})"),
    "card.frame_checksum": ("帧校验和错误：应为{expected}，实际为{got}", "Frame checksum error: expected {expected}, got {got}"),
    "card.reply_layout": ("读卡应答结构错误：{field_zh}为{declared}字节，应为{expected}字节", "Read reply layout error: {field_en} is {declared} bytes, {expected} expected"),
    "card.file_size": ("文件既不是1295字节的读卡应答帧，也不是256字节的文字信息（共{size}字节）", "The file is neither a 1,295-byte read reply frame nor a 256-byte text block ({size} bytes)"),
    "card.field_text": ("证件“{field_zh}”字段不是有效的UTF-16LE文字（第{offset}字节起）", "Card field “{field_en}” is not valid UTF-16LE text (from byte {offset})"),
    "card.field_control": ("证件“{field_zh}”字段含有控制字符", "Card field “{field_en}” contains control characters"),
    "card.field_missing": ("证件“{field_zh}”字段为空", "Card field “{field_en}” is empty"),
    "card.field_date": ("证件“{field_zh}”字段“{value}”不是有效日期", "Card field “{field_en}” “{value}” is not a valid date"),
    "card.field_code": ("证件“{field_zh}”字段代码“{value}”无法识别", "Card field “{field_en}” code “{value}” is not known"),
    "card.field_number": ("证件“{field_zh}”字段“{value}”应为数字", "Card field “{field_en}” “{value}” must be a number"),
    "card.kind": ("无法识别的证件类型标识“{mark}”", "Unknown card type mark “{mark}”"),
    "card.not_id_card": ("阅读器上的卡片不是身份证（芯片应答{sw}）", "The card on the reader is not an ID card (chip answered {sw})"),
    "card.chip_only": ("此阅读器只能读取芯片序列号{serial}，不能读取证件内容", "This reader gives only the chip serial number {serial}, not the card content"),
    "card.apdu": ("芯片命令{command}失败：{sw}", "Chip command {command} failed: {sw}"),
    "card.photo": ("照片解码失败：{reason}", "Photo decoding failed: {reason}"),
    "card.internal": ("阅读器程序内部错误：{reason}", "Internal card reader error: {reason}"),
    "card.expired": ("证件已于{date}过期", "The card expired on {date}"),
    "card.expiring": ("证件将于{date}到期（还有{days}天）", "The card expires on {date} ({days} days left)"),
    # ID card readers: the sentence a clerk reads, one per kind of error
    "card.advice.no_reader": ("请检查身份证阅读器的连接线和电源", "Check the ID card reader's cable and power"),
    "card.advice.no_card": ("请将身份证平放在阅读器上", "Place the ID card flat on the reader"),
    "card.advice.read_failed": ("读卡失败，请取下证件后重新放置", "Reading failed: lift the card and place it again"),
    "card.advice.sam_fault": ("阅读器安全模块故障，请重新插拔阅读器，仍不行请联系技术支持", "The reader's security module failed: replug the reader, then call support"),
    "card.advice.timeout": ("阅读器无响应，请重新插拔阅读器", "The reader does not answer: replug it"),
    "card.advice.unsupported": ("不支持此证件，请手工录入", "This card is not supported: enter the data by hand"),
}


Messages = Mapping[str, tuple[str, str]]


def word(messages: Messages, code: str, params: Mapping[str, Any], lang: str = "zh") -> str:
    """The wording of `code` in `lang` ("zh" or "en"), its parameters filled in."""
    zh, en = messages.get(code, (code, code))
    template = en if lang.startswith("en") else zh
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


class WordedError(Exception):
    """An error with a message code, its parameters and a wording in each UI language.

    Subclasses name their own message table; `str()` of the error is the wording in
    `DEFAULT_LANG` (logs), `text(lang)` the one for the person in front of the screen.
    """

    MESSAGES: ClassVar[Messages] = MESSAGES
    DEFAULT_LANG: ClassVar[str] = "zh"

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.text(self.DEFAULT_LANG))

    def text(self, lang: str = "zh") -> str:
        return word(self.MESSAGES, self.code, self.params, lang)


@dataclass(frozen=True)
class Problem:
    """A problem code with its parameters; `text()` words it for a user."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, code: str, **params: Any) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def text(self, lang: str = "zh") -> str:
        return word(MESSAGES, self.code, self.params, lang)

    def __str__(self) -> str:
        return self.text()
