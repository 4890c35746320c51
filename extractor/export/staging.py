"""Write output files under temporary names in their folder; move them into place together.

Nothing an export writes is visible under its real name until `Staging.commit`;
`Staging.abort` removes the temporaries (and any folder it created), so a failed
export leaves the target folders as they were.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import IO


class Staging:
    """Temporaries for the files of one export; ``commit`` renames them, ``abort`` drops them."""

    def __init__(self) -> None:
        self._pending: dict[Path, Path] = {}  # final path -> its temporary
        self._created: list[Path] = []  # folders this export made, outermost first

    def folder(self, folder: Path) -> Path:
        """Make sure ``folder`` exists, remembering what was created (to undo on abort)."""
        missing = []
        for path in (folder, *folder.parents):
            if path.exists():
                break
            missing.append(path)
        folder.mkdir(parents=True, exist_ok=True)
        self._created.extend(reversed(missing))
        return folder

    def open(self, final: Path, *, newline: str | None = None) -> IO[str]:
        """A text handle on a new temporary that `commit` moves to ``final``."""
        old = self._pending.pop(final, None)
        if old is not None:  # the same output staged again: the later one wins
            old.unlink(missing_ok=True)
        while True:  # "x": a new file, with the usual permissions (umask), never one that exists
            temporary = final.with_name(f".{final.name}.{secrets.token_hex(6)}.tmp")
            try:
                handle = temporary.open("x", encoding="utf-8", newline=newline)
            except FileExistsError:
                continue
            self._pending[final] = temporary
            return handle

    def write_text(self, final: Path, text: str) -> None:
        with self.open(final) as handle:
            handle.write(text)

    def discard(self, final: Path) -> None:
        """Forget a staged file (a later line replaced the one it came from)."""
        temporary = self._pending.pop(final, None)
        if temporary is not None:
            temporary.unlink(missing_ok=True)

    def commit(self) -> list[Path]:
        """Move every temporary to its final name; returns the final paths, in staging order."""
        done = []
        for final, temporary in self._pending.items():
            os.replace(temporary, final)
            done.append(final)
        self._pending.clear()
        self._created.clear()
        return done

    def abort(self) -> None:
        """Remove the temporaries and any folder `folder` created that is now empty."""
        for temporary in self._pending.values():
            temporary.unlink(missing_ok=True)
        self._pending.clear()
        for folder in reversed(self._created):
            with contextlib.suppress(OSError):  # not empty: something else was put there
                folder.rmdir()
        self._created.clear()
