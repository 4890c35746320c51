"""The results file of a batch: one JSON line per input, appended as they finish.

A line is ``{"id", "path", "sha256", "status": "ok" | "error", "extraction" |
"error": {"type", "message"}, "meta", "text"}``; ``text`` (on ok lines) is
the text the offsets index, so a result can be checked on its own.

Lines are flushed one by one, so a run that is killed loses at most the line
being written; reading the file back ignores a half-written last line, and a
rerun skips what is already done.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..schema import Extraction


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ok_line(
    item_id: str, path: str, text: str, extraction: Extraction, meta: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": item_id,
        "path": path,
        "sha256": sha256(text),
        "status": "ok",
        "extraction": extraction.model_dump(mode="json"),
        "meta": meta,
        "text": text,  # the text every offset refers to (HTML inputs: the extracted main text)
    }


def error_line(
    item_id: str, path: str, text: str | None, error: BaseException, meta: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": item_id,
        "path": path,
        "sha256": sha256(text) if text is not None else None,
        "status": "error",
        "error": {"type": getattr(error, "code", type(error).__name__), "message": str(error)},
        "meta": meta,
    }


@dataclass(slots=True)
class Previous:
    """What an earlier run already wrote: id -> status."""

    status: dict[str, str]
    good_bytes: int  # length of the file up to its last complete line


def read_previous(path: Path) -> Previous:
    """Statuses by id from an existing results file; a torn last line is not counted."""
    if not path.exists():
        return Previous({}, 0)
    status: dict[str, str] = {}
    good = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break  # half-written by a run that was killed
            try:
                record = json.loads(raw)
                status[str(record["id"])] = str(record["status"])
            except (ValueError, KeyError, TypeError):
                break
            good += len(raw)
    return Previous(status, good)


class ResultWriter:
    """Append result lines, each flushed and synced to disk before the next."""

    def __init__(self, path: Path | None, previous: Previous | None = None) -> None:
        self.path = path
        self._handle: IO[str]
        if path is None:
            import sys

            self._handle = sys.stdout
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        if previous is not None and path.exists() and path.stat().st_size > previous.good_bytes:
            with path.open("r+b") as handle:  # drop a torn last line before appending
                handle.truncate(previous.good_bytes)
        self._handle = path.open("a", encoding="utf-8")

    def write(self, line: dict[str, Any]) -> None:
        self._handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._handle.flush()
        if self.path is not None:
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        if self.path is not None:
            self._handle.close()
