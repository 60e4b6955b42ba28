"""A workstation's sync process for the kill test: drain the outbox, then exit 0.

    python -m tests.sync.sync_worker DATABASE FILES_DIR URL TOKEN
"""

from __future__ import annotations

import sys
from pathlib import Path

from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine


def main(database: str, files_dir: str, url: str, token: str) -> int:
    store = CaseStore(open_database(Path(database)))
    engine = SyncEngine(store, BackOfficeClient(url, token=token, timeout=(1, 2)), Path(files_dir),
                        backoff=Backoff(base=0.01, cap=0.05), batch=5,
                        case_batch=2, file_batch=2)  # many small requests: kills land mid-drain
    while engine.run_once().backlog:
        pass
    print("drained", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
