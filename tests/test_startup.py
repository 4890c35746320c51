"""What start-up imports: each check in a fresh interpreter (sys.modules of this one is
shared by every test). See BENCHMARKS.md, issue 11, "Start-up and the request path"."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    """The modules loaded once ``code`` has run in a fresh interpreter."""
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_building_a_client_does_not_import_every_sdk_resource() -> None:
    loaded = _modules_after(
        "from extractor.config import Settings\n"
        "from extractor.llm.providers import build_client, resolve_backend\n"
        "s = Settings(model='m', base_url='http://127.0.0.1:9/v1')\n"
        "c = build_client(resolve_backend(s), s, asynchronous=True)\n"
        "assert callable(c.chat.completions.create)\n"
        "build_client(resolve_backend(s), s)\n"
    )
    assert "openai" in loaded
    assert not {m for m in loaded if m.startswith("openai.resources")}


def test_the_offline_path_imports_no_model_client() -> None:
    loaded = _modules_after(
        "from extractor import extract\n"
        "import extractor.cli\n"
        f"extract({str(ROOT / 'seeds' / '000_97dcceb8b115a6f9.txt')!r}, engine='rules')\n"
    )
    assert not {m for m in loaded if m.split(".")[0] in {"openai", "httpx2", "aiohttp"}}
