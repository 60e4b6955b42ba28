"""Masking what the back office sends and writes: the default case view, error replies, exports.

`mask_document` masks a JSON document (a case as submitted, its history) by key: ID numbers,
phone numbers and addresses by the rules of `clerk_app.core.masking`, and ID and mobile numbers
inside any other text. `mask_report` masks the text of an error reply or a log line, leaving the
identifiers it names (file sha256s, case ids) as they are.
"""

from __future__ import annotations

import re
from typing import Any

from clerk_app.core.masking import mask_address, mask_id_number, mask_phone, mask_text

# Identifiers kept whole: runs of 20 or more letters and digits with a letter in them (sha256 digests,
# case ids); an ID number is 18 characters, and one glued to letters is not found by mask_text anyway.
_TOKEN = re.compile(r"(?<![0-9A-Za-z])(?=[0-9A-Za-z]*[A-Za-z])[0-9A-Za-z]{20,}(?![0-9A-Za-z])")


def _kind_of(key: str) -> str:
    name = key.lower()
    if "id_number" in name or name in ("idcard", "id_card"):
        return "id"
    if "phone" in name or name in ("mobile", "tel", "telephone"):
        return "phone"
    if "address" in name:
        return "address"
    return ""


def mask_document(value: Any, key: str = "") -> Any:
    """A copy of `value` with personal data masked (by key name, and by pattern in any text)."""
    if isinstance(value, dict):
        return {k: mask_document(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_document(v, key) for v in value]
    if not isinstance(value, str) or not value:
        return value
    kind = _kind_of(key)
    if kind == "id":
        return mask_id_number(value)
    if kind == "phone":
        return mask_phone(value)
    if kind == "address":
        return mask_address(value)
    return mask_report(value)


def mask_report(text: str) -> str:
    """Text with ID and mobile numbers masked; long identifiers (digests, case ids) kept whole."""
    parts, last = [], 0
    for digest in _TOKEN.finditer(text):
        parts.append(mask_text(text[last:digest.start()]))
        parts.append(digest.group(0))
        last = digest.end()
    parts.append(mask_text(text[last:]))
    return "".join(parts)


def mask_details(value: Any) -> Any:
    """Error details (strings, lists, objects) with `mask_report` applied to every text."""
    if isinstance(value, str):
        return mask_report(value)
    if isinstance(value, list):
        return [mask_details(v) for v in value]
    if isinstance(value, dict):
        return {k: mask_details(v) for k, v in value.items()}
    return value
