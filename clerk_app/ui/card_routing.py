"""Who gets an ID card read: the active consumer, else the intake.

The main window has one card reader and several screens that want its reads: the intake (fill
the applicant or the agent) by default, and, while it is open, the hand-out dialog (confirm the
applicant's identity, or the agent's). A screen that wants the reads `claim`s them for as long
as it is open and releases them when it closes; the latest claim wins, and releasing it gives
the reads back to the one before (a stack), so a dialog over a dialog works too.

    release = router.claim(dialog.read_card, "handout")
    try:
        dialog.exec()
    finally:
        release()
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Consumer = Callable[[Any, bool], None]  # (card, as_agent)


@dataclass(frozen=True, eq=False)  # each claim is itself: released by identity
class _Claim:
    consumer: Consumer
    name: str


class CardRouter:
    def __init__(self, default: Consumer, name: str = "intake") -> None:
        self._default = _Claim(default, name)
        self._claims: list[_Claim] = []

    @property
    def active(self) -> str:
        """The name of the consumer that receives the next read."""
        return self._top().name

    def claim(self, consumer: Consumer, name: str) -> Callable[[], None]:
        """Send reads to `consumer` until the returned function is called (calling it twice is harmless)."""
        claim = _Claim(consumer, name)
        self._claims.append(claim)

        def release() -> None:
            if claim in self._claims:
                self._claims.remove(claim)

        return release

    def deliver(self, card: Any, as_agent: bool = False) -> str:
        """Hand a read to the active consumer; returns its name."""
        target = self._top()
        target.consumer(card, as_agent)
        return target.name

    def _top(self) -> _Claim:
        return self._claims[-1] if self._claims else self._default
