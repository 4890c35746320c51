"""The files a batch is made of: request lines up, output and error lines back.

A request line is ``{"custom_id", "method": "POST", "url": "/v1/chat/completions",
"body"}``, the body being exactly what the live path sends for the chunk's first
attempt (`LLMEngine.batch_bodies`). OpenAI takes at most 50,000 lines and 200 MB
per file, so requests are split into several files (`split_jobs`) by both.

An output (or error) line is ``{"id", "custom_id", "response": {"status_code",
"body"}, "error"}``. `read_answers` keeps the chat completions answered with 200
and says, for every other line it can read, why it is no answer; a line that is
not JSON or names no request is counted, never fatal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...llm.canned import body_digest

ENDPOINT = "/v1/chat/completions"
MAX_REQUESTS = 50_000
MAX_BYTES = 190 * 1024 * 1024  # OpenAI's limit is 200 MB; room for the line ends and more


def custom_id(article: int, chunk: int) -> str:
    """The request's name: the article's number in the state file and its chunk."""
    return f"a{article}-c{chunk}"


def request_line(name: str, body: dict[str, Any]) -> bytes:
    line = {"custom_id": name, "method": "POST", "url": ENDPOINT, "body": body}
    return (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass(slots=True)
class Request:
    """The requests of one article: one per chunk."""

    item_id: str
    sha256: str
    bodies: list[dict[str, Any]]


@dataclass(slots=True)
class JobFile:
    """One batch's input file: its lines, and which article each request belongs to."""

    lines: list[bytes] = field(default_factory=list)
    size: int = 0
    #: item id -> (sha256 of its text, its requests' custom ids in chunk order, and the
    #: digests of their bodies: a batch answer is used for that very request only)
    articles: dict[str, tuple[str, list[str], list[str]]] = field(default_factory=dict)

    @property
    def data(self) -> bytes:
        return b"".join(self.lines)


def split_jobs(
    requests: Iterable[Request],
    first_number: int,
    *,
    max_requests: int = MAX_REQUESTS,
    max_bytes: int = MAX_BYTES,
) -> Iterator[JobFile]:
    """Input files within the limits; an article's chunks stay in one file. Articles
    are numbered from ``first_number`` on (the state file keeps the count)."""
    job = JobFile()
    number = first_number
    for request in requests:
        lines = [request_line(custom_id(number, n), body) for n, body in enumerate(request.bodies)]
        size = sum(len(line) for line in lines)
        too_many = len(job.lines) + len(lines) > max_requests
        if job.lines and (too_many or job.size + size > max_bytes):
            yield job
            job = JobFile()
        job.lines.extend(lines)
        job.size += size
        job.articles[request.item_id] = (
            request.sha256,
            [custom_id(number, n) for n in range(len(lines))],
            [body_digest(body) for body in request.bodies],
        )
        number += 1
    if job.lines:
        yield job


@dataclass(slots=True)
class Answers:
    """What came back for one batch, by custom id."""

    completions: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)  # custom id -> why no answer
    unreadable: int = 0  # lines that are not JSON or name no request


def read_answers(data: bytes, answers: Answers | None = None) -> Answers:
    """Add the lines of an output or error file to ``answers``."""
    answers = answers or Answers()
    for raw in data.splitlines():
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            answers.unreadable += 1
            continue
        name = line.get("custom_id") if isinstance(line, dict) else None
        if not isinstance(name, str):
            answers.unreadable += 1
            continue
        completion, why = _completion(line)
        if completion is not None:
            answers.completions[name] = completion
            answers.failures.pop(name, None)
        elif name not in answers.completions:
            answers.failures[name] = why
    return answers


def _completion(line: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    error = line.get("error")
    if error:
        message = error.get("message", error) if isinstance(error, dict) else error
        code = error.get("code") if isinstance(error, dict) else None
        return None, f"the batch request failed ({code or 'error'}: {message})"
    response = line.get("response")
    if not isinstance(response, dict):
        return None, "its output line has no response"
    status = response.get("status_code")
    body = response.get("body")
    if status != 200:
        message = body.get("error", body) if isinstance(body, dict) else body
        if isinstance(message, dict):
            message = message.get("message", message)
        return None, f"the server answered HTTP {status}: {str(message)[:240]}"
    if not isinstance(body, dict) or not isinstance(body.get("choices"), list):
        return None, "its output line holds no chat completion"
    return body, ""
