"""Session-wide test settings: Qt runs offscreen unless a test starts its own Xvfb display.

Workstations built by the tests encrypt their data folders with a key derived from this fixed
enrolment secret (as the hall's IT would provision one), so no test writes one into the user's
configuration folder; tests of the key sources set their own.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CLERK_APP_TESTING", "1")
os.environ.setdefault("CLERK_APP_ENROLMENT_KEY", "tests-only enrolment secret, 32+ characters long")
