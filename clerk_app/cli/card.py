"""`clerk-app card …`: ID card tools for tests and support staff.

    clerk-app card decode FILE        decode a 1,295-byte SAM read reply frame or a 256-byte text
                                      block; one JSON object, or one line naming the fault
    clerk-app card watch [options]    print each card read as it happens (JSON lines on stdout,
                                      reader status on stderr)
    clerk-app card readers [options]  list the readers a backend can reach

Reader options: --backend sam|pcsc|vendor|simulator, --port, --reader, --api, --library, or
--config FILE (JSON or TOML holding the reader mapping; options given on the command line win).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from clerk_app.devices.idcard.decode import decode_file_content
from clerk_app.devices.idcard.errors import CardError
from clerk_app.devices.idcard.model import CardData
from clerk_app.devices.idcard.monitor import CardMonitor, ReaderStatus
from clerk_app.devices.idcard.reader import BACKENDS, create_reader


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("card", help="身份证阅读器工具 / ID card reader tools")
    actions = parser.add_subparsers(dest="card_command", metavar="ACTION", required=True)

    decode = actions.add_parser("decode", help="解码读卡应答帧或文字信息 / decode a frame or text")
    decode.add_argument("file", type=Path, help="1,295-byte read reply frame or 256-byte text")
    _add_lang(decode)
    decode.set_defaults(handler=run_decode)

    watch = actions.add_parser("watch", help="持续读卡并输出 / print each card read")
    _add_reader_options(watch)
    watch.add_argument("--count", type=int, default=0, help="stop after N reads (0: never)")
    watch.add_argument("--seconds", type=float, default=0.0, help="stop after S seconds")
    _add_lang(watch)
    watch.set_defaults(handler=run_watch)

    readers = actions.add_parser("readers", help="列出可用阅读器 / list readers")
    _add_reader_options(readers)
    _add_lang(readers)
    readers.set_defaults(handler=run_readers)


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language")


def _add_reader_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=sorted(BACKENDS), help="reader backend")
    parser.add_argument("--port", help="serial port (sam) or vendor port number")
    parser.add_argument("--reader", help="PC/SC reader name, or part of it")
    parser.add_argument("--api", choices=("sdtapi", "termb"), help="vendor API style")
    parser.add_argument("--library", help="vendor library path")
    parser.add_argument("--config", type=Path, help="JSON or TOML file with the reader settings")


def run_decode(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as error:
        return _fail(f"{args.file}: {error.strerror or error}")
    try:
        card = decode_file_content(data)
    except CardError as error:
        return _fail(error.text(args.lang))
    print(json.dumps(card.as_record(), ensure_ascii=False))
    return 0


def run_readers(args: argparse.Namespace) -> int:
    try:
        names = create_reader(reader_config(args)).discover()
    except (CardError, ValueError, OSError) as error:
        return _fail(error.text(args.lang) if isinstance(error, CardError) else str(error))
    for name in names:
        print(name)
    return 0


def run_watch(args: argparse.Namespace) -> int:
    try:
        config = reader_config(args)
    except (ValueError, OSError) as error:
        return _fail(str(error))
    printer = _Printer(args.lang, args.count)
    stop = threading.Event()
    monitor = CardMonitor(lambda: create_reader(config), printer)
    worker = threading.Thread(target=monitor.run, args=(stop,), name="clerk-card-watch")
    worker.start()
    deadline = time.monotonic() + args.seconds if args.seconds > 0 else None
    try:
        while not printer.done.wait(0.1):
            if deadline is not None and time.monotonic() >= deadline:
                break
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        worker.join(10)
    return 0


def reader_config(args: argparse.Namespace) -> dict[str, Any]:
    """The reader mapping: the --config file, then the options given on the command line."""
    config: dict[str, Any] = {}
    if args.config is not None:
        config.update(_load_config(args.config))
    for key in ("backend", "port", "reader", "api", "library"):
        value = getattr(args, key, None)
        if value is not None:
            config[key] = value
    return config


def _load_config(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        loaded = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: {error}") from None
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: the reader settings must be a mapping")
    return loaded


class _Printer:
    """Monitor listener of `card watch`: reads on stdout, everything else on stderr."""

    def __init__(self, lang: str, count: int) -> None:
        self.lang = lang
        self.count = count
        self.reads = 0
        self.done = threading.Event()

    def status_changed(self, status: ReaderStatus) -> None:
        parts = [f"reader: {status.state.value}"]
        if status.reader:
            parts.append(f"({status.reader})")
        if status.error is not None:
            parts.append(f"— {status.error.text(self.lang)}")
        if status.retry_in is not None:
            parts.append(f"[retry in {status.retry_in:g} s]")
        print(" ".join(parts), file=sys.stderr, flush=True)

    def card_read(self, card: CardData) -> None:
        print(json.dumps(watch_record(card), ensure_ascii=False), flush=True)
        self.reads += 1
        if self.count and self.reads >= self.count:
            self.done.set()

    def card_removed(self) -> None:
        print("card: removed", file=sys.stderr, flush=True)

    def error(self, error: CardError) -> None:
        print(f"card: {error.clerk_text(self.lang)}", file=sys.stderr, flush=True)


def watch_record(card: CardData) -> dict[str, Any]:
    """The decode record plus what only a live read has."""
    return {
        **card.as_record(),
        "extra_address": card.extra_address,
        "chip_serial": card.chip_serial,
        "expiry": card.expiry(date.today()).value,
        "photo": "decoded" if card.photo_bmp else ("wlt" if card.photo_wlt else None),
    }


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1
