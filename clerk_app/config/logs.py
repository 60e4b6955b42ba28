"""Logging for the workstation and the service: every line masked before it is written.

Log files end up in support tickets and bug reports; an ID number or a phone number in an error
message must not. `MaskingFormatter` runs `core.masking.mask_text` over each formatted record,
traceback included, so no caller has to remember to mask.
"""

from __future__ import annotations

import logging
from typing import Any

from clerk_app.core.masking import mask_text

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


def setup_logging(level: int = logging.INFO) -> None:
    """Root logging to stderr with masking (the workstation calls it once at start)."""
    handler = logging.StreamHandler()
    handler.setFormatter(MaskingFormatter(FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        if isinstance(old.formatter, MaskingFormatter):
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's logging configuration with the masking formatter on every handler."""
    masking = f"{__name__}.MaskingFormatter"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"masked": {"()": masking, "fmt": FORMAT}},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "masked", "stream": "ext://sys.stderr"}},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "clerk_app": {"handlers": ["default"], "level": "INFO", "propagate": False},
        },
    }
