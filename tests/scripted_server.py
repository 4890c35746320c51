"""A small local OpenAI-compatible server that plays scripted model answers.

There is no model API on the machines this project is built on, so the
cassettes in ``cassettes/`` are recorded through the real openai client, over
real HTTP, from this server. Each reply is written by hand in a test. Every
response carries an ``x-extractor-origin`` header saying so, and that header is
recorded into the cassette with the rest.

A reply answers ``POST /v1/chat/completions``:

- `answer(obj)`: a 200 completion holding ``obj`` as JSON, as a tool call when
  the request offers tools and as message content otherwise (JSON modes);
- `raw(text)`: a 200 completion whose tool arguments / content is ``text`` as is;
- `error(status, ...)`: an error status with optional headers (Retry-After);
- `refuses_json_schema()`: the HTTP 500 llama-cpp-python's server answers to
  ``response_format: json_schema`` (its request validation report);
- ``finish_reason`` may be set to ``"length"`` on an answer.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ORIGIN = "scripted test server (tests/scripted_server.py); answers written by hand for a test"


@dataclass
class Reply:
    status: int = 200
    payload: str | None = None  # the JSON text the "model" returns
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str = "stop"
    message: str = ""
    fault: str | None = None  # hang | reset | truncate | not_json: transport-level faults
    delay: float = 0.0
    compute: Callable[[str], Any] | None = None


def computed(make: Callable[[str], Any]) -> Reply:
    """An answer made from the article in the request (``make(article_text)``): for
    articles too long to answer by hand, read in chunks."""
    return Reply(compute=make)


def fault(kind: str, delay: float = 0.0) -> Reply:
    """A reply that breaks the transport: ``hang`` (answer after ``delay`` seconds),
    ``reset`` (close the connection unanswered), ``truncate`` (promise a longer body
    than is sent, then close), ``not_json`` (a 200 whose body is not JSON)."""
    return Reply(fault=kind, delay=delay)


def answer(obj: Any, *, finish_reason: str = "stop") -> Reply:
    return Reply(payload=json.dumps(obj, ensure_ascii=False), finish_reason=finish_reason)


def raw(text: str) -> Reply:
    return Reply(payload=text)


def error(status: int, message: str = "scripted error", **headers: str) -> Reply:
    return Reply(
        status=status, headers={k.replace("_", "-"): v for k, v in headers.items()}, message=message
    )


#: What llama-cpp-python 0.3's server says (with HTTP 500) to a response_format it does
#: not take: pydantic's report on the request body.
LLAMA_CPP_JSON_SCHEMA_REFUSAL = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', "
    "'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
    "'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  POST /v1/chat/completions"
)


def refuses_json_schema() -> Reply:
    """The answer of a server that does not take json_schema output (as llama.cpp's)."""
    return error(500, LLAMA_CPP_JSON_SCHEMA_REFUSAL)


def completion(request: dict[str, Any], reply: Reply, number: int) -> dict[str, Any]:
    """The chat.completion body a real server would send for this reply."""
    payload = reply.payload or ""
    finish = reply.finish_reason
    message: dict[str, Any] = {"role": "assistant", "content": None}
    tools = request.get("tools") or []
    if tools:
        name = tools[0]["function"]["name"]
        message["tool_calls"] = [
            {
                "id": f"call_scripted_{number}",
                "type": "function",
                "function": {"name": name, "arguments": payload},
            }
        ]
        if finish == "stop":
            finish = "tool_calls"
    else:
        message["content"] = payload
    prompt_chars = sum(len(str(m.get("content") or "")) for m in request.get("messages", []))
    prompt_tokens, completion_tokens = prompt_chars // 4, len(payload) // 4
    return {
        "id": f"chatcmpl-scripted-{number}",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "scripted"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


class ScriptedServer:
    """Serve ``replies`` in order, one per request; record the requests received."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _break(self, reply: Reply) -> bool:
                """Play a transport fault; True when nothing more is to be sent."""
                if reply.fault == "hang":
                    time.sleep(reply.delay)
                    return False
                if reply.fault == "reset":
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    return True
                data = b"<html>Bad gateway</html>" if reply.fault == "not_json" else b'{"id": "x'
                self.send_response(200)
                self.send_header("content-type", "application/json")
                length = len(data) if reply.fault == "not_json" else 4096
                self.send_header("content-length", str(length))
                self.send_header("x-extractor-origin", ORIGIN)
                self.end_headers()
                self.wfile.write(data)
                self.wfile.flush()
                self.close_connection = True
                return True

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                request = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append(request)
                    number = len(server.requests)
                    reply = (
                        server.replies.pop(0)
                        if server.replies
                        else error(500, "the script has no more replies")
                    )
                if reply.fault is not None and self._break(reply):
                    return
                if reply.compute is not None:
                    prompt = request["messages"][-1]["content"]
                    article = prompt.split("<article>\n", 1)[-1].rsplit("\n</article>", 1)[0]
                    reply = answer(reply.compute(article))
                if reply.status == 200:
                    body = completion(request, reply, number)
                else:
                    body = {
                        "error": {
                            "message": reply.message,
                            "type": "scripted_error",
                            "code": reply.status,
                        }
                    }
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.send_header("x-extractor-origin", ORIGIN)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # Clients give up on hung or broken replies by design; no tracebacks for that.
        self._httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
