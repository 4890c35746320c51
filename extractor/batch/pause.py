"""One rate-limit pause for a batch spread over several processes.

Each process's transports hold their own 429 pause (`llm.transport`). A batch that
runs in several processes (Ray actors, or the request loops of ``--loops``) shares
it through something all of them can read: each process reports the pause it holds
as a wall-clock time (`pause_until`) and takes on the longest one reported
(`take_pause`), so a 429 answered to one process holds every process back.
"""

from __future__ import annotations

import time

from ..llm.transport import hold_all, longest_pause


def pause_until() -> float:
    """The wall-clock time this process's longest rate-limit pause ends (0: none)."""
    left = longest_pause()
    return time.time() + left if left > 0 else 0.0


def take_pause(until: float) -> None:
    """Hold every transport of this process back until wall-clock time ``until``."""
    left = until - time.time()
    if left > 0:
        hold_all(left)
