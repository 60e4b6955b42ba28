"""Problems found in user input, as codes with parameters and their wording in each UI language.

The core never formats for one language only: a `Problem` carries a code and parameters, and
`Problem.text(lang)` words it in Simplified Chinese (default) or English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
}


@dataclass(frozen=True)
class Problem:
    """A problem code with its parameters; `text()` words it for a user."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, code: str, **params: Any) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def text(self, lang: str = "zh") -> str:
        zh, en = MESSAGES.get(self.code, (self.code, self.code))
        template = en if lang.startswith("en") else zh
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template

    def __str__(self) -> str:
        return self.text()
