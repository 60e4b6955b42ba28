"""The Qt binding must not leak references to None: on Python 3.11 that aborts the app.

PySide6 6.12.0 decrements None's reference count on every call to a method returning void, so
a workstation crashes after some tens of thousands of widget updates. pyproject pins it out;
this test catches a version that brings the fault back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("受理")
        label.setVisible(False)
    assert sys.getrefcount(None) - before > -100
