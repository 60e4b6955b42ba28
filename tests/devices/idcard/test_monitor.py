"""The monitor loop: one read per placement, no duplicates, recovery after unplugging."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from clerk_app.devices.idcard.errors import CardError, ReadFailedError
from clerk_app.devices.idcard.model import CardData, CardKind, Expiry
from clerk_app.devices.idcard.monitor import Backoff, CardMonitor, ReaderState, ReaderStatus
from clerk_app.devices.idcard.reader import CardReader, create_reader
from clerk_app.devices.idcard.sam import SamReader
from clerk_app.devices.idcard.simulator import SimulatedReader, card_from_mapping, demo_people
from clerk_app.devices.idcard.status import status_error
from tests.devices.idcard import cardgen
from tests.devices.idcard.events import FAST, Recorder, state_is
from tests.devices.idcard.samsim import READ, SamSimulator


@pytest.fixture
def run_monitor() -> Iterator[Callable[..., Recorder]]:
    stops: list[tuple[threading.Event, threading.Thread]] = []

    def start(factory: Callable[[], CardReader], **options: object) -> Recorder:
        recorder = Recorder()
        monitor = CardMonitor(factory, recorder, backoff=FAST, **options)  # type: ignore[arg-type]
        stop = threading.Event()
        thread = threading.Thread(target=monitor.run, args=(stop,), daemon=True)
        thread.start()
        stops.append((stop, thread))
        return recorder

    yield start
    for stop, thread in stops:
        stop.set()
        thread.join(5)
        assert not thread.is_alive()


def simulated(**options: object) -> SimulatedReader:
    return SimulatedReader(demo_people(date(2026, 1, 1)), poll_interval=0.01, **options)  # type: ignore[arg-type]


def test_one_read_per_placement(run_monitor: Callable[..., Recorder]) -> None:
    reader = simulated()
    events = run_monitor(lambda: reader)
    events.wait_for("status", state_is(ReaderState.READY))
    reader.place(0)
    card = events.wait_for("card")
    assert isinstance(card, CardData) and card.name == "张伟"
    events.wait_for("status", state_is(ReaderState.CARD_READ))
    assert "card" not in events.drain(0.2)  # still on the reader: not read again
    reader.remove()
    events.wait_for("removed")
    events.wait_for("status", state_is(ReaderState.READY))


def test_same_card_back_within_a_flicker_is_not_reported_twice(
    run_monitor: Callable[..., Recorder],
) -> None:
    reader = simulated()
    events = run_monitor(lambda: reader, repeat_after=0.5)
    reader.place(1)
    events.wait_for("card")
    reader.remove()
    events.wait_for("removed")
    reader.place(1)
    events.wait_for("status", state_is(ReaderState.CARD_READ))
    assert "card" not in events.drain(0.1)
    reader.remove()
    events.wait_for("removed")
    time.sleep(0.6)  # gone longer than repeat_after: a new placement is a new read
    reader.place(1)
    assert isinstance(events.wait_for("card"), CardData)


def test_another_card_is_read_at_once(run_monitor: Callable[..., Recorder]) -> None:
    reader = simulated()
    events = run_monitor(lambda: reader)
    reader.place(0)
    events.wait_for("card")
    reader.remove()
    events.wait_for("removed")
    reader.place(8)
    card = events.wait_for("card")
    assert isinstance(card, CardData) and card.kind is CardKind.HMT


def test_a_transient_failure_is_retried_silently(run_monitor: Callable[..., Recorder]) -> None:
    reader = simulated()
    events = run_monitor(lambda: reader)
    reader.place(7)  # 刘洋: the first read after placing fails
    card = events.wait_for("card")
    assert isinstance(card, CardData) and card.name == "刘洋"
    assert "error" not in [kind for kind, _ in events.seen]


def test_a_persistent_failure_is_reported_once(run_monitor: Callable[..., Recorder]) -> None:
    reader = simulated()
    events = run_monitor(lambda: reader, read_attempts=2)
    reader.fail_reads(status_error(0x41), times=2)
    reader.place(0)
    error = events.wait_for("error")
    assert isinstance(error, ReadFailedError)
    status = events.wait_for("status", state_is(ReaderState.READ_FAILED))
    assert isinstance(status, ReaderStatus) and status.error is error
    assert events.drain(0.2).count("error") == 0
    reader.remove()
    events.wait_for("removed")


def test_an_undecodable_card_is_reported_without_retrying(
    run_monitor: Callable[..., Recorder], sam_sim: SamSimulator,
) -> None:
    events = run_monitor(lambda: SamReader(sam_sim.path, poll_interval=0.01))
    events.wait_for("status", state_is(ReaderState.READY))
    sam_sim.place(cardgen.resident_text(birth="19991399"))
    error = events.wait_for("error")
    assert isinstance(error, CardError) and "19991399" in error.text("en")
    assert sam_sim.count(READ) == 1


def test_unplug_and_replug_recover_by_themselves(run_monitor: Callable[..., Recorder]) -> None:
    reader = simulated()
    events = run_monitor(lambda: reader)
    reader.place(0)
    events.wait_for("card")
    reader.unplug()
    events.wait_for("removed")
    lost = events.wait_for("status", state_is(ReaderState.NO_READER))
    assert isinstance(lost, ReaderStatus) and lost.retry_in == pytest.approx(0.05)
    again = events.wait_for("status", state_is(ReaderState.NO_READER))
    assert isinstance(again, ReaderStatus) and again.retry_in == pytest.approx(0.1)  # back-off
    reader.replug()
    events.wait_for("status", state_is(ReaderState.READY))
    events.wait_for("status", state_is(ReaderState.CARD_READ))  # the same card: not reported
    assert [kind for kind, _ in events.seen].count("card") == 1
    reader.remove()
    events.wait_for("removed")
    reader.place(2)
    card = events.wait_for("card")
    assert isinstance(card, CardData) and card.nation == "维吾尔"


def test_a_sam_unplugged_and_replugged(run_monitor: Callable[..., Recorder],
                                       sam_sim: SamSimulator) -> None:
    events = run_monitor(lambda: SamReader(sam_sim.path, poll_interval=0.01))
    sam_sim.place(cardgen.resident_text())
    events.wait_for("card")
    sam_sim.unplug()
    events.wait_for("status", state_is(ReaderState.NO_READER))
    sam_sim.replug()
    sam_sim.remove()
    events.wait_for("status", state_is(ReaderState.READY))
    sam_sim.place(cardgen.foreigner_2017_text())
    card = events.wait_for("card")
    assert isinstance(card, CardData) and card.kind is CardKind.FOREIGNER_2017


def test_a_reader_that_cannot_be_created_is_retried(run_monitor: Callable[..., Recorder]) -> None:
    events = run_monitor(lambda: create_reader({"backend": "vendor", "library": "/nonexistent.so"}))
    status = events.wait_for("status", state_is(ReaderState.NO_READER))
    assert isinstance(status, ReaderStatus) and status.error is not None
    assert "/nonexistent.so" in status.error.text("en")


def test_a_defect_in_a_backend_does_not_kill_the_thread(
    run_monitor: Callable[..., Recorder],
) -> None:
    class Broken(SimulatedReader):
        def card_present(self) -> bool:
            raise ZeroDivisionError("bug")

    events = run_monitor(lambda: Broken(poll_interval=0.01))
    status = events.wait_for("status", state_is(ReaderState.NO_READER))
    assert isinstance(status, ReaderStatus) and status.error is not None
    assert "ZeroDivisionError" in status.error.text("en")
    events.wait_for("status", state_is(ReaderState.NO_READER))  # and it keeps trying


def test_backoff_doubles_up_to_the_cap() -> None:
    delays = Backoff(initial=0.5, maximum=5.0).delays()
    assert [next(delays) for _ in range(6)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_simulator_auto_mode_takes_turns() -> None:
    reader = SimulatedReader(demo_people(), auto=True, dwell=0.2, gap=0.1)
    reader.open()
    assert reader.card_present()
    assert reader.read().name == "张伟"
    time.sleep(0.22)
    assert not reader.card_present()
    time.sleep(0.1)
    assert reader.read().name == "王𠀀"


def test_demo_people_cover_the_hard_cases() -> None:
    today = date(2026, 1, 1)
    cards = [card_from_mapping(person) for person in demo_people(today)]
    assert {card.kind for card in cards} == set(CardKind)
    assert any(any(ord(ch) > 0xFFFF for ch in card.name or "") for card in cards)
    assert any("·" in (card.name or "") for card in cards)
    assert any(card.long_term for card in cards)
    assert any(card.expiry(today) is Expiry.EXPIRED for card in cards)
    assert any(card.expiry(today) is Expiry.EXPIRING for card in cards)
    assert any(not card.id_number_valid for card in cards)
    assert sum(card.id_number_valid for card in cards) == len(cards) - 1


def test_simulator_from_configuration() -> None:
    reader = create_reader({"backend": "simulator", "people": [
        {"name": "测试", "sex": "男", "id_number": cardgen.with_check("11010119900101001"),
         "valid_to": "长期"}]})
    assert isinstance(reader, SimulatedReader) and not reader.auto
    reader.open()
    reader.place(0)
    card = reader.read()
    assert card.long_term and card.id_number_valid
