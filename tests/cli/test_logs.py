"""Log lines are masked: messages, arguments and tracebacks never carry an ID or phone number."""

from __future__ import annotations

import logging
import logging.config
from collections.abc import Iterator

import pytest

from clerk_app.config.logs import MaskingFormatter, setup_logging, uvicorn_log_config

ID = "11010519491231002X"


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """The handlers set up here write to pytest's captured stderr: take them away after each test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    named = {name: list(logging.getLogger(name).handlers) for name in ("uvicorn", "uvicorn.access", "clerk_app")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, kept in named.items():
        logger = logging.getLogger(name)
        logger.handlers[:] = kept
        logger.propagate = True


def test_messages_arguments_and_tracebacks_are_masked(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging()
    log = logging.getLogger("clerk_app.test")
    log.info("card read for %s, phone %s", ID, "13800138000")
    try:
        raise ValueError(f"bad applicant {ID}")
    except ValueError:
        log.exception("saving failed")
    err = capsys.readouterr().err
    assert ID not in err and "13800138000" not in err
    assert "1101**********002X" in err and "138****8000" in err and "ValueError: bad applicant 1101" in err


def test_the_service_logs_through_the_masking_formatter() -> None:
    config = uvicorn_log_config()
    assert config["formatters"]["masked"]["()"].endswith("MaskingFormatter")
    logging.config.dictConfig(config)
    handler = logging.getLogger("uvicorn.access").handlers[0]
    assert isinstance(handler.formatter, MaskingFormatter)

