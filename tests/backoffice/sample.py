"""Cases as the window would submit them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from ulid import ULID

from clerk_app.core.case import Applicant, Case, Decision, DecisionKind, MaterialReceipt
from clerk_app.core.case_codec import case_to_dict

HALL = "BT01"
CST = timezone(timedelta(hours=8))
MOMENT = datetime(2026, 11, 23, 9, 30, tzinfo=CST)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def case(
    *, departments: tuple[str, ...] = ("公安局",), scans: tuple[str, ...] = (), promised: date | None = None,
    kind: DecisionKind = DecisionKind.ACCEPT, number: str | None = None, revision: int = 1, case_id: str | None = None,
    name: str = "张三",
) -> Case:
    cid = case_id or str(ULID())
    draft = Case(
        id=cid, number=number or f"{HALL}-{cid[-10:]}", code="gaj-jzz", name="居住证签注", matter_codes=("gaj-jzz",),
        departments=departments, hall_code=HALL, window_code="W07", created_at=MOMENT, clerk="clerk",
        applicant=Applicant(kind="自然人", name=name, id_number="11010519491231002X"),
        materials=(MaterialReceipt(key="id", name="身份证", necessity="必要", required=True, received=True,
                                   scans=scans),),
    )
    decision = Decision(kind=kind, by="clerk", by_name="窗口", at=MOMENT + timedelta(minutes=5),
                        reason="不属于本机关" if kind == DecisionKind.REFUSE else "",
                        promised_date=promised or date(2026, 12, 4))
    return replace(draft.decided(decision), revision=revision)


def body(c: Case) -> bytes:
    return json.dumps(case_to_dict(c), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def path(c: Case) -> str:
    return f"/cases/{c.id}/revisions/{c.revision}"
