"""Today's cases list, search, and pre-filling a returning applicant's answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from clerk_app.core.case import CaseState
from clerk_app.store.cases import CaseStore
from clerk_app.store.schema import SyncState
from tests.store.sample import DAY, ID_NUMBER, MOMENT, accepted, draft

OTHER_ID = "150203199001011234"


@pytest.fixture
def filled(cases: CaseStore) -> CaseStore:
    """Five cases over two days, different applicants, matters and states."""
    cases.save(accepted("BT01-W07-20261122-0001", name="赵六", id_number=OTHER_ID,
                        created_at=MOMENT - timedelta(days=1)))
    cases.save(accepted("BT01-W07-20261123-0001", name="张三", matter=("gaj-jzz", "居住证签注")))
    cases.save(accepted("BT01-W07-20261123-0002", name="李四", id_number=OTHER_ID,
                        matter=("mzj-jhdj", "婚姻登记"), created_at=MOMENT + timedelta(hours=1)))
    cases.save(draft(name="王五", id_number="", created_at=MOMENT + timedelta(hours=2)))
    refused = draft("BT01-W07-20261123-0003", name="张三丰", created_at=MOMENT + timedelta(hours=3))
    cases.save(refused.moved(CaseState.REFUSED, at=MOMENT + timedelta(hours=3, minutes=5), actor="demo"))
    return cases


def test_newest_first_with_light_summaries(filled: CaseStore) -> None:
    listed = filled.list_cases()
    assert [c.applicant_name for c in listed] == ["张三丰", "王五", "李四", "张三", "赵六"]
    top = listed[2]
    assert (top.number, top.code, top.name, top.state) == ("BT01-W07-20261123-0002", "mzj-jhdj", "婚姻登记",
                                                           CaseState.ACCEPTED)
    assert (top.clerk, top.applicant_id_number, top.revision, top.sync_state) == ("demo", OTHER_ID, 1,
                                                                                 SyncState.PENDING)
    assert top.created_at == MOMENT + timedelta(hours=1)
    assert listed[1].number == ""  # a draft without a number yet


def test_one_day(filled: CaseStore) -> None:
    assert len(filled.list_cases(day=DAY)) == 4
    assert [c.applicant_name for c in filled.list_cases(day=DAY - timedelta(days=1))] == ["赵六"]
    assert filled.list_cases(day=date(2027, 1, 1)) == []


def test_by_state(filled: CaseStore) -> None:
    assert {c.applicant_name for c in filled.list_cases(states=[CaseState.ACCEPTED])} == {"张三", "李四", "赵六"}
    assert [c.applicant_name for c in filled.list_cases(states={"refused", CaseState.DRAFT})] == ["张三丰", "王五"]
    assert filled.list_cases(states=[]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20261123-0002", {"李四"}),  # part of the number
        ("w07-20261122", {"赵六"}),  # case does not matter
        ("张三", {"张三", "张三丰"}),  # applicant name
        ("199001011234", {"李四", "赵六"}),  # id number
        ("002x", {"张三", "张三丰"}),  # id number ending in x, typed small
        ("婚姻", {"李四"}),  # matter name
        ("  居住证 ", {"张三", "王五", "张三丰", "赵六"}),  # surrounding blanks ignored
        ("%", set()),  # wildcards are plain characters
        ("_", set()),
        ("nobody", set()),
    ],
)
def test_search(filled: CaseStore, text: str, expected: set[str]) -> None:
    assert {c.applicant_name for c in filled.list_cases(text=text)} == expected


def test_filters_combine_and_limit(filled: CaseStore) -> None:
    assert [c.applicant_name for c in filled.list_cases(day=DAY, text="张三", states=[CaseState.REFUSED])] == [
        "张三丰"
    ]
    assert [c.applicant_name for c in filled.list_cases(limit=2)] == ["张三丰", "王五"]


def test_previous_answers_newest_first(cases: CaseStore) -> None:
    cases.save(accepted("BT01-W07-20261101-0001", answers={"居住地址": "旧地址", "单位": "钢铁公司", "学历": "本科"},
                        created_at=MOMENT - timedelta(days=22)))
    cases.save(accepted("BT01-W07-20261115-0001", answers={"居住地址": "新地址", "单位": "", "婚姻状况": "已婚"},
                        created_at=MOMENT - timedelta(days=8)))
    cases.save(draft(answers={"居住地址": "草稿里的地址"}, created_at=MOMENT))  # an unfinished draft: not used
    cases.save(accepted("BT01-W07-20261115-0002", id_number=OTHER_ID, answers={"单位": "别人的单位"},
                        created_at=MOMENT - timedelta(days=1)))
    assert cases.previous_answers(ID_NUMBER) == {
        "居住地址": "新地址", "单位": "钢铁公司", "学历": "本科", "婚姻状况": "已婚",
    }
    assert cases.previous_answers(ID_NUMBER.lower() + " ") == cases.previous_answers(ID_NUMBER)


def test_previous_answers_of_nobody(cases: CaseStore) -> None:
    cases.save(accepted("BT01-W07-20261123-0001", id_number="", answers={"单位": "无证件的人"}))
    assert cases.previous_answers("") == {}
    assert cases.previous_answers(OTHER_ID) == {}


def test_previous_answers_follow_the_stored_copy(cases: CaseStore) -> None:
    saved = cases.save(accepted("BT01-W07-20261123-0001", answers={"单位": "甲"}))
    cases.save(replace(saved, answers={"单位": "乙"}))
    assert cases.previous_answers(ID_NUMBER) == {"单位": "乙"}
