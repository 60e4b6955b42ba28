"""The real back office (`clerk_app.backoffice.create_app`) served by uvicorn in a thread on loopback."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from clerk_app.backoffice.accounts import add_account
from clerk_app.backoffice.app import create_app
from clerk_app.backoffice.settings import Settings

CLERK, PASSWORD = "w07clerk", "clerk-password"


class RealBackOffice:
    def __init__(self, data: Path, hall_code: str = "BT01") -> None:
        settings = Settings(database_url=f"sqlite:///{data / 'backoffice.sqlite3'}", data_dir=data)
        self.app = create_app(settings)
        self.engine = self.app.state.engine
        add_account(self.engine, CLERK, role="clerk", password=PASSWORD, hall_code=hall_code)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="critical", access_log=False)
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, name="backoffice", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> RealBackOffice:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(10)
