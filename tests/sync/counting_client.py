"""The workstation's sync client, counting the HTTP status of every answer it got."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from clerk_app.sync.client import BackOfficeClient, Outcome


class CountingClient(BackOfficeClient):
    """`BackOfficeClient` as is; `statuses` counts answers by HTTP status (0: no answer at all)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statuses: Counter[int] = Counter()
        self._lock = threading.Lock()

    def _call(self, method: str, path: str, **options: Any) -> Outcome:
        outcome = super()._call(method, path, **options)
        with self._lock:
            self.statuses[outcome.status] += 1
        return outcome
