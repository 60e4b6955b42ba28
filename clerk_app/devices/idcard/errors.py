"""The errors an ID card reader can raise: a small hierarchy, each with a sentence for the clerk.

Every error carries a `Problem` (code + parameters, worded in `clerk_app.core.problems`) that
says precisely what went wrong ("status code 0x41: card read failed", "checksum expected 0x3A,
got 0x3B"), and its class carries the advice a clerk can act on ("lift the card and place it
again"). `text()` is the precise problem, `clerk_text()` the advice followed by the problem.
Nothing outside this hierarchy escapes a backend: bad input never becomes a traceback.
"""

from __future__ import annotations

from typing import Any, ClassVar

from clerk_app.core.problems import Problem


class CardError(Exception):
    """Base of every ID-card-reader error."""

    advice_code: ClassVar[str] = "card.advice.read_failed"

    def __init__(self, code: str, /, **params: Any) -> None:
        self.problem = Problem(code, **params)
        super().__init__(self.problem.text("en"))

    @property
    def code(self) -> str:
        return self.problem.code

    def text(self, lang: str = "zh") -> str:
        """The precise problem, e.g. for support staff and the CLI."""
        return self.problem.text(lang)

    def advice(self, lang: str = "zh") -> str:
        return Problem(self.advice_code).text(lang)

    def clerk_text(self, lang: str = "zh") -> str:
        """What the clerk reads: the advice, then the precise problem in brackets."""
        if lang.startswith("en"):
            return f"{self.advice(lang)} ({self.text(lang)})"
        return f"{self.advice(lang)}（{self.text(lang)}）"


class NoReaderError(CardError):
    """No reader reachable: unplugged, port missing, service down, library not loadable."""

    advice_code = "card.advice.no_reader"


class NoCardError(CardError):
    """No card on the reader (or it went away before it could be selected)."""

    advice_code = "card.advice.no_card"


class ReadFailedError(CardError):
    """The card is there but its content could not be read."""

    advice_code = "card.advice.read_failed"


class FrameError(ReadFailedError):
    """A malformed GA 467 frame: preamble, length or checksum."""


class CardDataError(ReadFailedError):
    """The card's text block does not decode: a field is not text, not a date, not a code."""


class SamFaultError(CardError):
    """The reader's security module (SAM) reports a fault or refuses the command."""

    advice_code = "card.advice.sam_fault"


class CardTimeoutError(CardError):
    """The reader did not answer in time."""

    advice_code = "card.advice.timeout"


class UnsupportedCardError(CardError):
    """A card this application cannot read (not an ID card, unknown kind, chip-only reader)."""

    advice_code = "card.advice.unsupported"
