"""Code the store tests run in other processes: number hammering, and a workstation killed mid-work.

    python -m tests.store.workers crash DATABASE   # save an accepted case, print it, SIGKILL self
"""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import Any

from clerk_app.core.case_codec import case_to_dict
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from tests.store.sample import DAY, HALL, WINDOW, accepted


def allocate_many(path: str, count: int, barrier: Any, results: Any) -> None:
    """Allocate `count` numbers of one window and day as fast as possible, after all workers are ready."""
    engine = open_database(path)
    store = CaseStore(engine)
    barrier.wait()
    numbers = [store.allocate_number(HALL, WINDOW, DAY) for _ in range(count)]
    engine.dispose()
    results.put(numbers)


def crash_after_save(path: str) -> None:
    engine = open_database(path)
    store = CaseStore(engine)
    saved = store.save(accepted(store.allocate_number(HALL, WINDOW, DAY), answers={"居住事由": "工作"}))
    sys.stdout.write(json.dumps(case_to_dict(saved), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)  # no dispose, no checkpoint, no atexit: like pulling the plug on the app


if __name__ == "__main__":
    if sys.argv[1:2] == ["crash"]:
        crash_after_save(sys.argv[2])
    else:
        sys.exit(f"usage: {sys.argv[0]} crash DATABASE")
