"""Load the prompt templates shipped with the package.

The templates live in the repository's top-level ``prompts/`` folder; the wheel
carries them as ``extractor/_prompts``. The prompt version recorded in every
result names the template set and a hash of its text, so any edit to a prompt
changes the version (and with it cache keys and cassette matches).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_PACKAGED = _PACKAGE / "_prompts"
_SOURCE_TREE = _PACKAGE.parent / "prompts"
PROMPT_SET = "extract-v1"


@dataclass(frozen=True, slots=True)
class PromptSet:
    system: str
    user: str
    version: str

    def messages(self, article: str) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": self.user.format(article=article)},
        ]


def prompt_dir() -> Path:
    for folder in (_PACKAGED, _SOURCE_TREE):
        if (folder / "extract_system.txt").is_file():
            return folder
    raise FileNotFoundError(
        f"prompt templates not found in {_PACKAGED} or {_SOURCE_TREE}; reinstall extractor"
    )


@cache
def load_prompts() -> PromptSet:
    folder = prompt_dir()
    system = (folder / "extract_system.txt").read_text(encoding="utf-8").strip()
    user = (folder / "extract_user.txt").read_text(encoding="utf-8").strip()
    digest = hashlib.sha256(f"{system}\0{user}".encode()).hexdigest()[:8]
    return PromptSet(system=system, user=user, version=f"{PROMPT_SET}+{digest}")
