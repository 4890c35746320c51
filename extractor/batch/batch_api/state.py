"""The state file beside the results file (``OUT.batch.json``) that makes a run resumable.

It names every batch this results file has sent (its input file, batch id, status,
output and error files, request counts) and, for each, the articles it holds:
item id -> sha256 of the text and the custom ids of its requests. It is written
after each upload and each batch created, atomically (a temporary file, fsync,
rename), so a run killed at any point finds, when rerun, the batches it already
sent and polls them: no second upload. A job is ``written`` once every one of its
articles has a line in the results file; after that its articles, when asked for
again (``--retry-failed``), go into a new batch.

The engine configuration that wrote the requests is kept too (its identity): a
rerun with another model or prompt would read answers to other questions, so it
is refused with a clear error.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ...errors import ConfigurationError

VERSION = 1
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})


def state_path(output: Path) -> Path:
    return output.with_name(output.name + ".batch.json")


@dataclass(slots=True)
class Job:
    """One batch: one input file, one batch id."""

    number: int
    input_file_id: str
    #: item id -> [sha256, [custom ids in chunk order], [digests of their bodies]]
    articles: dict[str, list[Any]]
    batch_id: str | None = None
    status: str = "uploaded"
    output_file_id: str | None = None
    error_file_id: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # total, completed, failed
    note: str = ""  # the provider's words on a batch that failed
    written: bool = False

    @property
    def finished(self) -> bool:
        return self.status in TERMINAL

    def holds(self, item_id: str, sha256: str) -> bool:
        entry = self.articles.get(item_id)
        return entry is not None and entry[0] == sha256

    def requests(self, item_id: str) -> list[tuple[str, str]]:
        """(custom id, body digest) of each of the article's requests, in chunk order."""
        _, names, digests = self.articles[item_id]
        return list(zip(names, digests, strict=True))

    def update(self, batch: Any) -> None:
        """Take the status, files and counts of a retrieved batch (the SDK's `Batch`)."""
        self.status = batch.status
        self.output_file_id = batch.output_file_id
        self.error_file_id = batch.error_file_id
        errors = getattr(batch.errors, "data", None) or []
        if errors:
            self.note = "; ".join(f"{e.code}: {e.message}" for e in errors)[:500]
        counts = batch.request_counts
        if counts is not None:
            self.counts = {
                "total": counts.total,
                "completed": counts.completed,
                "failed": counts.failed,
            }


@dataclass(slots=True)
class BatchState:
    path: Path
    identity: dict[str, Any]
    jobs: list[Job] = field(default_factory=list)
    next_article: int = 0  # the number the next article sent gets (custom ids stay unique)

    @classmethod
    def load(cls, path: Path, identity: dict[str, Any]) -> BatchState:
        """The state at ``path``, or a new one; refuses a state another engine wrote."""
        if not path.exists():
            return cls(path, identity)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                raise ValueError(f"version {data.get('version')!r}, not {VERSION}")
            jobs = [Job(**job) for job in data["jobs"]]
            state = cls(path, data["identity"], jobs, int(data["next_article"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigurationError(
                f"the batch state file is unusable ({exc}); move it away to start the "
                "batches afresh (batches already sent are then not polled)",
                source=str(path),
            ) from None
        if state.identity != identity:
            differs = sorted(
                k for k in {*identity, *state.identity} if identity.get(k) != state.identity.get(k)
            )
            raise ConfigurationError(
                f"its batches were sent with another configuration ({', '.join(differs)} "
                "differ); rerun with the same options, or move the file away",
                source=str(path),
            )
        return state

    def save(self) -> None:
        data = {
            "version": VERSION,
            "identity": self.identity,
            "next_article": self.next_article,
            "jobs": [asdict(job) for job in self.jobs],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)

    def pending(self, item_id: str, sha256: str) -> Job | None:
        """The unwritten job that holds this article (same text), if any."""
        for job in self.jobs:
            if not job.written and job.holds(item_id, sha256):
                return job
        return None

    def open_jobs(self) -> list[Job]:
        return [job for job in self.jobs if not job.written]

    def add(
        self, input_file_id: str, articles: dict[str, tuple[str, list[str], list[str]]]
    ) -> Job:
        job = Job(
            number=len(self.jobs) + 1,
            input_file_id=input_file_id,
            articles={k: list(entry) for k, entry in articles.items()},
        )
        self.jobs.append(job)
        self.next_article += len(articles)
        return job
