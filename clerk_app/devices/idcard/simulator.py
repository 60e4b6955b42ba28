"""A simulated reader for `make run`, demos and tests: configurable people, hard cases included.

Two ways to drive it:
- `auto` (demos): the people take turns on the reader, each `dwell` seconds on it, then `gap`
  seconds with no card.
- by hand (tests, the CLI): `place(card)`, `remove()`, `unplug()`, `replug()`, `fail_reads()`.

People come from configuration as mappings with CardData's field names (dates as YYYY-MM-DD,
`valid_to` may be "长期"); a person with `"read_error": "read_failed"` fails the first read
after each placement, as a badly placed card does. Without people, `demo_people()` is used.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from clerk_app.core.idnumber import id_check_char
from clerk_app.devices.idcard.errors import CardError, NoCardError, NoReaderError
from clerk_app.devices.idcard.model import LONG_TERM, CardData, CardKind
from clerk_app.devices.idcard.reader import CardReader, config_error, setting_float
from clerk_app.devices.idcard.status import status_error

_FIELDS = {
    "name", "english_name", "sex", "nation", "address", "id_number", "authority",
    "nationality", "pass_number", "previous_number", "card_version", "extra_address",
    "chip_serial",
}
_ERRORS: dict[str, Callable[[], CardError]] = {
    "read_failed": lambda: status_error(0x41),
    "sam_fault": lambda: status_error(0x60),
    "unsupported": lambda: status_error(0x40),
}


def card_from_mapping(person: Mapping[str, Any]) -> CardData:
    """A CardData from a configuration mapping."""
    values: dict[str, Any] = {key: person[key] for key in _FIELDS if person.get(key) is not None}
    values["kind"] = CardKind(person.get("kind", "resident"))
    for key in ("birth_date", "valid_from", "valid_to"):
        raw = person.get(key)
        if raw == LONG_TERM:
            values["long_term"] = True
        elif raw:
            values[key] = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
    if person.get("issue_count") is not None:
        values["issue_count"] = int(person["issue_count"])
    values.setdefault("id_number", "")
    return CardData(**values)


class SimulatedReader(CardReader):
    backend = "simulator"

    def __init__(
        self,
        people: Sequence[Mapping[str, Any]] | None = None,
        *,
        auto: bool = False,
        dwell: float = 4.0,
        gap: float = 2.0,
        poll_interval: float = 0.05,
        read_delay: float = 0.0,
    ) -> None:
        self.people = list(people if people is not None else demo_people())
        self.cards = [card_from_mapping(person) for person in self.people]
        self.auto = auto
        self.dwell = dwell
        self.gap = gap
        self.poll_interval = poll_interval
        self.read_delay = read_delay
        self._lock = threading.Lock()
        self._start = time.monotonic()
        self._card: CardData | None = None
        self._card_error: str | None = None
        self._plugged = True
        self._open = False
        self._failures: list[CardError] = []
        self._placement = -1
        self._failed_placement = -2

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SimulatedReader:
        people = config.get("people")
        if people is not None and not isinstance(people, list):
            raise config_error("people", type(people).__name__, "a list of people")
        return cls(
            people,
            auto=bool(config.get("auto", people is None)),
            dwell=setting_float(config, "dwell", 4.0),
            gap=setting_float(config, "gap", 2.0),
            poll_interval=setting_float(config, "poll_interval", 0.05),
            read_delay=setting_float(config, "read_delay", 0.0),
        )

    # -- driving it by hand -----------------------------------------------------------------

    def place(self, card: CardData | int, read_error: str | None = None) -> None:
        """Put a card (or the N-th configured person's card) on the reader."""
        with self._lock:
            index = card if isinstance(card, int) else None
            self._card = self.cards[card] if isinstance(card, int) else card
            self._card_error = read_error or (
                self.people[index].get("read_error") if index is not None else None
            )
            self._placement += 1

    def remove(self) -> None:
        with self._lock:
            self._card = None

    def unplug(self) -> None:
        with self._lock:
            self._plugged = False

    def replug(self) -> None:
        with self._lock:
            self._plugged = True

    def fail_reads(self, error: CardError, times: int = 1) -> None:
        """The next `times` reads raise `error`."""
        with self._lock:
            self._failures = [error] * times

    # -- CardReader -------------------------------------------------------------------------

    def discover(self) -> list[str]:
        return ["模拟阅读器"] if self._plugged else []

    def open(self) -> str:
        with self._lock:
            if not self._plugged:
                raise NoReaderError("card.no_reader", where="simulator")
            self._open = True
        return "模拟阅读器"

    def close(self) -> None:
        with self._lock:
            self._open = False

    def card_present(self) -> bool:
        with self._lock:
            self._check_plugged()
            return self._current()[0] is not None

    def read(self) -> CardData:
        if self.read_delay:
            time.sleep(self.read_delay)
        with self._lock:
            self._check_plugged()
            card, error_name, placement = self._current()
            if card is None:
                raise NoCardError("card.absent")
            if self._failures:
                raise self._failures.pop()
            if error_name and placement != self._failed_placement:
                self._failed_placement = placement
                raise _ERRORS.get(error_name, _ERRORS["read_failed"])()
            return card

    def _check_plugged(self) -> None:
        if not self._plugged or not self._open:
            raise NoReaderError("card.disconnected", reason="simulated unplug")

    def _current(self) -> tuple[CardData | None, str | None, int]:
        if not self.auto:
            return self._card, self._card_error, self._placement
        if not self.cards:
            return None, None, -1
        period = self.dwell + self.gap
        turn, phase = divmod(time.monotonic() - self._start, period)
        if phase >= self.dwell:
            return None, None, int(turn)
        index = int(turn) % len(self.cards)
        return self.cards[index], self.people[index].get("read_error"), int(turn)


def _number(first17: str) -> str:
    return first17 + id_check_char(first17)


def demo_people(today: date | None = None) -> list[dict[str, Any]]:
    """People for demos, hard cases included; every name and number is made up."""
    today = today or date.today()
    resident = {"kind": "resident", "authority": "示例市公安局示例分局"}
    return [
        {**resident, "name": "张伟", "sex": "男", "nation": "汉", "birth_date": "1990-03-07",
         "address": "内蒙古自治区赤峰市宁城县天义镇示例街12号",
         "id_number": _number("15042919900307773"), "valid_from": "2016-05-01",
         "valid_to": "2036-05-01"},
        {**resident, "name": "王𠀀", "sex": "女", "nation": "汉", "birth_date": "1985-11-20",
         "address": "宁夏回族自治区中卫市中宁县宁安镇示例路8号",
         "id_number": _number("64052119851120002"), "valid_from": "2019-01-10",
         "valid_to": "2039-01-10"},
        {**resident, "name": "阿依古丽·艾合买提江·买买提明", "sex": "女", "nation": "维吾尔",
         "birth_date": "1978-06-15", "address": "新疆维吾尔自治区乌鲁木齐市天山区示例巷3号",
         "id_number": _number("65010219780615004"), "valid_from": "2012-08-01",
         "valid_to": "2032-08-01", "extra_address": "内蒙古自治区包头市昆都仑区示例小区5栋"},
        {**resident, "name": "李秀英", "sex": "女", "nation": "蒙古", "birth_date": "1950-02-28",
         "address": "内蒙古自治区鄂尔多斯市杭锦旗锡尼镇示例嘎查", "valid_to": LONG_TERM,
         "id_number": _number("15062519500228002"), "valid_from": "2008-04-01"},
        {**resident, "name": "赵敏", "sex": "女", "nation": "回", "birth_date": "1992-09-09",
         "address": "宁夏回族自治区银川市兴庆区示例路1号", "valid_from": "2010-01-01",
         "id_number": _number("64010419920909002"), "valid_to": "2020-01-01"},
        {**resident, "name": "周晓", "sex": "男", "nation": "汉", "birth_date": "1996-01-02",
         "address": "内蒙古自治区包头市青山区示例街9号", "valid_from": "2016-01-02",
         "id_number": _number("15020419960102001"),
         "valid_to": (today + timedelta(days=20)).isoformat()},
        {**resident, "name": "孙强", "sex": "男", "nation": "汉", "birth_date": "1980-12-31",
         "address": "内蒙古自治区赤峰市红山区示例路7号", "valid_from": "2015-03-03",
         "id_number": "150402198012310010", "valid_to": "2035-03-03"},
        {**resident, "name": "刘洋", "sex": "男", "nation": "满", "birth_date": "2001-07-01",
         "address": "宁夏回族自治区吴忠市利通区示例路2号", "valid_from": "2021-07-01",
         "id_number": _number("64030220010701003"), "valid_to": "2031-07-01",
         "read_error": "read_failed"},
        {"kind": "hmt", "name": "陈大文", "sex": "男", "birth_date": "1988-04-04",
         "address": "香港特别行政区", "authority": "公安部出入境管理局",
         "id_number": _number("81000019880404001"), "valid_from": "2020-10-01",
         "valid_to": "2025-10-01", "pass_number": "H12345678", "issue_count": 2},
        {"kind": "foreigner_2017", "name": "史密斯", "english_name": "SMITH, JOHN PAUL",
         "sex": "男", "birth_date": "1975-05-05", "id_number": "USA110075050501",
         "nationality": "USA", "authority": "1500", "valid_from": "2018-06-16",
         "valid_to": "2028-06-16", "card_version": "01"},
        {"kind": "foreigner_2023", "name": "玛丽亚", "sex": "女", "birth_date": "1983-03-03",
         "english_name": "GARCIA LOPEZ, MARIA DE LOS ANGELES FERNANDA",
         "id_number": _number("93114219830303002"), "nationality": "ESP",
         "valid_from": "2024-01-15", "valid_to": "2034-01-15", "issue_count": 0},
    ]
