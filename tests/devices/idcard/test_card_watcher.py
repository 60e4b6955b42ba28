"""The Qt side: CardWatcher signals on the UI thread, the status widget, the photo."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QLocale, QObject, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.devices.idcard.decode import decode_text
from clerk_app.devices.idcard.errors import CardError, NoReaderError
from clerk_app.devices.idcard.model import CardData, CardKind
from clerk_app.devices.idcard.monitor import ReaderState, ReaderStatus
from clerk_app.devices.idcard.photo import bmp_from_bgr_rows
from clerk_app.devices.idcard.sam import SamReader
from clerk_app.devices.idcard.simulator import SimulatedReader, demo_people
from clerk_app.devices.idcard.status import status_error
from clerk_app.ui.devices.card_photo import photo_pixmap, placeholder_text
from clerk_app.ui.devices.card_watcher import CardWatcher
from clerk_app.ui.devices.reader_status import ReaderStatusWidget
from tests.devices.idcard import cardgen
from tests.devices.idcard.events import FAST
from tests.devices.idcard.samsim import SamSimulator


@pytest.fixture
def make_watcher(qtbot: QtBot) -> Iterator[Callable[..., CardWatcher]]:
    watchers: list[CardWatcher] = []

    def make(factory: Callable[[], object], **options: object) -> CardWatcher:
        watcher = CardWatcher(factory, backoff=FAST, **options)  # type: ignore[arg-type]
        watchers.append(watcher)
        return watcher

    yield make
    for watcher in watchers:
        assert watcher.stop()


def state(wanted: ReaderState) -> Callable[[ReaderStatus], bool]:
    return lambda status: status.state is wanted


def test_card_read_arrives_on_the_ui_thread(
    qtbot: QtBot, make_watcher: Callable[..., CardWatcher]
) -> None:
    reader = SimulatedReader(demo_people(date(2026, 1, 1)), poll_interval=0.01)
    watcher = make_watcher(lambda: reader)
    threads: list[threading.Thread] = []
    watcher.card_read.connect(lambda _card: threads.append(threading.current_thread()))
    with qtbot.waitSignal(watcher.status_changed, check_params_cb=state(ReaderState.READY)):
        watcher.start()
    assert watcher.is_running()
    with qtbot.waitSignal(watcher.card_read, timeout=5000) as blocker:
        reader.place(8)
    card = blocker.args[0]
    assert isinstance(card, CardData) and card.kind is CardKind.HMT
    assert threads == [threading.main_thread()]
    assert watcher.status.state in (ReaderState.READING, ReaderState.CARD_READ)


def test_the_same_card_staying_on_the_reader_is_read_once(
    qtbot: QtBot, make_watcher: Callable[..., CardWatcher]
) -> None:
    reader = SimulatedReader(demo_people(), poll_interval=0.01)
    watcher = make_watcher(lambda: reader)
    watcher.start()
    with qtbot.waitSignal(watcher.card_read, timeout=5000):
        reader.place(0)
    with qtbot.assertNotEmitted(watcher.card_read, wait=300):
        pass
    with qtbot.waitSignal(watcher.card_removed, timeout=5000):
        reader.remove()


def test_read_error_signal_with_a_clerk_sentence(
    qtbot: QtBot, make_watcher: Callable[..., CardWatcher]
) -> None:
    reader = SimulatedReader(demo_people(), poll_interval=0.01)
    watcher = make_watcher(lambda: reader, read_attempts=1)
    watcher.start()
    reader.fail_reads(status_error(0x41))
    with qtbot.waitSignal(watcher.error, timeout=5000) as blocker:
        reader.place(0)
    error = blocker.args[0]
    assert isinstance(error, CardError)
    assert error.clerk_text("zh") == "读卡失败，请取下证件后重新放置（阅读器返回状态码0x41：读证件操作失败）"


def test_unplug_and_replug_with_the_simulator(
    qtbot: QtBot, make_watcher: Callable[..., CardWatcher]
) -> None:
    reader = SimulatedReader(demo_people(), poll_interval=0.01)
    watcher = make_watcher(lambda: reader)
    with qtbot.waitSignal(watcher.status_changed, check_params_cb=state(ReaderState.READY)):
        watcher.start()
    with qtbot.waitSignal(watcher.status_changed, check_params_cb=state(ReaderState.NO_READER)):
        reader.unplug()
    with qtbot.waitSignal(watcher.status_changed, check_params_cb=state(ReaderState.READY),
                          timeout=5000):
        reader.replug()
    with qtbot.waitSignal(watcher.card_read, timeout=5000):
        reader.place(3)


def test_the_pty_sam_end_to_end(
    qtbot: QtBot, make_watcher: Callable[..., CardWatcher], sam_sim: SamSimulator
) -> None:
    watcher = make_watcher(lambda: SamReader(sam_sim.path, poll_interval=0.01))
    watcher.start()
    with qtbot.waitSignal(watcher.card_read, timeout=5000) as blocker:
        sam_sim.place(cardgen.resident_text(name="王\U00020000·明"))
    assert blocker.args[0].name == "王\U00020000·明"
    with qtbot.waitSignal(watcher.status_changed, check_params_cb=state(ReaderState.NO_READER),
                          timeout=5000):
        sam_sim.unplug()
    with qtbot.waitSignal(watcher.status_changed, check_params_cb=state(ReaderState.READY),
                          timeout=5000):
        sam_sim.replug()
        sam_sim.remove()
    with qtbot.waitSignal(watcher.card_read, timeout=5000) as blocker:
        sam_sim.place(cardgen.foreigner_2023_text())
    assert blocker.args[0].kind is CardKind.FOREIGNER_2023


def test_from_config_and_stop(qtbot: QtBot) -> None:
    watcher = CardWatcher.from_config({"backend": "simulator", "people": []}, backoff=FAST)
    with qtbot.waitSignal(watcher.status_changed, check_params_cb=state(ReaderState.READY)):
        watcher.start()
    with qtbot.waitSignal(watcher.status_changed, check_params_cb=state(ReaderState.STOPPED)):
        assert watcher.stop()
    assert not watcher.is_running()


def test_the_worker_stops_with_its_watcher(qtbot: QtBot) -> None:
    parent = QObject()
    watcher = CardWatcher(lambda: SimulatedReader(poll_interval=0.01), parent, backoff=FAST)
    with qtbot.waitSignal(watcher.status_changed, check_params_cb=state(ReaderState.READY)):
        watcher.start()
    thread = watcher._thread
    assert thread is not None
    shiboken6.delete(parent)  # the window owning the watcher closes
    thread.join(5)
    assert not thread.is_alive()


# -- the status widget ----------------------------------------------------------------------------


@pytest.fixture
def english() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English))
    yield
    QLocale.setDefault(previous)


def test_status_widget_sentences(qtbot: QtBot) -> None:
    widget = ReaderStatusWidget()
    qtbot.addWidget(widget)
    assert widget.label.text() == "身份证阅读器已停止"
    widget.set_status(ReaderStatus(ReaderState.READY, "SAM /dev/ttyUSB0"))
    assert widget.label.text() == "身份证阅读器就绪，请放置证件"
    assert widget.toolTip() == "SAM /dev/ttyUSB0"
    assert "#1a7f37" in widget.dot.styleSheet()
    lost = NoReaderError("card.port", port="/dev/ttyUSB0", reason="No such file")
    widget.set_status(ReaderStatus(ReaderState.NO_READER, "", lost, 2.0))
    assert widget.label.text() == "身份证阅读器未连接：请检查身份证阅读器的连接线和电源（2秒后自动重试）"
    assert widget.toolTip() == "无法打开阅读器端口/dev/ttyUSB0：No such file"
    assert "#c62828" in widget.dot.styleSheet()
    widget.set_status(ReaderStatus(ReaderState.READ_FAILED, "x", status_error(0x41)))
    assert widget.label.text() == "读卡失败：读卡失败，请取下证件后重新放置"


def test_status_widget_follows_a_language_change(qtbot: QtBot, english: None) -> None:
    widget = ReaderStatusWidget()
    qtbot.addWidget(widget)
    widget.set_status(ReaderStatus(ReaderState.NO_READER, "", NoReaderError("card.no_service"), 1))
    assert widget.label.text() == (
        "ID card reader not connected: Check the ID card reader's cable and power "
        "(retrying in 1 s)"
    )
    assert widget.toolTip() == "The smart-card service (pcscd) is not running"
    QLocale.setDefault(QLocale(QLocale.Language.Chinese))
    QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert widget.label.text().startswith("身份证阅读器未连接：")
    assert widget.toolTip() == "智能卡服务（pcscd）未运行"


def test_status_widget_attached_to_a_watcher(
    qtbot: QtBot, make_watcher: Callable[..., CardWatcher]
) -> None:
    reader = SimulatedReader(demo_people(), poll_interval=0.01)
    watcher = make_watcher(lambda: reader)
    widget = ReaderStatusWidget()
    qtbot.addWidget(widget)
    widget.attach(watcher)
    with qtbot.waitSignal(watcher.card_read, timeout=5000):
        watcher.start()
        reader.place(0)
    qtbot.waitUntil(lambda: widget.status.state is ReaderState.CARD_READ, timeout=5000)
    assert widget.label.text() == "证件已读取，可以取回证件"


# -- the photo ------------------------------------------------------------------------------------


def test_placeholder_when_no_decoder_is_configured(qtbot: QtBot) -> None:
    card = decode_text(cardgen.resident_text(), cardgen.photo())
    assert placeholder_text(card) == "照片未解码\n（未配置厂商\n解码库）"
    pixmap = photo_pixmap(card)
    assert pixmap.size() == QSize(102, 126)
    image = pixmap.toImage()
    assert image.pixelColor(1, 1).name() == "#eeeeee"
    assert placeholder_text(decode_text(cardgen.resident_text())) == "证件无照片"
    assert placeholder_text(None) == "无证件照片"
    assert placeholder_text(card, "en") == "Photo not\ndecoded (no\nvendor decoder)"


def test_decoded_photo_is_shown(qtbot: QtBot) -> None:
    red_rows = bytes([0, 0, 255] * 102 + [0, 0]) * 126  # BGR, rows padded to 308 bytes
    card = CardData(kind=CardKind.RESIDENT, id_number="x", photo_bmp=bmp_from_bgr_rows(red_rows))
    image = photo_pixmap(card, QSize(51, 63)).toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert image.width() == 51
    assert image.pixelColor(10, 10).name() == "#ff0000"


def test_emitting_keeps_the_reference_count_of_true(qtbot: QtBot) -> None:
    """PySide6 6.12.0 also drops a reference to True on every Signal.emit() (Python 3.11 then
    aborts with "bool_dealloc"); the watcher emits on every status change all day long."""
    watcher = CardWatcher(lambda: SimulatedReader())
    removed: list[None] = []
    watcher.card_removed.connect(lambda: removed.append(None))
    before = sys.getrefcount(True)
    for _ in range(500):
        watcher.card_removed.emit()
    assert len(removed) == 500
    assert sys.getrefcount(True) - before > -100
