"""A quarter of realistic back-office data for the bulletin: planned as plain facts, written as rows.

Volumes follow the real bulletin of seed 004 (Zhongning county, 2021 Q2) at 1:20 where it names
the department (社保中心 32,304 cases → 1,615; 公安局 20,785 → 1,039; 税务局 18,437 → 922; 公积金中心
12,767 → 638; 不动产登记中心 12,461 → 623; 医保中心 8,236 → 412; 交通运输 8,071 → 404); the other
departments of the shipped catalogue get invented volumes (市场监管局 350 … 残联 12, as small as the
seed's 消防救援大队). About 9% of cases are online (15,944 online against 152,915 at the hall), with
人社局 and 卫健委 the busiest online, as in the seed; the evaluation rate is under 90% for 社保中心,
卫健委 and 人社局 (the seed's laggards) and about 93% elsewhere; most promised dates are kept, a few
percent are overdue, the last days' cases are still open. Some one-time notices and refusals (not
counted as cases), bundle cases of several departments (新生儿出生一件事), eight window clerks
with sign-in sessions on working days, one of them often absent and some never signing out.

`plan_quarter` makes the facts (`SeededQuarter`), `write_quarter` writes them straight into a
back-office database (SQLite or PostgreSQL) the way the service would have: cases, revisions with
the case JSON, history (submission, decision, hand-out, evaluation), queue rows, accounts, sessions.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import Engine

from clerk_app.backoffice import db, transitions
from clerk_app.backoffice.accounts import add_account, list_accounts
from clerk_app.backoffice.schema import case_revisions, cases, history, sign_in_sessions
from clerk_app.core.bulletin import Period
from clerk_app.core.case import Applicant, Case, Decision, DecisionKind
from clerk_app.core.case_codec import case_to_dict
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.workdays import WorkCalendar

CST = timezone(timedelta(hours=8))
HALL = "BT01"
PASSWORD = "clerk password 1"
VOLUMES = {"sbzx": 1615, "gaj": 1039, "swj": 922, "gjj": 638, "bdc": 623, "ybj": 412, "jtj": 404,
           "scjgj": 350, "wjw": 180, "mzj": 150, "rsj": 120, "cl": 12}
ONLINE = {"rsj": 0.45, "wjw": 0.40, "swj": 0.15}
EVALUATED = {"sbzx": 0.62, "wjw": 0.70, "rsj": 0.75, "cl": 1.0}
LEVEL_WEIGHTS = {5: 84, 4: 10, 3: 3, 2: 2, 1: 1}
CLERKS = (("w01", "李娜"), ("w02", "王芳"), ("w03", "张伟"), ("w04", "刘洋"), ("w05", "陈静"),
          ("w06", "杨帆"), ("w07", "赵磊"), ("w08", "周敏"))
CLERK_SHARES = (16, 15, 15, 14, 13, 12, 5, 10)  # 赵磊 (w07) is often away and takes fewer cases
PRESENCE = {"w07": 0.7}  # the clerk often absent; the others are there 96% of working days
BUNDLE = "150200-YJS-0001"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"


@dataclass(frozen=True)
class Rating:
    level: int
    at: datetime
    stage: str


@dataclass(frozen=True)
class SeededCase:
    case_id: str
    number: str
    code: str
    name: str
    matter_codes: tuple[str, ...]
    departments: tuple[str, ...]
    channel: str  # window | online
    window_decision: DecisionKind
    accepted_at: datetime
    deadline: date | None
    clerk: str  # "" online
    outcome: str | None = None  # approved | denied, None while open
    decided_at: datetime | None = None
    handed_out_at: datetime | None = None
    ratings: tuple[Rating, ...] = ()

    @property
    def counted(self) -> bool:
        return self.window_decision in (DecisionKind.ACCEPT, DecisionKind.TOLERANCE_ACCEPT)

    @property
    def state(self) -> str:
        if not self.counted:
            return "notified" if self.window_decision is DecisionKind.NOTIFY else "refused"
        if self.handed_out_at is not None:
            return "handed_out"
        return self.outcome or "synced"


@dataclass(frozen=True)
class SeededSession:
    username: str
    started_at: datetime
    last_seen_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class SeededQuarter:
    period: Period
    cases: tuple[SeededCase, ...]
    sessions: tuple[SeededSession, ...]
    clerks: tuple[tuple[str, str], ...] = CLERKS


def plan_quarter(catalogue: Catalogue, period: Period, *, seed: int = 2021, scale: float = 1.0,
                 as_of: date | None = None) -> SeededQuarter:
    """The facts of a quarter; `as_of` (default: the period's end) is the last day anything happened."""
    rng = random.Random(seed)
    calendar = WorkCalendar.official().fallback()
    last = min(as_of or period.end, period.end)
    days = [d for d in _days(period.start, last) if calendar.is_workday(d).value]
    planner = _Planner(rng, catalogue, calendar, days, last)
    made = [planner.case(department) for department, volume in VOLUMES.items()
            for _ in range(max(1, round(volume * scale)))]
    made += [planner.bundle() for _ in range(max(1, round(40 * scale)))]
    rng.shuffle(made)
    numbered = [replace(c, case_id=f"Q{period.start:%Y%m}-{i:06d}", number=_number(c, i)) for i, c in enumerate(made)]
    return SeededQuarter(period, tuple(numbered), tuple(_sessions(rng, days)))


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _number(case: SeededCase, index: int) -> str:
    window = "NET" if case.channel == "online" else "W07"
    return f"{HALL}-{window}-{case.accepted_at:%Y%m%d}-{index:05d}"


class _Planner:
    def __init__(self, rng: random.Random, catalogue: Catalogue, calendar, days: list[date], last: date) -> None:  # type: ignore[no-untyped-def]
        self.rng, self.catalogue, self.calendar, self.days, self.last = rng, catalogue, calendar, days, last
        # The first half of each department's matters (by code) are the ones asked for: coverage stays low.
        self.asked = {key: [m for m in catalogue.matters_of(key)][: max(1, len(catalogue.matters_of(key)) // 2)]
                      for key in VOLUMES}

    def case(self, department: str) -> SeededCase:
        rng = self.rng
        matter = rng.choice(self.asked[department])
        online = rng.random() < ONLINE.get(department, 0.06)
        kind = self._window_decision(online)
        accepted = self._moment(rng.choice(self.days))
        deadline = self.calendar.add_workdays(accepted.date(), matter.time_limit.promised).value
        clerk = "" if online else rng.choices(CLERKS, weights=CLERK_SHARES)[0][0]
        planned = SeededCase("", "", matter.code, matter.name, (matter.code,), (department,),
                             "online" if online else "window", kind, accepted, deadline, clerk)
        return self._after_intake(planned, EVALUATED.get(department, 0.93)) if planned.counted else planned

    def bundle(self) -> SeededCase:
        bundle = self.catalogue.bundles[BUNDLE]
        codes = tuple(member.code for member in bundle.members)
        departments = tuple(dict.fromkeys(self.catalogue.matters[c].department for c in codes))
        accepted = self._moment(self.rng.choice(self.days))
        deadline = self.calendar.add_workdays(accepted.date(), 5).value
        planned = SeededCase("", "", bundle.code, bundle.name, codes, departments, "window", DecisionKind.ACCEPT,
                             accepted, deadline, self.rng.choice(CLERKS[:4])[0])
        return self._after_intake(planned, 0.9)

    def _window_decision(self, online: bool) -> DecisionKind:
        roll = self.rng.random()
        if online or roll > 0.05:
            return DecisionKind.TOLERANCE_ACCEPT if roll < 0.03 else DecisionKind.ACCEPT
        return DecisionKind.NOTIFY if roll < 0.035 else DecisionKind.REFUSE

    def _moment(self, day: date) -> datetime:
        minutes = self.rng.randint(9 * 60, 17 * 60 + 20)
        return datetime.combine(day, time(minutes // 60, minutes % 60, self.rng.randint(0, 59)), CST)

    def _after_intake(self, case: SeededCase, evaluated: float) -> SeededCase:
        rng, deadline, accepted = self.rng, case.deadline, case.accepted_at.date()
        assert deadline is not None
        if rng.random() < 0.03:  # late: a few working days after the promised date
            finish = self.calendar.add_workdays(deadline, rng.randint(1, 4)).value
        else:
            allowed = max(0, self.calendar.workdays_between(accepted, deadline).value)
            finish = self.calendar.add_workdays(accepted, rng.randint(0, allowed)).value
        if finish > self.last or rng.random() < 0.01:
            return self._rated(case, evaluated)  # still open on the last day
        decided = max(self._moment(finish), case.accepted_at + timedelta(minutes=20))
        outcome = "approved" if rng.random() < 0.97 else "denied"
        handed = decided + timedelta(hours=rng.randint(1, 60)) if rng.random() < 0.8 else None
        if handed is not None and handed.date() > self.last:
            handed = None
        return self._rated(replace(case, outcome=outcome, decided_at=decided, handed_out_at=handed), evaluated)

    def _rated(self, case: SeededCase, evaluated: float) -> SeededCase:
        rng = self.rng
        if rng.random() >= (evaluated if case.channel == "window" else evaluated * 0.6):
            return case
        ratings = [Rating(self._level(), case.accepted_at + timedelta(minutes=3), "acceptance")]
        if case.handed_out_at is not None and rng.random() < 0.3:
            ratings.append(Rating(self._level(), case.handed_out_at + timedelta(minutes=2), "handout"))
        return replace(case, ratings=tuple(ratings))

    def _level(self) -> int:
        return self.rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]


def _sessions(rng: random.Random, days: list[date]) -> list[SeededSession]:
    made = []
    for username, _name in CLERKS:
        for day in days:
            if rng.random() >= PRESENCE.get(username, 0.96):
                continue
            for start, end in ((time(8, 30), time(12, 0)), (time(14, 30), time(18, 0))):
                begin = datetime.combine(day, start, CST) + timedelta(minutes=rng.randint(-10, 15))
                finish = datetime.combine(day, end, CST) + timedelta(minutes=rng.randint(-15, 10))
                signed_out = rng.random() >= 0.08  # some never sign out: the last use stands for the end
                seen = finish - timedelta(minutes=rng.randint(0, 20)) if not signed_out else finish
                made.append(SeededSession(username, begin, seen, finish if signed_out else None))
    return made


def write_quarter(engine: Engine, quarter: SeededQuarter) -> None:
    """Write the quarter's accounts, cases and sessions into a migrated back-office database."""
    held = {account["username"] for account in list_accounts(engine)}
    for username, name in quarter.clerks:
        if username not in held:
            add_account(engine, username, role="clerk", password=PASSWORD, display_name=name, hall_code=HALL)
    for start in range(0, len(quarter.cases), 1000):
        with db.write(engine) as connection:
            _write_cases(connection, quarter.cases[start:start + 1000])
    if quarter.sessions:
        with db.write(engine) as connection:
            db.insert_rows(connection, sign_in_sessions, [
                {"username": s.username, "token_hash": None, "client": "BT01-W07", "started_at": _utc(s.started_at),
                 "last_seen_at": _utc(s.last_seen_at), "ended_at": _utc(s.ended_at) if s.ended_at else None}
                for s in quarter.sessions])


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _write_cases(connection, batch: tuple[SeededCase, ...]) -> None:  # type: ignore[no-untyped-def]
    case_rows, revisions, steps, queued = [], [], [], []
    for seeded in batch:
        received = _utc(seeded.accepted_at + timedelta(minutes=2))
        body = _body(seeded)
        case_rows.append({
            "case_id": seeded.case_id, "revision": 1, "number": seeded.number, "hall_code": HALL,
            "name": seeded.name, "applicant_name": "申请人", "state": seeded.state, "deadline": seeded.deadline,
            "departments": json.dumps(list(seeded.departments), ensure_ascii=False), "complete": True,
            "claimed_by": None, "decision": _decision(seeded), "received_at": received,
            "updated_at": received})
        revisions.append({"case_id": seeded.case_id, "revision": 1, "body": body, "body_sha256": "0" * 64,
                          "submitted_by": seeded.clerk or "online", "received_at": received})
        steps.extend(_steps(seeded, received))
        if seeded.counted:
            queued.extend({"department": d, "case_id": seeded.case_id, "state": seeded.state,
                           "deadline": seeded.deadline} for d in seeded.departments)
    db.insert_rows(connection, cases, case_rows)
    db.insert_rows(connection, case_revisions, revisions)
    db.insert_rows(connection, history, steps)
    transitions.enqueue_rows(connection, queued)


def _body(seeded: SeededCase) -> bytes:
    draft = Case(
        id=seeded.case_id, number=seeded.number, code=seeded.code, name=seeded.name,
        matter_codes=seeded.matter_codes, departments=seeded.departments, hall_code=HALL,
        window_code="NET" if seeded.channel == "online" else "W07",
        created_at=seeded.accepted_at - timedelta(minutes=6), clerk=seeded.clerk,
        applicant=Applicant(kind="自然人", name=random.Random(seeded.case_id).choice(SURNAMES) + "某"),
    )
    decision = Decision(kind=seeded.window_decision, by=seeded.clerk or "online", by_name="", at=seeded.accepted_at,
                        reason="不属于本机关职权范围" if seeded.window_decision is DecisionKind.REFUSE else "",
                        missing=("身份证",) if seeded.window_decision is DecisionKind.NOTIFY else (),
                        promised_date=seeded.deadline if seeded.counted else None)
    data = case_to_dict(draft.decided(decision))
    if seeded.channel == "online":
        data["channel"] = "online"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decision(seeded: SeededCase) -> str | None:
    if seeded.outcome is None:
        return None
    kind = "approve" if seeded.outcome == "approved" else "deny"
    assert seeded.decided_at is not None
    return json.dumps({"kind": kind, "reason": "" if kind == "approve" else "不符合条件", "corrections": [],
                       "by": "chief", "by_name": "科长", "at": _utc(seeded.decided_at).isoformat()}, ensure_ascii=False)


def _steps(seeded: SeededCase, received: datetime) -> list[dict]:  # type: ignore[type-arg]
    row = {"case_id": seeded.case_id, "revision": 1}
    first = "synced" if seeded.counted else seeded.state
    steps = [{**row, "kind": "submission", "from_state": None, "to_state": first, "actor": seeded.clerk or "online",
              "at": received, "detail": json.dumps({"window_decision": seeded.window_decision.value})}]
    if seeded.outcome is not None and seeded.decided_at is not None:
        steps.append({**row, "kind": "decision", "from_state": "synced", "to_state": seeded.outcome,
                      "actor": "chief", "at": _utc(seeded.decided_at), "detail": "{}"})
    if seeded.handed_out_at is not None:
        steps.append({**row, "kind": "handout", "from_state": seeded.outcome, "to_state": "handed_out",
                      "actor": seeded.clerk or "online", "at": _utc(seeded.handed_out_at), "detail": "{}"})
    for rating in seeded.ratings:
        detail = {"level": rating.level, "reasons": [], "comment": "", "stage": rating.stage, "bad": rating.level <= 2}
        steps.append({**row, "kind": "evaluation", "from_state": seeded.state, "to_state": seeded.state,
                      "actor": seeded.clerk or "online", "at": _utc(rating.at), "detail": json.dumps(detail)})
    return steps
