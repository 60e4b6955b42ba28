"""Failed sign-in throttling: how long an account waits after wrong passwords, and the wait in words.

One rule for the workstation and the back office: after `FREE_ATTEMPTS` wrong passwords in a
row the next try waits `FIRST_WAIT_SECONDS`, twice as long after each further failure, never
more than `LONGEST_WAIT_SECONDS` (5 failures → 30 s, 6 → 60 s, … up to 15 min). A success
clears the count.
"""

from __future__ import annotations

FREE_ATTEMPTS = 5
FIRST_WAIT_SECONDS = 30
LONGEST_WAIT_SECONDS = 15 * 60


def throttle_seconds(failures: int) -> int:
    """How long sign-in waits after `failures` wrong passwords in a row (0: not yet)."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_WAIT_SECONDS)


def wait_words(seconds: int, lang: str = "zh") -> str:
    """A wait for a person: "45 秒" / "2 分钟" ("45 seconds" / "2 minutes"), minutes rounded up."""
    seconds = max(1, int(seconds))
    if seconds < 60:
        return f"{seconds} 秒" if lang == "zh" else f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} 分钟" if lang == "zh" else f"{minutes} minute{'s' if minutes != 1 else ''}"
