"""The citizen-facing window: the applicant's summary in large type, on the second screen if any."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from clerk_app.core.masking import mask_id_number
from clerk_app.ui.citizen_rating import RatingPanel
from clerk_app.ui.i18n import Retranslatable

FIELDS = ("matter", "name", "id_number", "phone", "agent")


class CitizenWindow(Retranslatable, QWidget):
    def __init__(self, hall_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("citizen_window")
        self.hall = QLabel(hall_name, self)
        self.hall.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hall.setStyleSheet("font-size: 28px; font-weight: bold;")
        self.values = {key: QLabel(self) for key in FIELDS}
        self.labels = {key: QLabel(self) for key in FIELDS}
        self.prompt = QLabel(self)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        form = QFormLayout()
        for key in FIELDS:
            for label in (self.labels[key], self.values[key]):
                label.setStyleSheet("font-size: 26px;")
            self.values[key].setObjectName(f"citizen_{key}")
            form.addRow(self.labels[key], self.values[key])
        summary = QWidget(self)
        summary_layout = QVBoxLayout(summary)
        summary_layout.addLayout(form)
        summary_layout.addStretch(1)
        summary_layout.addWidget(self.prompt)
        self.rating = RatingPanel(self)
        self.rating.finished.connect(lambda: self.pages.setCurrentIndex(0))
        self.pages = QStackedLayout()
        self.pages.addWidget(summary)
        self.pages.addWidget(self.rating)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hall)
        layout.addLayout(self.pages, 1)
        self.translateUI()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("请核对您的信息"))
        names = {"matter": self.tr("办理事项"), "name": self.tr("申请人"), "id_number": self.tr("证件号码"),
                 "phone": self.tr("联系电话"), "agent": self.tr("代办人")}
        for key, text in names.items():
            self.labels[key].setText(text)
        self.prompt.setText(self.tr("请核对以上信息，如有错误请告知工作人员"))

    def ask_rating(self, case_number: str, clerk: str) -> None:
        """After a visit: the 好差评 question replaces the summary until answered or timed out."""
        self.rating.ask(case_number, clerk)
        self.pages.setCurrentWidget(self.rating)

    @property
    def rating_open(self) -> bool:
        """The 好差评 question is on screen, waiting for the applicant."""
        return self.pages.currentWidget() is self.rating

    def dismiss_rating(self) -> None:
        """The next applicant is here: an unanswered question goes away, nothing is rated."""
        self.rating.withdraw()
        self.pages.setCurrentIndex(0)

    def show_summary(self, summary: dict[str, Any]) -> None:
        self.pages.setCurrentIndex(0)  # the next applicant: an open rating question goes away
        for key in FIELDS:
            value = str(summary.get(key) or "")
            self.values[key].setText(mask_id_number(value) if key == "id_number" and value else value)
        self.labels["agent"].setVisible(bool(summary.get("agent")))
        self.values["agent"].setVisible(bool(summary.get("agent")))

    def place(self) -> None:
        """On the second screen, full screen, when there is one; else a window beside the main one."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:
            self.resize(720, 480)
            self.show()
