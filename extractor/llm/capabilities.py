"""Which structured-output mode a server accepts, learned once per run and server.

Servers differ in what they accept: llama.cpp's Python server answers HTTP 500
to ``response_format: json_schema``, some servers refuse ``tools``. A request
that a server rejects as invalid (400 or 422, or a 500 whose body names
``response_format``, ``json_schema``, ``tools`` or ``tool_choice``) is not a
fault that passes: the transport does not retry it, and when the mode was not
pinned the engine asks again once in the next mode along `FALLBACK_CHAIN`. The
mode that works is kept for the rest of the run (`ModePlan`), so the probe
happens once per run and server, not once per article. A 500 carrying a
request-validation report (llama-cpp-python's answer to any field it does not
take) is not retried either, but only one that names the structured-output part
changes the mode.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import instructor

from ..text.snippets import shorten

Mode = instructor.Mode

#: The order in which modes are tried when a server rejects one (JSON-schema output
#: first, plain markdown JSON last: it asks nothing of the server).
FALLBACK_CHAIN: tuple[Mode, ...] = (Mode.JSON_SCHEMA, Mode.TOOLS, Mode.JSON, Mode.MD_JSON)

#: Our names for instructor's modes, as ``mode=`` / ``--mode`` take them.
MODE_NAMES: dict[Mode, str] = {
    Mode.TOOLS: "tools",
    Mode.TOOLS_STRICT: "tools_strict",
    Mode.JSON_SCHEMA: "json_schema",
    Mode.JSON: "json",
    Mode.MD_JSON: "md_json",
}

#: Words in a 500's body that show the server refused the request's structured-output
#: part rather than failed on it (llama-cpp-python: "response_format.type: Input should
#: be 'text' or 'json_object'").
_STRUCTURED_WORDS = re.compile(r"response_format|json_schema|tool_choice|\btools\b", re.IGNORECASE)
#: A 500 that is a validation error of the request body (llama-cpp-python answers 500
#: with pydantic's report for a field it does not take): the request, not the server.
_BODY_INVALID = re.compile(r"validation error.*'loc': \('body'", re.DOTALL)
#: One problem in such a report: where in the body, and what is wrong there.
_PROBLEM = re.compile(r"'loc': \(([^)]*)\), 'msg': (\"|')(.*?)\2")
#: A 400 about the prompt's length is no verdict on the mode: another mode would be
#: refused for the same reason.
_CONTEXT_WORDS = re.compile(r"context (length|window|size)|maximum context", re.IGNORECASE)
#: Anything in a server's words that looks like a key or token is not repeated.
_KEYLIKE = re.compile(r"\b(?:sk|pk|rk|key|tok)-[\w*.\-]{6,}|\bBearer\s+\S+", re.IGNORECASE)


def mode_name(mode: Mode | None) -> str:
    return MODE_NAMES.get(mode, mode.value) if mode is not None else "default"


def is_rejection(status: int, body: str) -> bool:
    """Whether an answer with ``status`` and ``body`` rejects the request as invalid
    (never worth retrying as it is)."""
    if status in (400, 422):
        return True
    return status == 500 and bool(_STRUCTURED_WORDS.search(body) or _BODY_INVALID.search(body))


def is_mode_rejection(status: int, body: str) -> bool:
    """A rejection that another structured-output mode may not meet."""
    if status == 500:
        return bool(_STRUCTURED_WORDS.search(body))
    return is_rejection(status, body) and not _CONTEXT_WORDS.search(body)


def server_message(body: str, limit: int = 240) -> str:
    """The server's own words from an error body (``{"error": {"message": ...}}``,
    ``{"detail": ...}``, or the text itself), on one line and cut to ``limit``."""
    text: Any = body
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if isinstance(data, dict):
        error = data.get("error", data.get("detail", data.get("message")))
        if isinstance(error, dict):
            error = error.get("message", error)
        if isinstance(error, list):  # FastAPI's validation detail: a list of problems
            error = "; ".join(str(e.get("msg", e) if isinstance(e, dict) else e) for e in error)
        text = error if error is not None else body
    problems = _PROBLEM.findall(str(text))
    if problems:  # pydantic's report: "response_format.type: Input should be ..."
        text = "; ".join(f"{_where(loc)}: {msg}" for loc, _, msg in problems)
    return shorten(_KEYLIKE.sub("[redacted]", " ".join(str(text).split())), limit)


def _where(loc: str) -> str:
    parts = [p.strip().strip("'\"") for p in loc.split(",") if p.strip()]
    return ".".join(p for p in parts if p != "body") or "body"


@dataclass(frozen=True, slots=True)
class Rejection:
    """One mode refused by one server."""

    mode: Mode
    status: int
    message: str  # the server's words

    def describe(self) -> str:
        return f"{mode_name(self.mode)} (HTTP {self.status}: {self.message})"


@dataclass(slots=True)
class _ServerModes:
    mode: Mode
    confirmed: bool = False
    rejections: list[Rejection] = field(default_factory=list)


class ModePlan:
    """The mode to ask each server in, and what was learned about it during this run.

    ``start``: the mode chosen from the settings. ``pinned``: the caller named the
    mode, so a rejection is an error and nothing else is tried. Servers are keyed by
    their base URL (or provider name).
    """

    def __init__(self, start: Mode | None, *, pinned: bool, can_fall_back: bool) -> None:
        self.start = start
        self.fallback = (
            start is not None and not pinned and can_fall_back and start in FALLBACK_CHAIN
        )
        self._servers: dict[str, _ServerModes] = {}

    def _server(self, key: str) -> _ServerModes | None:
        if self.start is None:
            return None
        return self._servers.setdefault(key, _ServerModes(self.start))

    def current(self, key: str) -> Mode | None:
        server = self._server(key)
        return server.mode if server else self.start

    def settled(self, key: str) -> bool:
        """True when no probe is needed: the mode is pinned or already known to work."""
        server = self._server(key)
        return not self.fallback or server is None or server.confirmed

    def confirm(self, key: str, mode: Mode | None) -> None:
        server = self._server(key)
        if server is not None and server.mode == mode:
            server.confirmed = True

    def reject(self, key: str, rejection: Rejection) -> Mode | None:
        """Note that ``rejection.mode`` was refused; the next mode to try, or None."""
        server = self._server(key)
        if server is None or not self.fallback:
            return None
        if rejection.mode != server.mode:  # another request already moved on
            return server.mode
        server.rejections.append(rejection)
        at = FALLBACK_CHAIN.index(server.mode)
        if at + 1 >= len(FALLBACK_CHAIN):
            return None
        server.mode = FALLBACK_CHAIN[at + 1]
        return server.mode

    def rejections(self, key: str) -> list[Rejection]:
        server = self._servers.get(key)
        return list(server.rejections) if server else []
