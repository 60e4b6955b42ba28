"""One case on the supervisor screen: as the clerk entered it, its materials and scans, its history.

The buttons follow the back office's rules: claim a complete, unclaimed case; only the one who
claimed it may release it or decide (准予 / 不予 / 补正). The view shows what it was given and asks
the controller for everything else; it never talks to the network itself.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.catalogue import Catalogue
from clerk_app.core.masking import mask_address, mask_id_number, mask_phone
from clerk_app.core.reminders import DEFAULT_POLICY, ReminderPolicy, remind
from clerk_app.core.workdays import WorkCalendar
from clerk_app.sync.review import CaseFile
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.supervisor.queue_model import state_text
from clerk_app.ui.supervisor.reminder_model import LEVEL_COLOURS, SYMBOLS

HISTORY_KINDS = {"submission": ("提交", "Submitted"), "claim": ("认领", "Claimed"), "release": ("释放", "Released"),
                 "decision": ("决定", "Decision"), "handout": ("出件", "Handed out"),
                 "evaluation": ("评价", "Evaluation")}


class CaseView(Retranslatable, QWidget):
    claim_requested = Signal(str)
    release_requested = Signal(str)
    decide_requested = Signal(str, str)  # case id, kind: approve | deny | correction
    scan_requested = Signal(str, str)  # sha256, material name
    full_view_requested = Signal(str)  # case id: personal data unmasked, once audited

    def __init__(self, catalogue: Catalogue, calendar: WorkCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_view")
        self.catalogue, self.calendar = catalogue, calendar
        self.policy: ReminderPolicy = DEFAULT_POLICY
        self.lang = "zh"
        self.username = ""
        self.case: CaseFile | None = None
        self.today = date.today()
        self.revealed: set[str] = set()  # cases whose personal data this supervisor chose to see
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setProperty("role", "title")
        self.reminder = QLabel(self)
        self.reminder.setWordWrap(True)
        self.reminder.setMinimumHeight(self.reminder.fontMetrics().height() + 12)
        self.tabs = QTabWidget(self)
        self.form = _table(self, 2)
        self.materials = _table(self, 4)
        self.materials.cellDoubleClicked.connect(self._open_scan)
        self.history = _table(self, 4)
        for table in (self.form, self.materials, self.history):
            self.tabs.addTab(table, "")
        self.buttons = {kind: QPushButton(self) for kind in ("claim", "release", "approve", "deny", "correction",
                                                             "reveal")}
        for kind, button in self.buttons.items():
            button.setObjectName(f"case_{kind}")
            button.clicked.connect(lambda _=False, k=kind: self._clicked(k))
        bar = QHBoxLayout()
        for button in self.buttons.values():
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.reminder)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.translateUI()

    def show_case(self, case: CaseFile | None, today: date) -> None:
        self.case, self.today = case, today
        if case is not None and case.full:
            self.revealed.add(case.case_id)
        self._fill()

    def _fill(self) -> None:
        case = self.case
        self._enable_buttons()
        if case is None:
            self.header.setText(self.tr("在左侧队列中选择办件（回车打开）"))
            self.reminder.clear()
            for table in (self.form, self.materials, self.history):
                table.setRowCount(0)
            return
        data = case.case
        applicant = data.get("applicant") or {}
        self.header.setText(f"{case.number} · {data.get('name', '')} · {applicant.get('name', '')}")
        self._show_reminder(case)
        _fill(self.form, self._answers(data))
        _fill(self.materials, self._materials(data))
        _fill(self.history, [self._step(step) for step in case.history])

    def _show_reminder(self, case: CaseFile) -> None:
        if case.deadline is None:
            self.reminder.setText(self.tr("未记录办结期限"))
            self.reminder.setStyleSheet("")
            return
        reminder = remind(case.deadline, self.today, self.calendar, self.policy)
        background, text = LEVEL_COLOURS[reminder.level]
        self.reminder.setText(f"{SYMBOLS[reminder.level]} {reminder.label(self.lang)}：{reminder.sentence(self.lang)}"
                              + self._claim_text(case))
        self.reminder.setStyleSheet(f"background: {background}; color: {text}; padding: 4px;")

    def _claim_text(self, case: CaseFile) -> str:
        state = self.tr("状态：%1").replace("%1", state_text(case.state, self.lang))
        if case.claimed_by:
            return f"　{state}　" + self.tr("认领人：%1").replace("%1", case.claimed_by)
        return f"　{state}"

    def _answers(self, data: dict[str, Any]) -> list[list[str]]:
        applicant = data.get("applicant") or {}
        full = self.case is not None and self.case.full  # as the back office sent it after an audited request
        shown = _same if full else _masked
        rows = [[self.tr("申请人"), str(applicant.get("name", ""))],
                [self.tr("证件号码"), shown("id", str(applicant.get("id_number", "")))],
                [self.tr("联系电话"), shown("phone", str(applicant.get("phone", "")))]]
        if applicant.get("address"):
            rows.append([self.tr("地址"), shown("address", str(applicant["address"]))])
        if applicant.get("agent"):
            agent = applicant["agent"]
            rows.append([self.tr("代办人"), f"{agent.get('name', '')} {shown('id', str(agent.get('id_number', '')))}"])
        labels = self._labels(data.get("matter_codes") or [])
        for key, value in (data.get("answers") or {}).items():
            shown = "、".join(str(v) for v in value) if isinstance(value, list) else str(value)
            rows.append([labels.get(key, key), shown])
        return rows

    def _labels(self, codes: list[str]) -> dict[str, str]:
        labels: dict[str, str] = {}
        for code in codes:
            matter = self.catalogue.matters.get(code)
            for field in matter.fields if matter else ():
                labels.setdefault(field.key, field.label)
        return labels

    def _materials(self, data: dict[str, Any]) -> list[list[str]]:
        rows = []
        for material in data.get("materials") or []:
            received = self.tr("已收") if material.get("received") else self.tr("未收")
            if material.get("tolerated") and self._still_owed(material):
                received = self.tr("容缺，%1前补齐").replace("%1", str(material.get("due") or ""))
            elif material.get("tolerated"):
                received = self.tr("容缺，已补交")
            scans = material.get("scans") or []
            rows.append([str(material.get("name", "")), received, str(material.get("form", "")),
                         self.tr("%1 份扫描件（双击查看）").replace("%1", str(len(scans))) if scans else "—"])
        return rows

    def _still_owed(self, material: dict[str, Any]) -> bool:
        """A tolerated material not supplied yet: as the back office says (`open_tolerance`), else by the revision."""
        owed = self.case.open_tolerance if self.case is not None else None
        return not material.get("received") if owed is None else str(material.get("key")) in owed

    def _step(self, step: dict[str, Any]) -> list[str]:
        zh, en = HISTORY_KINDS.get(str(step.get("kind")), (str(step.get("kind")), str(step.get("kind"))))
        kind = en if self.lang == "en" else zh
        if step.get("kind") == "material_supply":  # 补交: which material, said in the step itself
            detail = step.get("detail") or {}
            kind = self.tr("容缺材料已补交：%1").replace("%1", str(detail.get("name") or detail.get("material") or ""))
        states = f"{step.get('from_state') or '—'} → {step.get('to_state')}"
        return [local_time(str(step.get("at", ""))), kind, states, str(step.get("actor", ""))]

    def _open_scan(self, row: int, _column: int) -> None:
        if self.case is None:
            return
        materials = self.case.case.get("materials") or []
        if 0 <= row < len(materials):
            for digest in materials[row].get("scans") or []:
                self.scan_requested.emit(str(digest), str(materials[row].get("name", "")))

    def _enable_buttons(self) -> None:
        case = self.case
        mine = case is not None and case.claimed_by == self.username
        open_to_claim = case is not None and case.state == "synced" and case.complete and not case.claimed_by
        self.buttons["claim"].setEnabled(open_to_claim)
        self.buttons["reveal"].setEnabled(case is not None and case.case_id not in self.revealed)
        self.buttons["release"].setEnabled(mine and case is not None and case.state == "synced")
        for kind in ("approve", "deny", "correction"):
            self.buttons[kind].setEnabled(mine and case is not None and case.state == "synced")

    def _clicked(self, kind: str) -> None:
        if self.case is None:
            return
        if kind == "reveal":
            self.full_view_requested.emit(self.case.case_id)
        elif kind == "claim":
            self.claim_requested.emit(self.case.case_id)
        elif kind == "release":
            self.release_requested.emit(self.case.case_id)
        else:
            self.decide_requested.emit(self.case.case_id, kind)

    def translateUI(self) -> None:
        texts = {"claim": self.tr("认领"), "release": self.tr("释放"), "approve": self.tr("准予"),
                 "deny": self.tr("不予"), "correction": self.tr("退回补正"), "reveal": self.tr("显示完整信息")}
        self.buttons["reveal"].setToolTip(self.tr("显示完整的证件号码、电话和地址；此操作记入审计日志"))
        for kind, button in self.buttons.items():
            button.setText(texts[kind])
        self.tabs.setTabText(0, self.tr("申请表"))
        self.tabs.setTabText(1, self.tr("材料与扫描件"))
        self.tabs.setTabText(2, self.tr("流转记录"))
        self.form.setHorizontalHeaderLabels([self.tr("项目"), self.tr("内容")])
        self.materials.setHorizontalHeaderLabels([self.tr("材料"), self.tr("收取"), self.tr("形式"), self.tr("扫描件")])
        self.history.setHorizontalHeaderLabels([self.tr("时间"), self.tr("环节"), self.tr("状态"), self.tr("经办人")])
        if self.case is not None or not self.header.text():
            self._fill()


    def reveal(self, case_id: str) -> None:
        """Mark this case as shown in full; the data itself comes unmasked only from the back office."""
        self.revealed.add(case_id)
        if self.case is not None and self.case.case_id == case_id:
            self._fill()


def _same(_kind: str, value: str) -> str:
    return value


def _masked(kind: str, value: str) -> str:
    if not value or "*" in value:  # masked by the back office already (masking twice would hide more)
        return value
    return {"id": mask_id_number, "phone": mask_phone, "address": mask_address}[kind](value)


def _table(parent: QWidget, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


def local_time(text: str) -> str:
    """A back-office time (ISO 8601, UTC) in this computer's time zone, to the second."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text[:19].replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
