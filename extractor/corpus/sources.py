"""An article's source (the outlet) and date, from its results line.

Results lines carry no outlet or date field today, so, in order: a ``source``
/ ``date`` field of the line or of its ``meta`` when one is there; else the
article id: its first folder when it has one (``nyt/2020/a.txt`` -> ``nyt``),
or, for a flat file name, the prefix before the first ``_`` when a date
follows it (``breitbart_2016-09-12_slug.txt`` -> ``breitbart``); the date is
the first ``YYYY-MM-DD`` (or ``YYYYMMDD``) in the id. An articles CSV given to
``extractor index --articles`` overrides both (`extractor.corpus.attributes`).
"""

from __future__ import annotations

import re
from typing import Any

_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)(?!\d)")
_OUTLET = re.compile(r"^([A-Za-z][A-Za-z0-9.&-]*)_(?=(?:19|20)\d\d-?[01]\d-?[0-3]\d)")


def _field(record: dict[str, Any], name: str) -> str | None:
    meta = record.get("meta")
    for where in (record, meta if isinstance(meta, dict) else {}):
        value = where.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def source_of(record: dict[str, Any]) -> str | None:
    """The outlet an article came from, or None when nothing says."""
    if found := _field(record, "source"):
        return found
    item = str(record.get("id", "")).replace("\\", "/").lstrip("./")
    if "/" in item:
        return item.split("/", 1)[0]
    match = _OUTLET.match(item)
    return match.group(1).lower() if match else None


def date_of(record: dict[str, Any]) -> str | None:
    """The article's date as ``YYYY-MM-DD`` (or as the line gives it), or None."""
    if found := _field(record, "date"):
        return found
    match = _DATE.search(str(record.get("id", "")))
    if not match:
        return None
    year, month, day = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}-{month}-{day}"
