"""The README's first Python example runs as written, offline, with no key."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.filterwarnings("ignore::extractor.errors.OfflineEngineNotice")  # the note it shows
def test_first_python_example_runs_offline(capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S)
    assert block is not None
    offline = block.group(1).split("# the same with a model")[0]
    monkeypatch.chdir(ROOT)
    assert "OPENAI_API_KEY" not in os.environ
    exec(compile(offline, "README.md", "exec"), {})
    shown = capsys.readouterr().out
    assert shown.startswith("Extraction [rules]:")
    assert "Saad al-Allaq" in shown or "al-Allaq" in shown
