"""Exponential backoff with full jitter: wait a random time in [0, min(cap, base·2^attempt)].

Full jitter spreads the retries of many workstations that lost the network together, so they do
not all hit the back office at the same moment when it returns.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 0.5
    cap: float = 60.0
    rng: random.Random = field(default_factory=random.Random)

    def ceiling(self, attempt: int) -> float:
        return min(self.cap, self.base * 2 ** max(0, min(attempt, 32)))

    def delay(self, attempt: int) -> float:
        """Seconds to wait before try number `attempt + 1` (attempt counts failures so far, from 0)."""
        return self.rng.uniform(0.0, self.ceiling(attempt))
