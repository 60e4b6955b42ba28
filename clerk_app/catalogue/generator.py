"""A city-scale catalogue generated from the shipped guides, for load tests and benchmarks.

Baotou's city catalogue lists 7,304 matters; the shipped guides are a few dozen. This module
varies them the way a real catalogue varies:

- implementing unit: the city (包头市, 150200) and its nine county-level units, each implementing
  the same matter under its own 实施编码 (area code of GB/T 2260 + the city code's tail) and
  agency (昆都仑区市场监督管理局, 包头市公安局九原区分局, …), with the same 基本编码;
- handling item (业务办理项): 新设, 变更, 延续, 注销 for every main matter (主项), then, when more
  are needed, 其他 items (补证, 换证, 遗失补办);
- main matters: those of the shipped guides plus further real-world main matters of the same
  departments (`_MORE_SUBJECTS`), each built on a shipped guide of that department.

The shipped guides themselves are part of the result unchanged, so shipped bundles still resolve.
A generated guide reuses its template's situations, fields and materials: valid and internally
consistent, but not the real requirements of that matter; it exists to exercise scale (search,
loading, lists), never to be shown to an applicant. Same files and seed give the same documents.
"""

from __future__ import annotations

import argparse
import pickle
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BAOTOU_CATALOGUE_SIZE = 7304
CITY = ("150200", "包头市")
AREAS: tuple[tuple[str, str], ...] = (
    CITY,
    ("150202", "东河区"), ("150203", "昆都仑区"), ("150204", "青山区"), ("150205", "石拐区"),
    ("150206", "白云鄂博矿区"), ("150207", "九原区"), ("150221", "土默特右旗"), ("150222", "固阳县"),
    ("150223", "达尔罕茂明安联合旗"),
)
ITEMS: tuple[tuple[str, str], ...] = (("新设", "新办"), ("变更", "变更"), ("延续", "延续"), ("注销", "注销"))
EXTRA_ITEMS: tuple[tuple[str, str], ...] = (("其他", "补证"), ("其他", "换证"), ("其他", "遗失补办"))
_LABELS = [label for _, label in (*ITEMS, *EXTRA_ITEMS)]  # position + 1 is the item's number
TYPE_CODES = {
    "行政许可": "XK", "行政确认": "QR", "行政裁决": "CJ", "行政给付": "GF", "行政奖励": "JL",
    "行政备案": "BA", "其他行政权力": "QT", "公共服务": "GG",
}
_TYPES = {code: name for name, code in TYPE_CODES.items()}
_MORE_SUBJECTS: dict[str, str] = {
    "scjgj": "XK 食品生产许可, XK 工业产品生产许可, XK 药品零售企业经营许可, XK 第三类医疗器械经营许可, "
             "BA 第二类医疗器械经营备案, QR 食品小作坊登记, QR 特种设备使用登记, QR 农民专业合作社登记, "
             "QR 个人独资企业登记, QR 合伙企业登记, QR 股份有限公司登记, QR 分公司登记, QR 动产抵押登记, "
             "QR 股权出质登记, QT 特种设备作业人员资格认定",
    "bdc": "QR 国有建设用地使用权首次登记, QR 宅基地使用权及房屋所有权登记, QR 集体建设用地使用权登记, "
           "QR 土地承包经营权登记, QR 林权登记, QR 地役权登记, QR 预告登记, QR 更正登记, QR 异议登记, "
           "QR 查封登记, QR 居住权登记, GG 不动产权证书补发换发",
    "gaj": "GG 居民户口簿补领, QR 户口登记项目变更更正, QR 死亡注销户口, XK 普通护照签发, "
           "XK 往来港澳通行证签发, XK 往来台湾通行证签发, QR 机动车登记, XK 机动车驾驶证换证, "
           "GG 无犯罪记录证明开具, XK 大型群众性活动安全许可, XK 旅馆业特种行业许可, "
           "XK 剧毒化学品购买许可, XK 烟花爆竹道路运输许可, XK 保安员证核发",
    "sbzx": "GG 企业职工基本养老保险参保登记, GG 城乡居民基本养老保险参保登记, GG 养老保险关系转移接续, "
            "GF 工伤保险待遇核定, GG 个人权益记录查询打印, GG 社会保险费补缴, GF 遗属待遇申领, "
            "GF 丧葬补助金领取, GG 机关事业单位养老保险参保登记, GF 城乡居民养老保险待遇申领, "
            "GG 社会保障卡挂失与补换, GG 领取养老金人员资格认证",
    "ybj": "GG 职工基本医疗保险参保登记, GG 医疗保险关系转移接续, QR 门诊慢特病病种待遇认定, "
           "GF 生育津贴支付, GF 生育医疗费用报销, GF 医疗费用零星报销, GF 医疗救助申请, "
           "GG 定点医药机构申请, GF 长期护理保险待遇申请, GG 参保信息变更, GG 参保缴费凭证开具",
    "gjj": "GG 住房公积金单位缴存登记, GG 住房公积金个人账户设立, GF 住房公积金提取（购房）, "
           "GF 住房公积金提取（租房）, GF 住房公积金提取（退休）, GF 住房公积金个人住房贷款, "
           "GG 住房公积金账户封存, GG 住房公积金异地转移接续, GG 住房公积金缴存证明开具, "
           "GG 灵活就业人员缴存住房公积金, GG 住房公积金贷款提前还款, GG 住房公积金贷款结清证明",
    "mzj": "QR 特困人员供养认定, GF 临时救助, QR 社会团体成立登记, QR 民办非企业单位成立登记, "
           "GG 婚姻登记证补领, QR 收养登记, GF 经济困难老年人补贴, BA 养老机构备案, QR 慈善组织认定, "
           "QT 地名命名更名, GF 孤儿基本生活保障, QR 事实无人抚养儿童认定",
    "wjw": "XK 医疗机构执业登记, XK 医师执业注册, XK 护士执业注册, XK 公共场所卫生许可, "
           "XK 饮用水供水单位卫生许可, XK 放射诊疗许可, GF 计划生育家庭特别扶助, "
           "GF 农村部分计划生育家庭奖励扶助, GG 独生子女父母光荣证, BA 职业健康检查机构备案, "
           "BA 诊所备案, XK 消毒产品生产企业卫生许可",
    "rsj": "XK 劳务派遣经营许可, XK 人力资源服务许可, QR 工伤认定, QR 劳动能力鉴定, GG 高校毕业生就业报到, "
           "GG 流动人员人事档案管理服务, QT 职称评审, XK 企业实行不定时工作制和综合计算工时工作制审批, "
           "CJ 劳动人事争议仲裁申请, GF 一次性创业补贴, GF 职业培训补贴, GF 就业困难人员社会保险补贴",
    "cl": "GG 残疾人辅助器具适配, GF 残疾儿童康复救助, GG 残疾人就业登记, GF 残疾人机动轮椅车燃油补贴, "
          "QR 按比例安排残疾人就业审核, GF 残疾人家庭无障碍改造, GG 残疾人职业技能培训, GF 残疾人创业扶持",
    "jtj": "XK 道路旅客运输经营许可, QR 道路运输从业人员从业资格, BA 机动车维修经营备案, "
           "BA 机动车驾驶员培训经营备案, XK 网络预约出租汽车驾驶员证核发, XK 网络预约出租汽车运输证核发, "
           "XK 巡游出租汽车经营许可, XK 超限运输车辆行驶公路许可, XK 占用挖掘公路许可, "
           "XK 城市公共汽车客运经营许可",
    "swj": "QT 跨区域涉税事项报告, QT 纳税人信息变更, QT 税务注销, GG 完税证明开具, QT 增值税一般纳税人登记, "
           "GG 个人所得税专项附加扣除, QT 代开增值税发票, QT 退抵税费申请, QT 纳税信用修复, "
           "QT 车辆购置税申报, QT 契税申报, QT 非正常户解除",
}


@dataclass
class ShippedGuides:
    """The guide files of a catalogue folder as raw YAML documents, in path order."""

    matters: list[dict[str, Any]] = field(default_factory=list)
    bundles: list[dict[str, Any]] = field(default_factory=list)
    departments: dict[str, Any] | None = None

    @property
    def department_names(self) -> dict[str, str]:
        entries = (self.departments or {}).get("departments", [])
        return {d["key"]: d.get("full_name", d["name"]) for d in entries}


@dataclass
class GeneratedCatalogue:
    matters: list[dict[str, Any]]
    bundles: list[dict[str, Any]]
    departments: dict[str, Any] | None


@dataclass
class _Subject:
    """A main matter (主项) of one department and the guides known for its items."""

    department: str
    main: str
    type: str
    template: dict[str, Any]
    own: dict[str, dict[str, Any]] = field(default_factory=dict)  # item label → shipped guide
    serial: str = ""
    dept_code: str = ""
    agency: str = ""
    numbers: dict[str, int] = field(default_factory=dict)  # item label → fifth code part
    _pickled: dict[str, bytes] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return f"{self.dept_code}-{TYPE_CODES[self.type]}-{self.serial}"

    def items(self) -> list[tuple[str, str]]:
        """(item, label) of every item to implement: the four, and other shipped guides."""
        extra = [(label.split(":")[0], label) for label in self.own if label not in _LABELS]
        return [*ITEMS, *extra]

    def copy_of(self, label: str) -> dict[str, Any]:
        """A fresh copy of the shipped guide for `label` ("" for the template); unpickling a
        plain YAML document is ~20 times faster than `copy.deepcopy`."""
        if label not in self._pickled:
            source = self.own[label] if label else self.template
            self._pickled[label] = pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL)
        return pickle.loads(self._pickled[label])


def read_shipped_guides(directory: str | Path) -> ShippedGuides:
    """Every `*.yaml` under `directory` (e.g. resources/guides), sorted by dispatch on `doc`."""
    shipped = ShippedGuides()
    for path in sorted(Path(directory).rglob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        kind = doc.get("doc") if isinstance(doc, dict) else None
        if kind == "matter":
            shipped.matters.append(doc)
        elif kind == "bundle":
            shipped.bundles.append(doc)
        elif kind == "departments":
            shipped.departments = doc
    return shipped


def generate_catalogue(
    shipped: ShippedGuides, count: int = BAOTOU_CATALOGUE_SIZE, seed: int = 2026
) -> GeneratedCatalogue:
    """`count` matter documents (the shipped ones included) with unique codes, plus the bundles."""
    if not shipped.matters:
        raise ValueError("no matter guides to vary")
    if count < len(shipped.matters):
        raise ValueError(f"count {count} is below the {len(shipped.matters)} shipped matters")
    rng = random.Random(seed)
    subjects = _subjects(shipped, rng)
    slots = _slots(subjects, count - len(shipped.matters), rng)
    generated = [_vary(subject, area, item, rng) for subject, area, item in slots]
    matters = sorted([*shipped.matters, *generated], key=lambda d: str(d["code"]))
    return GeneratedCatalogue(matters, list(shipped.bundles), shipped.departments)


def write_catalogue(catalogue: GeneratedCatalogue, directory: str | Path) -> int:
    """Write `matters/<code>.yaml`, `bundles/<code>.yaml` and `departments.yaml`; returns files."""
    root = Path(directory)
    written = 0
    for folder, docs in (("matters", catalogue.matters), ("bundles", catalogue.bundles)):
        (root / folder).mkdir(parents=True, exist_ok=True)
        for doc in docs:
            _dump(doc, root / folder / f"{doc['code']}.yaml")
            written += 1
    if catalogue.departments is not None:
        _dump(catalogue.departments, root / "departments.yaml")
        written += 1
    return written


def _dump(doc: dict[str, Any], path: Path) -> None:
    text = yaml.dump(doc, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")


def _subjects(shipped: ShippedGuides, rng: random.Random) -> list[_Subject]:
    subjects: dict[tuple[str, str], _Subject] = {}
    for doc in shipped.matters:
        main = str(doc.get("hierarchy", {}).get("main") or doc["name"])
        key = (str(doc["department"]), main)
        if key not in subjects:
            parts = str(doc["code"]).split("-")
            serial = parts[3] if len(parts) == 5 and parts[3].isdigit() else ""
            dept_code = parts[1] if len(parts) == 5 else str(doc["department"]).upper()
            subjects[key] = _Subject(key[0], main, str(doc["type"]), doc, serial=serial, dept_code=dept_code,
                                     agency=str(doc["agency"]))
        item = str(doc.get("hierarchy", {}).get("item", "其他"))
        label = _label(item)
        if label in subjects[key].own or label == "其他":  # its own slot, named by its code
            label = f"{item}:{doc['code']}"
        subjects[key].own[label] = doc
    known = set(shipped.department_names) or {s.department for s in subjects.values()}
    for department, listing in _MORE_SUBJECTS.items():
        if department in known:
            agency = shipped.department_names.get(department, department)
            _add_more(subjects, department, listing, shipped.matters, rng, agency)
    _number(list(subjects.values()))
    return list(subjects.values())


def _label(item: str) -> str:
    return {"新设": "新办"}.get(item, item)


def _add_more(
    subjects: dict[tuple[str, str], _Subject], department: str, listing: str,
    templates: Sequence[dict[str, Any]], rng: random.Random, full_name: str,
) -> None:
    """Further main matters of a department, each on a shipped guide of it (or of any)."""
    own = [t for t in templates if t["department"] == department] or list(templates)
    codes = [s.dept_code for s in subjects.values() if s.department == department]
    dept_code = codes[0] if codes else department.upper()
    for entry in listing.split(", "):
        type_code, main = entry.split(" ", 1)
        if (department, main) not in subjects:
            subjects[(department, main)] = _Subject(department, main, _TYPES[type_code], rng.choice(own),
                                                    dept_code=dept_code, agency=full_name)


def _number(subjects: Sequence[_Subject]) -> None:
    """Serials (the fourth code part) for subjects without one, and item numbers (the fifth)
    for the items no shipped guide covers: fixed once, so a matter's code ends the same way in
    every area."""
    taken: dict[tuple[str, str], set[int]] = {}  # serials per (department code, type code)
    tails = set()  # codes without their area part
    for s in subjects:
        for doc in s.own.values():
            tail = _shipped_code("", str(doc["code"]))[1:]
            tails.add(tail)
            parts = tail.split("-")
            if len(parts) == 4 and parts[2].isdigit():
                taken.setdefault((parts[0], parts[1]), set()).add(int(parts[2]))
    for s in subjects:
        used = taken.setdefault((s.dept_code, TYPE_CODES[s.type]), set())
        if not s.serial:
            s.serial = f"{max(used, default=0) + 1:04d}"
            used.add(int(s.serial))
        for number, label in enumerate(_LABELS, start=1):
            while f"{s.stem}-{number:02d}" in tails:
                number += 1
            tails.add(f"{s.stem}-{number:02d}")
            s.numbers[label] = number


_Slot = tuple[_Subject, tuple[str, str], tuple[str, str]]


def _slots(subjects: list[_Subject], needed: int, rng: random.Random) -> list[_Slot]:
    """`needed` (subject, area, item) triples that no shipped guide already covers.

    First every district's copy of each shipped guide (the matters every hall has), then the
    four standard items of every main matter, then the 其他 items; within a tier, a seeded
    shuffle decides which are left out.
    """
    every = [(s, area, item) for area in AREAS for s in subjects for item in s.items()]
    tiers = [
        [slot for slot in every if slot[2][1] in slot[0].own and slot[1] != CITY],
        [slot for slot in every if slot[2][1] not in slot[0].own],
        [(s, area, item) for area in AREAS for s in subjects for item in EXTRA_ITEMS],
    ]
    chosen: list[_Slot] = []
    for tier in tiers:
        rng.shuffle(tier)
        chosen += tier[: needed - len(chosen)]
        if len(chosen) == needed:
            return chosen
    total = len(chosen) + sum(len(s.own) for s in subjects)
    raise ValueError(f"these guides vary into at most {total} matters, fewer than requested")


def _vary(subject: _Subject, area: tuple[str, str], item: tuple[str, str], rng: random.Random) -> dict[str, Any]:
    """The guide of one matter item implemented by one area."""
    enum, label = item
    shipped = subject.own.get(label)
    doc = subject.copy_of(label if shipped else "")
    if shipped is None:  # an item no shipped guide covers, on the subject's template
        name = f"{subject.main}（{label}）"
        doc.pop("aliases", None)
        doc.update(name=name, type=subject.type, department=subject.department, agency=subject.agency,
                   basic_code=_basic_code(subject.main, label),
                   hierarchy={"main": subject.main, "sub": name, "item": enum},
                   result={**doc["result"], "name": _result_name(subject), "kind": _result_kind(subject)})
    doc["code"] = _code(subject, area[0], label)
    if area != CITY:
        doc["agency"] = _district_agency(area[1], subject.department, str(doc["agency"]))
        doc["contacts"] = {**doc["contacts"], "address": f"{area[1]}政务服务中心综合受理区"}
    _vary_time_limit(doc, rng)
    return doc


def _code(subject: _Subject, area_code: str, label: str) -> str:
    """A shipped guide's code with the area's code in front, or the item's own number."""
    if label in subject.own:
        return _shipped_code(area_code, str(subject.own[label]["code"]))
    return f"{area_code}-{subject.stem}-{subject.numbers[label]:02d}"


def _shipped_code(area_code: str, code: str) -> str:
    head, _, tail = code.partition("-")
    return f"{area_code}-{tail}" if head == CITY[0] and tail else f"{area_code}-{code}"


def _district_agency(area: str, department: str, city_agency: str) -> str:
    if department == "gaj":
        return f"包头市公安局{area}分局"
    if department == "swj":
        return f"国家税务总局包头市{area}税务局"
    if department == "gjj":
        return f"包头市住房公积金管理中心{area}管理部"
    return area + city_agency.split("（")[0].removeprefix(CITY[1])


def _basic_code(main: str, label: str) -> str:
    """基本编码: the same for a matter wherever it is implemented."""
    number = _LABELS.index(label) + 1 if label in _LABELS else 0
    return f"{zlib.crc32(main.encode('utf-8')) % 10**9:09d}{number:03d}"


def _result_name(subject: _Subject) -> str:
    return f"{subject.main}证" if subject.main.endswith("许可") else f"{subject.main}办理结果通知书"


def _result_kind(subject: _Subject) -> str:
    return "证照" if subject.type == "行政许可" else "其他"


def _vary_time_limit(doc: dict[str, Any], rng: random.Random) -> None:
    limit = doc["time_limit"]
    if limit.get("kind") == "承诺件" and int(limit.get("legal_days", 0)) > 1:
        limit = {**limit, "promised_days": rng.randint(1, int(limit["legal_days"]))}
        doc["time_limit"] = limit


try:  # libyaml is several times faster for thousands of files
    _LOADER: type = yaml.CSafeLoader
    _DUMPER: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _LOADER, _DUMPER = yaml.SafeLoader, yaml.SafeDumper


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m clerk_app.catalogue.generator OUT [--count N] [--seed S] [--guides DIR]`."""
    from clerk_app.config.paths import guides_dir

    parser = argparse.ArgumentParser(description="Write a generated city-scale guide catalogue.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=BAOTOU_CATALOGUE_SIZE)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--guides", type=Path, default=None)
    args = parser.parse_args(argv)
    shipped = read_shipped_guides(args.guides or guides_dir())
    written = write_catalogue(generate_catalogue(shipped, args.count, args.seed), args.out)
    print(f"{written} files written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
