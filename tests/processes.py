"""Child processes of a run, read from /proc (Linux): the tests that stop a parent check
that none of its forked loops or workers outlives it."""

from __future__ import annotations

from pathlib import Path


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in found.read_text().split()] if found.exists() else []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
