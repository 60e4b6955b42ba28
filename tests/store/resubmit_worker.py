"""A workstation that resubmits a corrected case, prints what it saved, and is killed at once.

    python -m tests.store.resubmit_worker DATABASE
"""

from __future__ import annotations

import json
import os
import signal
import sys

from clerk_app.core.case_codec import case_to_dict
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.store.revisions import resubmit
from tests.store.correction_samples import corrected, returned


def main(path: str) -> None:
    store = CaseStore(open_database(path))
    saved = resubmit(store, corrected(returned(store)))
    sys.stdout.write(json.dumps(case_to_dict(saved), ensure_ascii=False))
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)  # no clean shutdown: the WAL is all there is


if __name__ == "__main__":
    main(sys.argv[1])
