"""Session-wide test settings: Qt runs offscreen unless a test starts its own Xvfb display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CLERK_APP_TESTING", "1")
