"""The results file of a batch: one JSON line per input, appended as they finish.

A line is ``{"id", "path", "sha256", "status": "ok" | "error", "extraction" |
"error": {"type", "message"}, "meta", "text"}``; ``text`` (on ok lines) is
the text the offsets index, so a result can be checked on its own.

Lines are flushed to the operating system one by one, so a run that is killed
(even by SIGKILL) loses at most the line being written; they are synced to disk
in groups (every `SYNC_EVERY_S` seconds and on close), so a power cut loses at
most the lines of that last stretch, which a rerun does again (never twice: a
line the disk lost is not in the file). `ResultsReader` is the one way the
file is read back (resume, export and evaluation all use it): a half-written
last line is not a line, a
line that is not a result (not JSON, not an object, no id or status, an
extraction that does not fit the schema) is skipped and counted with its
reason, never a crash.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from ..read.article import text_sha256
from ..schema import Extraction


def ok_line(
    item_id: str, path: str, text: str, extraction: Extraction, meta: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": item_id,
        "path": path,
        "sha256": text_sha256(text),
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
        "sha256": text_sha256(text) if text is not None else None,
        "status": "error",
        "error": {"type": getattr(error, "code", type(error).__name__), "message": str(error)},
        "meta": meta,
    }


def json_text(line: dict[str, Any]) -> str:
    """A results line as the file holds it (without its newline)."""
    return json.dumps(line, ensure_ascii=False)


#: A line made in another process (a request loop, a Ray actor) as the writer gets it:
#: what the progress and summary read (``{"status", "meta"}``) and its `json_text`.
Finished = tuple[dict[str, Any], str]


def head(line: dict[str, Any]) -> dict[str, Any]:
    """The part of a line that the run's progress and summary read."""
    return {"status": line["status"], "meta": line["meta"]}


@dataclass(frozen=True, slots=True)
class ResultLine:
    """One usable line of a results file."""

    number: int  # 1-based line number in the file
    record: dict[str, Any]
    extraction: Extraction | None  # ok lines, when read with models=True

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def status(self) -> str:
        return str(self.record["status"])


@dataclass(slots=True)
class ResultsReader:
    """Iterate the usable lines of a results file; count and explain the rest.

    After (or during) iteration: ``read`` lines were usable, ``skipped`` lists
    ``(line number, reason)`` for lines that were not, ``torn`` says whether the
    file ended in a half-written line, and ``good_bytes`` is the length of the
    file up to its last complete line (where appending may resume).
    ``models=False`` skips validating extractions (resume needs only ids).
    """

    path: Path
    models: bool = True
    read: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    torn: bool = False
    good_bytes: int = 0

    def __iter__(self) -> Iterator[ResultLine]:
        self.read, self.skipped, self.torn, self.good_bytes = 0, [], False, 0
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                if not raw.endswith(b"\n"):
                    self.torn = True  # half-written by a run that was killed
                    break
                self.good_bytes += len(raw)
                if not raw.strip():
                    continue
                line, reason = self._parse(number, raw)
                if line is None:
                    self.skipped.append((number, reason))
                    continue
                self.read += 1
                yield line

    def _parse(self, number: int, raw: bytes) -> tuple[ResultLine | None, str]:
        try:
            record = json.loads(raw)
        except ValueError:
            return None, "not JSON"
        if not isinstance(record, dict):
            return None, f"a JSON {type(record).__name__}, not a result object"
        if "id" not in record or record.get("status") not in ("ok", "error"):
            return None, "not a result line (no id, or status neither ok nor error)"
        extraction = None
        if record["status"] == "ok":
            if not isinstance(record.get("extraction"), dict):
                return None, "an ok line without an extraction"
            if self.models:
                try:
                    extraction = Extraction.model_validate(record["extraction"])
                except ValidationError as exc:
                    return (
                        None,
                        f"its extraction does not fit the schema ({exc.error_count()} errors)",
                    )
        return ResultLine(number, record, extraction), ""

    def describe_skipped(self, limit: int = 3) -> str:
        """``3 lines skipped (line 1: not JSON; ...)``, or an empty string."""
        if not self.skipped:
            return ""
        shown = "; ".join(f"line {n}: {why}" for n, why in self.skipped[:limit])
        more = ", ..." if len(self.skipped) > limit else ""
        count = len(self.skipped)
        return f"{count} line{'s' if count != 1 else ''} skipped ({shown}{more})"


def read_results(path: Path, *, models: bool = True) -> ResultsReader:
    """The reader of a results file (iterate it for the usable lines)."""
    return ResultsReader(path, models=models)


@dataclass(slots=True)
class Previous:
    """What an earlier run already wrote: id -> status."""

    status: dict[str, str]
    good_bytes: int  # length of the file up to its last complete line


def read_previous(path: Path) -> Previous:
    """Statuses by id from an existing results file; a torn last line is not counted."""
    if not path.exists():
        return Previous({}, 0)
    reader = read_results(path, models=False)
    status = {line.id: line.status for line in reader}
    return Previous(status, reader.good_bytes)


#: Longest stretch of written lines not yet synced to disk (see the module docstring).
SYNC_EVERY_S = 0.5


class ResultWriter:
    """Append result lines, each flushed before the next; synced to disk in groups.

    One fsync per line capped a batch at the disk's sync rate (a few hundred lines a
    second here); a SIGKILL cannot lose a flushed line, only a power cut can.
    """

    def __init__(
        self,
        path: Path | None,
        previous: Previous | None = None,
        sync_every_s: float = SYNC_EVERY_S,
    ) -> None:
        self.path = path
        self.sync_every_s = sync_every_s
        self._synced = time.monotonic()
        self._handle: IO[str]
        if path is None:
            self._handle = sys.stdout
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        if previous is not None and path.exists() and path.stat().st_size > previous.good_bytes:
            with path.open("r+b") as handle:  # drop a torn last line before appending
                handle.truncate(previous.good_bytes)
        self._handle = path.open("a", encoding="utf-8")

    def write(self, line: dict[str, Any]) -> None:
        self.write_text(json_text(line))

    def write_text(self, text: str) -> None:
        """Append a line already in its JSON text (`json_text`), e.g. made in a loop."""
        self._handle.write(text + "\n")
        self._handle.flush()
        if self.path is not None and time.monotonic() - self._synced >= self.sync_every_s:
            self.sync()

    def sync(self) -> None:
        """Put every line written so far on disk."""
        if self.path is not None:
            os.fsync(self._handle.fileno())
            self._synced = time.monotonic()

    def close(self) -> None:
        if self.path is not None:
            self.sync()
            self._handle.close()
