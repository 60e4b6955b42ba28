"""Matter search: matching by name, code, pinyin and mixes, ranking, highlights, normalisation."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.catalogue.generator import read_shipped_guides
from clerk_app.core.search import (
    MAX_ALTERNATES,
    MatchKind,
    SearchEntry,
    SearchHit,
    SearchIndex,
    fold,
    normalize_query,
    readings,
)

GUIDES = Path(__file__).resolve().parents[2] / "clerk_app" / "resources" / "guides"

HALL = [
    SearchEntry("150200-BDC-QR-0001-01", "不动产登记", ("房产登记",), "bdc"),
    SearchEntry("150200-BDC-GG-0003-01", "不动产登记资料查询", ("查档", "有无房证明"), "bdc"),
    SearchEntry("150200-BDC-QR-0004-01", "国有建设用地使用权及房屋所有权转移登记", ("二手房过户",), "bdc"),
    SearchEntry("150200-SCJG-XK-0012-01", "个体工商户设立登记", ("办营业执照", "个体户开业"), "scjgj"),
    SearchEntry("150200-SCJG-XK-0012-02", "个体工商户变更登记", ("个体户变更",), "scjgj"),
    SearchEntry("150200-SCJG-XK-0012-03", "个体工商户注销登记", (), "scjgj"),
    SearchEntry("150200-SCJG-XK-0030-01", "ICP经营许可证核发", (), "scjgj"),
    SearchEntry("150200-GA-GG-0007-01", "户政业务办理进度查询", (), "gaj"),
    SearchEntry("150200-GA-XK-0008-01", "护照换发", (), "gaj"),
    SearchEntry("150200-GA-QR-0009-01", "登记户口", (), "gaj"),
    SearchEntry("150200-MZ-QR-0001-01", "结婚登记", ("领结婚证",), "mzj"),
    SearchEntry("150200-GJJ-GF-0001-01", "住房公积金贷款还款", (), "gjj"),
    SearchEntry("150200-YB-GG-0010-01", "银行卡挂失", (), "ybj"),
    SearchEntry("150200-JT-XK-0009-01", "车辆过户登记", (), "jtj"),
    SearchEntry("150200-YJS-0001", "新生儿出生一件事", ("出生一件事",), "wjw"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(HALL)


def names(hits: list[SearchHit]) -> list[str]:
    return [h.entry.name for h in hits]


def first(index: SearchIndex, query: str) -> SearchHit:
    hits = index.search(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


# --- what matches ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name", "kind", "positions"),
    [
        ("bdcdj", "不动产登记", MatchKind.PINYIN_PREFIX, (0, 1, 2, 3, 4)),
        ("budongchandengji", "不动产登记", MatchKind.PINYIN_PREFIX, (0, 1, 2, 3, 4)),
        ("budcdj", "不动产登记", MatchKind.PINYIN_PREFIX, (0, 1, 2, 3, 4)),
        ("gtgsh设立", "个体工商户设立登记", MatchKind.PINYIN_PREFIX, (0, 1, 2, 3, 4, 5, 6)),
        ("hzhy", "户政业务办理进度查询", MatchKind.PINYIN_PREFIX, (0, 1, 2)),  # zh: a two-letter initial
        ("hzhf", "护照换发", MatchKind.PINYIN_PREFIX, (0, 1, 2, 3)),
        ("不动产登记资料", "不动产登记资料查询", MatchKind.NAME_PREFIX, (0, 1, 2, 3, 4, 5, 6)),
        ("资料查询", "不动产登记资料查询", MatchKind.NAME_SUBSTRING, (5, 6, 7, 8)),
        ("zlcx", "不动产登记资料查询", MatchKind.PINYIN_SUBSTRING, (5, 6, 7, 8)),
        ("登记zl", "不动产登记资料查询", MatchKind.PINYIN_SUBSTRING, (3, 4, 5, 6)),
        ("icp", "ICP经营许可证核发", MatchKind.PINYIN_PREFIX, (0, 1, 2)),
        ("xsecs", "新生儿出生一件事", MatchKind.PINYIN_PREFIX, (0, 1, 2, 3, 4)),  # a bundle
        ("不资", "不动产登记资料查询", MatchKind.SUBSEQUENCE, (0, 5)),
    ],
)
def test_finds_by_name_pinyin_and_mixes(
    index: SearchIndex, query: str, name: str, kind: MatchKind, positions: tuple[int, ...]
) -> None:
    hit = first(index, query)
    assert (hit.entry.name, hit.kind, hit.field, hit.text) == (name, kind, "name", name)
    assert hit.positions == positions


def test_alias_matches_show_the_alias(index: SearchIndex) -> None:
    hit = first(index, "yyzz")
    assert hit.entry.name == "个体工商户设立登记"
    assert (hit.kind, hit.field, hit.text, hit.positions) == (MatchKind.ALIAS_SUBSTRING, "alias", "办营业执照",
                                                               (1, 2, 3, 4))
    hit = first(index, "二手房")
    assert (hit.kind, hit.text, hit.positions) == (MatchKind.ALIAS_PREFIX, "二手房过户", (0, 1, 2))


def test_codes_ignore_hyphens_case_and_width(index: SearchIndex) -> None:
    exact = first(index, "150200-scjg-xk-0012-01")
    assert (exact.entry.name, exact.kind, exact.field) == ("个体工商户设立登记", MatchKind.CODE_EXACT, "code")
    assert exact.positions == tuple(i for i, c in enumerate(exact.text) if c != "-")
    prefix = index.search("１５０２００ＳＣＪＧ")
    assert {h.kind for h in prefix} == {MatchKind.CODE_PREFIX}
    assert [h.entry.code for h in prefix] == sorted(e.code for e in HALL if e.code.startswith("150200-SCJG"))
    assert prefix[0].positions == (0, 1, 2, 3, 4, 5, 7, 8, 9, 10)
    inner = first(index, "0012-03")
    assert (inner.entry.name, inner.kind) == ("个体工商户注销登记", MatchKind.CODE_SUBSTRING)
    assert inner.text[inner.positions[0] : inner.positions[-1] + 1] == "0012-03"


def test_case_full_width_spaces_and_apostrophes_are_ignored(index: SearchIndex) -> None:
    expected = names(index.search("bdcdj"))
    for variant in ["BDCDJ", "ＢＤＣＤＪ", "bdc dj", " b'd c d j ", "ｂｄｃ　ｄｊ"]:
        assert names(index.search(variant)) == expected, variant
    assert normalize_query(" Bu'Dong　Chan ") == "budongchan"
    assert fold("（变更）ＡＢｃ") == "(变更)abc"


# --- polyphonic characters -------------------------------------------------------------------


def test_readings_in_context_come_first_and_others_are_bounded() -> None:
    bank = readings("银行卡")
    assert bank[1][0] == "hang" and "xing" in bank[1]
    assert readings("延长")[1] == ("chang", "zhang")
    assert readings("ICP（A）")[:3] == [("i",), ("c",), ("p",)]
    assert readings("（变更）")[0] == ()
    assert all(len(unit) <= 1 + MAX_ALTERNATES for unit in readings("单位参保登记重新核发还款"))


def test_other_readings_match_but_rank_below_the_reading_in_context(index: SearchIndex) -> None:
    assert first(index, "yhk").entry.name == "银行卡挂失"
    assert first(index, "yhk").kind is MatchKind.PINYIN_PREFIX
    other = first(index, "yinxingka")  # 行 read as xing
    assert (other.entry.name, other.kind, other.positions) == ("银行卡挂失", MatchKind.OTHER_READING, (0, 1, 2))
    ranked = [(h.entry.name, h.kind) for h in index.search("yxk")]  # 营许可 in context comes first
    assert ranked == [("ICP经营许可证核发", MatchKind.PINYIN_SUBSTRING), ("银行卡挂失", MatchKind.OTHER_READING)]
    # pypinyin reads 还款 as hai kuan; a clerk who types huankuan still finds it
    repay = first(index, "huankuan")
    assert (repay.entry.name, repay.kind, repay.positions) == ("住房公积金贷款还款", MatchKind.OTHER_READING, (7, 8))


# --- ranking ---------------------------------------------------------------------------------


def test_ranking_code_then_name_then_pinyin_then_alias_then_substring(index: SearchIndex) -> None:
    hits = index.search("dj")
    kinds = [h.kind for h in hits]
    assert kinds == sorted(kinds)
    assert hits[0].entry.name == "登记户口"  # pinyin prefix before every substring match
    inner = [h.entry.name for h in hits if h.kind is MatchKind.PINYIN_SUBSTRING]
    assert inner[:2] == ["结婚登记", "不动产登记"]  # earlier start (2, 3) first
    assert inner.index("个体工商户变更登记") < inner.index("个体工商户设立登记")  # same start and length: by name


def test_shorter_names_first_on_ties(index: SearchIndex) -> None:
    hits = index.search("不动产登记")
    assert names(hits)[:2] == ["不动产登记", "不动产登记资料查询"]
    assert [h.kind for h in hits[:2]] == [MatchKind.NAME_PREFIX] * 2


def test_alias_prefix_beats_name_substring_which_beats_alias_substring() -> None:
    entries = [
        SearchEntry("A-01", "机动车登记", ("二手车过户",), "gaj"),
        SearchEntry("B-01", "车辆过户登记", (), "jtj"),
        SearchEntry("C-01", "国有建设用地使用权及房屋所有权转移登记", ("过户",), "bdc"),
    ]
    hits = SearchIndex(entries).search("过户")
    assert [(h.entry.code, h.kind) for h in hits] == [
        ("C-01", MatchKind.ALIAS_PREFIX), ("B-01", MatchKind.NAME_SUBSTRING), ("A-01", MatchKind.ALIAS_SUBSTRING),
    ]


def test_exact_code_comes_before_a_name_with_those_letters() -> None:
    entries = [SearchEntry("DJ01", "窗口服务评价", (), "zwfw"), SearchEntry("X-9", "登记结婚", (), "mzj")]
    assert [h.kind for h in SearchIndex(entries).search("dj01")] == [MatchKind.CODE_EXACT]
    assert [h.entry.code for h in SearchIndex(entries).search("dj")] == ["DJ01", "X-9"]


def test_results_are_deterministic_and_each_entry_appears_once() -> None:
    shuffled = HALL[:]
    random.Random(7).shuffle(shuffled)
    for query in ["dj", "d", "1", "登", "gt", "bdc", "zh"]:
        hits = SearchIndex(HALL).search(query)
        assert names(hits) == names(SearchIndex(shuffled).search(query)), query
        assert len({h.entry for h in hits}) == len(hits)


def test_limits_and_empty_queries(index: SearchIndex) -> None:
    assert index.search("") == [] and index.search("   ") == []
    assert index.search("d", limit=0) == []
    assert len(index.search("1", limit=3)) == 3
    assert len(index.search("1")) == len(HALL)
    assert index.search("zzzzzz") == []
    assert SearchIndex([]).search("bdc") == [] and len(index) == len(HALL)


def test_kind_labels_in_both_languages() -> None:
    assert MatchKind.PINYIN_PREFIX.label() == "拼音开头"
    assert MatchKind.PINYIN_PREFIX.label("en") == "pinyin prefix"
    assert all(k.label() and k.label("en") for k in MatchKind)


# --- the shipped catalogue -------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> list[SearchEntry]:
    guides = read_shipped_guides(GUIDES)
    if not guides.matters:
        pytest.skip("no shipped guides")
    docs = [*guides.matters, *guides.bundles]
    return [SearchEntry(d["code"], d["name"], tuple(d.get("aliases", ())), d["department"]) for d in docs]


@pytest.fixture(scope="module")
def shipped_index(shipped: list[SearchEntry]) -> SearchIndex:
    return SearchIndex(shipped)


def test_every_shipped_matter_is_found_by_code_name_and_initials(
    shipped: list[SearchEntry], shipped_index: SearchIndex
) -> None:
    everything = len(shipped)
    for entry in shipped:
        assert shipped_index.search(entry.code, limit=1)[0].entry == entry
        by_name = {h.entry: h.kind for h in shipped_index.search(entry.name, limit=everything)}
        assert by_name[entry] is MatchKind.NAME_PREFIX
        units = readings(entry.name)
        initials = "".join(u[0][0] for u in units if u)
        full = "".join(u[0] for u in units if u)
        if all(units):  # no punctuation in between
            for query in (initials, full):
                found = {h.entry: h for h in shipped_index.search(query, limit=everything)}
                assert found[entry].kind is MatchKind.PINYIN_PREFIX, query
                assert found[entry].positions == tuple(range(len(entry.name)))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bdcdj", "不动产登记资料查询"),
        ("gtgsh设立", "个体工商户设立登记"),
        ("jhdj", "结婚登记（内地居民）"),
        ("二手房过户", "国有建设用地使用权及房屋所有权转移登记（二手房买卖）"),
        ("xsecs", "新生儿出生一件事"),
        ("办营业执照", "个体工商户设立登记"),
    ],
)
def test_shipped_catalogue_ranking(shipped_index: SearchIndex, query: str, expected: str) -> None:
    assert first(shipped_index, query).entry.name == expected


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_any_piece_of_a_name_finds_it(
    data: st.DataObject, shipped: list[SearchEntry], shipped_index: SearchIndex
) -> None:
    entry = data.draw(st.sampled_from(shipped))
    start = data.draw(st.integers(0, len(entry.name) - 1))
    end = data.draw(st.integers(start + 1, len(entry.name)))
    hits = {h.entry: h for h in shipped_index.search(entry.name[start:end], limit=len(shipped))}
    assert entry in hits
    positions = hits[entry].positions
    assert list(positions) == sorted(positions) and all(0 <= p < len(hits[entry].text) for p in positions)
