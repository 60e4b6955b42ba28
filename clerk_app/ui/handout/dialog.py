"""出件: hand a decided case's result to the applicant (card read), an agent (with authorisation), or by mail.

The dialog collects what the chosen way needs and asks the domain (`core.handout`) whether it is
enough; the answer's words appear under the form, and OK makes the `Handout` record only when
it is. The applicant's identity is confirmed by reading their card (`card_read`); the agent's
card may be read too, or their number typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.case import Case
from clerk_app.core.handout import (
    AgentPickup,
    Carrier,
    Handout,
    HandoutError,
    HandoutMethod,
    MailDelivery,
    hand_to_agent,
    hand_to_applicant,
    send_by_mail,
)
from clerk_app.core.masking import mask_id_number
from clerk_app.ui.i18n import Retranslatable

METHODS = (HandoutMethod.APPLICANT, HandoutMethod.AGENT, HandoutMethod.MAIL)


class HandoutDialog(Retranslatable, QDialog):
    def __init__(self, case: Case, clerk: str, clerk_name: str, lang: str = "zh",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handout_dialog")
        self.case, self.clerk, self.clerk_name, self.lang = case, clerk, clerk_name, lang
        self.handout: Handout | None = None
        self.card_number = ""  # what the reader read for the applicant
        self.agent_card_number: str | None = None
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.methods = QButtonGroup(self)
        self.method_buttons = {method: QRadioButton(self) for method in METHODS}
        row = QHBoxLayout()
        for index, (method, button) in enumerate(self.method_buttons.items()):
            button.setObjectName(f"handout_{method.value}")
            self.methods.addButton(button, index)
            row.addWidget(button)
        self.pages = QStackedWidget(self)
        self._applicant_page()
        self._agent_page()
        self._mail_page()
        self.problem = QLabel(self)
        self.problem.setObjectName("handout_problem")
        self.problem.setProperty("role", "problem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(row)
        layout.addWidget(self.pages)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.methods.idToggled.connect(lambda index, on: on and self.pages.setCurrentIndex(index))
        self.method_buttons[HandoutMethod.APPLICANT].setChecked(True)
        self.resize(620, 420)
        self.translateUI()

    def _applicant_page(self) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        self.applicant_card = QLabel(page)
        self.applicant_card.setObjectName("handout_applicant_card")
        self.applicant_label = QLabel(page)
        form.addRow(self.applicant_label, self.applicant_card)
        self.pages.addWidget(page)

    def _agent_page(self) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        self.agent_name, self.agent_id, self.agent_phone = QLineEdit(page), QLineEdit(page), QLineEdit(page)
        self.agent_authorisation = QLineEdit(page)
        self.agent_labels = [QLabel(page) for _ in range(4)]
        for label, editor, key in zip(self.agent_labels, (self.agent_name, self.agent_id, self.agent_authorisation,
                                                          self.agent_phone),
                                      ("agent_name", "agent_id_number", "authorisation", "agent_phone"), strict=True):
            editor.setObjectName(f"handout_{key}")
            form.addRow(label, editor)
        self.pages.addWidget(page)

    def _mail_page(self) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        self.carrier = QComboBox(page)
        for carrier in Carrier:
            self.carrier.addItem(carrier.label(self.lang), carrier.value)
        applicant = self.case.applicant
        self.tracking, self.carrier_name = QLineEdit(page), QLineEdit(page)
        self.recipient, self.phone = QLineEdit(applicant.name, page), QLineEdit(applicant.phone, page)
        self.address, self.postcode = QLineEdit(applicant.address, page), QLineEdit(page)
        self.mail_labels = [QLabel(page) for _ in range(7)]
        editors = (self.carrier, self.carrier_name, self.tracking, self.recipient, self.phone, self.address,
                   self.postcode)
        keys = ("carrier", "carrier_name", "tracking_number", "recipient", "phone", "address", "postcode")
        for label, editor, key in zip(self.mail_labels, editors, keys, strict=True):
            editor.setObjectName(f"handout_{key}")
            form.addRow(label, editor)
        self.pages.addWidget(page)

    @property
    def method(self) -> HandoutMethod:
        return METHODS[max(0, self.methods.checkedId())]

    def read_card(self, card: Any, _as_agent: bool = False) -> None:
        """A card read routed here (`CardRouter`): its number, and the agent's name on the agent page."""
        name = str(getattr(card, "name", "") or "")
        if self.method is HandoutMethod.AGENT and name:
            self.agent_name.setText(name)
        self.card_read(str(getattr(card, "id_number", card)))

    def card_read(self, id_number: str) -> None:
        """A card on the reader: the applicant's (in person) or the agent's."""
        if self.method is HandoutMethod.AGENT:
            self.agent_card_number = id_number
            self.agent_id.setText(id_number)
        else:
            self.card_number = id_number
            self.applicant_card.setText(self.tr("已读卡：%1").replace("%1", mask_id_number(id_number)))
        self.problem.clear()

    def confirm(self) -> None:
        try:
            self.handout = self._build(datetime.now().astimezone())
        except HandoutError as error:
            self.problem.setText(error.text(self.lang))
            return
        self.accept()

    def _build(self, at: datetime) -> Handout:
        who = {"at": at, "clerk": self.clerk, "clerk_name": self.clerk_name}
        if self.method is HandoutMethod.APPLICANT:
            return hand_to_applicant(self.case, self.card_number, **who)
        if self.method is HandoutMethod.AGENT:
            agent = AgentPickup(self.agent_name.text(), self.agent_id.text(), self.agent_authorisation.text(),
                                self.agent_phone.text())
            return hand_to_agent(self.case, agent, card_id_number=self.agent_card_number, **who)
        mail = MailDelivery(Carrier(self.carrier.currentData()), self.tracking.text(), self.recipient.text(),
                            self.phone.text(), self.address.text(), self.postcode.text(), self.carrier_name.text())
        return send_by_mail(self.case, mail, **who)

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("出件"))
        self.header.setText(self.tr("办件 %1 · %2 · 申请人 %3").replace("%1", self.case.number)
                            .replace("%2", self.case.name).replace("%3", self.case.applicant.name))
        for method, button in self.method_buttons.items():
            button.setText(method.label(self.lang))
        self.applicant_label.setText(self.tr("身份核验"))
        if not self.card_number:
            self.applicant_card.setText(self.tr("请申请人将身份证放在读卡器上"))
        for label, text in zip(self.agent_labels, (self.tr("代领人姓名"), self.tr("代领人证件号码"),
                                                   self.tr("授权委托材料"), self.tr("代领人电话")), strict=True):
            label.setText(text)
        self.agent_authorisation.setPlaceholderText(self.tr("如：授权委托书原件"))
        for label, text in zip(self.mail_labels, (self.tr("寄递企业"), self.tr("其他企业名称"), self.tr("运单号码"),
                                                  self.tr("收件人"), self.tr("收件电话"), self.tr("收件地址"),
                                                  self.tr("邮编")), strict=True):
            label.setText(text)
