"""Reading a results file back, as the batch tests compare them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def lines_by_id(path: Path) -> dict[str, dict[str, Any]]:
    """Lines by id, without the timings (the one part that may differ between runs);
    fails on an id written twice."""
    lines = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        record["meta"].pop("elapsed_s", None)
        if "extraction" in record:
            record["extraction"]["meta"].pop("elapsed_s", None)
        assert record["id"] not in lines, f"{record['id']} twice"
        lines[record["id"]] = record
    return lines
