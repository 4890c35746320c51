"""An OpenAI-compatible server that answers every chat completion after a fixed delay.

    python benchmarks/latency_server.py --port 8731 --latency 0.2

For benchmarks only. The answer names the article's speaker and quote, which the
articles of `batch_throughput.py` are built to contain, so the tool does real
grounding work. ``GET /stats`` returns how many completions were served.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

QUOTE = re.compile(r"“[^”]{10,200}”")


def answer_for(article: str) -> dict:
    quote = QUOTE.search(article)
    quotes = []
    if quote:
        quotes.append(
            {
                "text": quote.group(),
                "kind": "direct",
                "speaker": "a1",
                "speaker_mention": "Ana Lima",
                "cue": "said",
            }
        )
    return {
        "actors": [{"id": "a1", "name": "Ana Lima", "type": "person", "aliases": ["Lima"]}],
        "quotes": quotes,
        "claims": [],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()
    served = 0
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in separate writes; without this, Nagle's algorithm
            # and the client's delayed ACK add ~40 ms to every response.
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *a):  # quiet
            pass

        def _send(self, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._send({"served": served})

        def do_POST(self) -> None:
            nonlocal served
            request = json.loads(self.rfile.read(int(self.headers["content-length"])))
            time.sleep(args.latency)
            with lock:
                served += 1
            article = request["messages"][-1]["content"]
            payload = json.dumps(answer_for(article))
            tool = request["tools"][0]["function"]["name"]
            self._send(
                {
                    "id": "bench",
                    "object": "chat.completion",
                    "created": 0,
                    "model": "bench",
                    "choices": [
                        {
                            "index": 0,
                            "finish_reason": "tool_calls",
                            "message": {
                                "role": "assistant",
                                "content": None,
                                "tool_calls": [
                                    {
                                        "id": "c",
                                        "type": "function",
                                        "function": {"name": tool, "arguments": payload},
                                    }
                                ],
                            },
                        }
                    ],
                    "usage": {
                        "prompt_tokens": len(article) // 4,
                        "completion_tokens": 40,
                        "total_tokens": len(article) // 4 + 40,
                    },
                }
            )

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 256
    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    # Clients that are killed mid-request (the kill-and-resume check) are expected.
    httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    httpd.serve_forever()


if __name__ == "__main__":
    main()
