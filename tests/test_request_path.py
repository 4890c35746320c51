"""The live path's start-up and its per-answer shortcuts (BENCHMARKS.md, issue 11,
"Start-up and the request path"): what start-up imports, each check in a fresh
interpreter (sys.modules of this one is shared by every test), and that the SDK reads
a chat completion into the very object its own constructor builds."""

from __future__ import annotations

import asyncio
import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .articles import HARBOUR_ANSWER
from .scripted_server import ScriptedServer, answer, completion

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


def _completion(**changes: Any) -> dict[str, Any]:
    body = completion({"model": "m"}, answer(HARBOUR_ANSWER), 1)
    body["choices"][0]["message"]["tool_calls"] = [
        {"id": "c1", "type": "function", "function": {"name": "F", "arguments": "{}"}}
    ]
    body.update(changes)
    return body


@pytest.mark.parametrize(
    "changes",
    [{}, {"created": "not a number"}, {"system_fingerprint": None, "service_tier": "x"}],
    ids=["usual", "invalid field: built the SDK's way", "extra and odd fields"],
)
def test_a_completion_is_read_into_what_the_sdk_builds(changes: dict[str, Any]) -> None:
    from openai._models import construct_type
    from openai.types.chat import ChatCompletion

    from extractor.config import Settings
    from extractor.llm.providers import build_client, resolve_backend

    settings = Settings(model="m", base_url="http://127.0.0.1:9/v1")
    sdk = build_client(resolve_backend(settings), settings, asynchronous=True).client
    data = _completion(**changes)
    read = sdk._process_response_data(
        data=copy.deepcopy(data), cast_to=ChatCompletion, response=None
    )
    built = construct_type(type_=ChatCompletion, value=copy.deepcopy(data))
    assert type(read) is type(built) and read == built
    assert read.model_dump(warnings=False) == built.model_dump(warnings=False)
    assert read.model_fields_set == built.model_fields_set
    call = read.choices[0].message.tool_calls[0]
    assert type(call) is type(built.choices[0].message.tool_calls[0])


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_the_client_reads_a_live_answer() -> None:
    from extractor.api import aextract

    from .articles import HARBOUR

    with ScriptedServer([answer(HARBOUR_ANSWER)]) as server:
        result = asyncio.run(
            aextract(HARBOUR, base_url=server.base_url, model="m", api_key="k", mode="tools")
        )
    assert len(result.quotes) == 4 and result.meta.usage.total_tokens > 0
