"""A small local server for the OpenAI batch API, answering from scripted replies.

It serves what ``extractor run --batch-api`` uses, over real HTTP through the real
openai client:

- ``POST /v1/files`` (multipart, purpose ``batch``) and ``GET /v1/files/{id}/content``;
- ``POST /v1/batches``, ``GET /v1/batches/{id}``, ``POST /v1/batches/{id}/cancel``;
- ``POST /v1/chat/completions``, for the live path (re-asks), from ``live``.

A batch moves one status per retrieve: ``validating -> in_progress -> finalizing
-> completed``; while ``hold`` is set it stays ``in_progress``. ``end`` makes it end
``expired``, ``failed`` or ``cancelled`` (as if its owner cancelled it) instead; a
cancel request makes it ``cancelling``, then ``cancelled``. When it ends, each
request line is answered by ``outcome(article)``: a `Reply` (a 200 completion, as
`scripted_server.completion` writes it), or ``"fail"`` (an HTTP 500 line in the
error file), ``"missing"`` (no line at all) or ``"malformed"`` (a line that is not
JSON). An expired or cancelled batch answers only its first ``answered``
requests; the rest go to the error file (``batch_expired`` / ``batch_cancelled``)
or, with ``drop_unanswered``, nowhere.
Every response carries the ``x-extractor-origin`` header (see cassettes/README.md).
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .scripted_server import Reply, completion, error

ORIGIN = "scripted batch test server (tests/batch_server.py); answers written by hand for a test"
FLOW = ("validating", "in_progress", "finalizing", "completed")

Outcome = Callable[[str], "Reply | str"]


def article_of(body: dict[str, Any]) -> str:
    """The article text in a chat request (as the prompt template wraps it)."""
    prompt = body["messages"][-1]["content"]
    return prompt.split("<article>\n", 1)[-1].rsplit("\n</article>", 1)[0]


class BatchServer:
    def __init__(
        self,
        outcome: Outcome,
        *,
        live: Callable[[str], Reply] | None = None,
        end: str = "completed",
        answered: int = 0,
        drop_unanswered: bool = False,
        hold: bool = False,
    ) -> None:
        self.outcome = outcome
        self.live = live or (lambda _article: error(500, "no live answers scripted"))
        self.end = end
        self.answered = answered
        self.drop_unanswered = drop_unanswered
        self.hold = threading.Event()
        if hold:
            self.hold.set()
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.uploads: list[bytes] = []  # the request files received, in order
        self.creates = 0
        self.retrieves = 0
        self.live_requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(body)))
                self.send_header("x-extractor-origin", ORIGIN)
                self.end_headers()
                self.wfile.write(body)

            def _json(self, status: int, obj: Any) -> None:
                self._send(status, json.dumps(obj, ensure_ascii=False).encode())

            def do_GET(self) -> None:
                with server._lock:
                    status, body = server._get(self.path)
                if isinstance(body, bytes):
                    self._send(status, body, "application/octet-stream")
                else:
                    self._json(status, body)

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                data = self.rfile.read(length)
                with server._lock:
                    status, body = server._post(self.path, self.headers, data)
                self._json(status, body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A short poll interval: shutting down waits for one (0.5 s by default).
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- routes ---------------------------------------------------------------------

    def _get(self, path: str) -> tuple[int, Any]:
        if m := re.fullmatch(r"/v1/files/([\w-]+)/content", path):
            if m.group(1) not in self.files:
                return 404, {"error": {"message": "no such file"}}
            return 200, self.files[m.group(1)]
        if m := re.fullmatch(r"/v1/batches/([\w-]+)", path):
            self.retrieves += 1
            batch = self.batches.get(m.group(1))
            if batch is None:
                return 404, {"error": {"message": "no such batch"}}
            self._advance(batch)
            return 200, batch
        return 404, {"error": {"message": f"no route GET {path}"}}

    def _post(self, path: str, headers: Any, data: bytes) -> tuple[int, Any]:
        if path == "/v1/files":
            content = _multipart_file(headers.get("content-type", ""), data)
            file_id = f"file-{len(self.files) + 1}"
            self.files[file_id] = content
            self.uploads.append(content)
            return 200, _file(file_id, len(content))
        if path == "/v1/batches":
            request = json.loads(data)
            self.creates += 1
            batch_id = f"batch-{len(self.batches) + 1}"
            lines = self.files[request["input_file_id"]].splitlines()
            self.batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": request["endpoint"],
                "input_file_id": request["input_file_id"],
                "completion_window": request["completion_window"],
                "created_at": 0,
                "status": "validating",
                "output_file_id": None,
                "error_file_id": None,
                "metadata": request.get("metadata"),
                "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
            }
            return 200, self.batches[batch_id]
        if m := re.fullmatch(r"/v1/batches/([\w-]+)/cancel", path):
            batch = self.batches[m.group(1)]
            if batch["status"] not in ("completed", "failed", "expired", "cancelled"):
                batch["status"] = "cancelling"
            return 200, batch
        if path == "/v1/chat/completions":
            request = json.loads(data)
            self.live_requests.append(request)
            reply = self.live(article_of(request))
            if reply.status != 200:
                return reply.status, {"error": {"message": reply.message}}
            return 200, completion(request, reply, len(self.live_requests))
        return 404, {"error": {"message": f"no route POST {path}"}}

    # -- a batch's life ---------------------------------------------------------------

    def _advance(self, batch: dict[str, Any]) -> None:
        status = batch["status"]
        if status in ("completed", "failed", "expired", "cancelled"):
            return
        if status == "cancelling":
            self._finish(batch, "cancelled")
            return
        if status == "in_progress" and self.hold.is_set():
            return
        if status == "in_progress" and self.end in ("expired", "failed"):
            self._finish(batch, self.end)
            return
        if status == "in_progress" and self.end == "cancelled":  # cancelled by its owner
            batch["status"] = "cancelling"
            return
        following = FLOW[FLOW.index(status) + 1]
        if following == "completed":
            self._finish(batch, "completed")
        else:
            batch["status"] = following

    def _finish(self, batch: dict[str, Any], status: str) -> None:
        batch["status"] = status
        if status == "failed":
            batch["errors"] = {"object": "list", "data": [{"code": "scripted", "message": "x"}]}
            return
        lines = [json.loads(x) for x in self.files[batch["input_file_id"]].splitlines()]
        out: list[bytes] = []
        errors: list[bytes] = []
        for n, line in enumerate(lines):
            name = line["custom_id"]
            if status != "completed" and n >= self.answered:
                if not self.drop_unanswered:
                    code = f"batch_{status}"
                    errors.append(_line(name, None, {"code": code, "message": f"{code} early"}))
                continue
            what = self.outcome(article_of(line["body"]))
            if what == "missing":
                continue
            if what == "malformed":
                out.append(b'{"custom_id": "' + name.encode() + b'", "response": {"status_')
                continue
            if what == "fail":
                body = {"error": {"message": "scripted server error", "type": "server_error"}}
                errors.append(_line(name, {"status_code": 500, "body": body}, None))
                continue
            assert isinstance(what, Reply)
            body = completion(line["body"], what, n + 1)
            out.append(_line(name, {"status_code": 200, "request_id": f"req-{n}", "body": body}))
        counts = batch["request_counts"]
        counts["completed"] = len(out)
        counts["failed"] = len(errors)
        if out:
            batch["output_file_id"] = self._store(b"".join(x + b"\n" for x in out))
        if errors:
            batch["error_file_id"] = self._store(b"".join(x + b"\n" for x in errors))

    def _store(self, content: bytes) -> str:
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = content
        return file_id

    # -- running ----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> BatchServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def _line(name: str, response: dict[str, Any] | None, err: dict[str, Any] | None = None) -> bytes:
    record = {"id": f"batch_req_{name}", "custom_id": name, "response": response, "error": err}
    return json.dumps(record, ensure_ascii=False).encode()


def _file(file_id: str, size: int) -> dict[str, Any]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": size,
        "created_at": 0,
        "filename": f"{file_id}.jsonl",
        "purpose": "batch",
        "status": "processed",
    }


def _multipart_file(content_type: str, data: bytes) -> bytes:
    """The ``file`` part of a multipart/form-data body."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"content-type: {content_type}\r\n\r\n".encode() + data
    )
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else b""
    raise ValueError("no file in the upload")
