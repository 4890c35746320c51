"""Settings for an extraction, from arguments first and environment variables second.

Environment variables (all optional):

==============================  ==============================================================
EXTRACTOR_ENGINE                ``llm`` or ``rules``
EXTRACTOR_MODEL                 ``openai/gpt-4o-mini``, ``ollama/llama3.1``, ``anthropic/...``,
                                or a bare model name served at EXTRACTOR_BASE_URL
EXTRACTOR_BASE_URL              an OpenAI-compatible server (vLLM, llama.cpp, LM Studio, Ollama)
EXTRACTOR_API_KEY               the key for that server or provider (else OPENAI_API_KEY)
EXTRACTOR_MODE                  instructor mode: tools, tools_strict, json_schema, json, md_json
EXTRACTOR_MAX_RETRIES           validation re-asks after the first answer (default 2)
EXTRACTOR_TRANSPORT_RETRIES     retries of 429/5xx/timeouts per request (default 4)
EXTRACTOR_TIMEOUT               seconds per HTTP request (default 120)
EXTRACTOR_MAX_TOKENS            cap on the model's answer length (default: the server's)
EXTRACTOR_CHUNK_CHARS           longer articles are read in overlapping chunks (default 40000)
EXTRACTOR_CHUNK_OVERLAP         characters shared by neighbouring chunks (default 2000)
EXTRACTOR_FILL_MISSED           1/true: add the direct quotes a model missed and the offline
                                engine found, marked as the rules engine's (default off)
==============================  ==============================================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import ConfigurationError


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r} is not a whole number") from None


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise ConfigurationError(f"{name}={value!r} is not a yes or no (use 1 or 0)")


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return float(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r} is not a number") from None


@dataclass(frozen=True, slots=True)
class Settings:
    engine: str | None = None
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    mode: str | None = None
    max_retries: int = 2
    transport_retries: int = 4
    timeout: float = 120.0
    max_tokens: int | None = None
    temperature: float | None = 0.0
    chunk_chars: int = 40_000
    chunk_overlap: int = 2_000
    #: After a model's answer, add the offline engine's direct quotes that it missed.
    fill_missed: bool = False

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Settings from the environment, with non-None ``overrides`` taking precedence."""
        env = os.environ
        max_tokens = _env_int("EXTRACTOR_MAX_TOKENS", 0)
        settings = cls(
            engine=env.get("EXTRACTOR_ENGINE") or None,
            model=env.get("EXTRACTOR_MODEL") or None,
            base_url=env.get("EXTRACTOR_BASE_URL") or None,
            api_key=env.get("EXTRACTOR_API_KEY") or None,
            mode=env.get("EXTRACTOR_MODE") or None,
            max_retries=_env_int("EXTRACTOR_MAX_RETRIES", 2),
            transport_retries=_env_int("EXTRACTOR_TRANSPORT_RETRIES", 4),
            timeout=_env_float("EXTRACTOR_TIMEOUT", 120.0),
            max_tokens=max_tokens or None,
            chunk_chars=_env_int("EXTRACTOR_CHUNK_CHARS", 40_000),
            chunk_overlap=_env_int("EXTRACTOR_CHUNK_OVERLAP", 2_000),
            fill_missed=_env_bool("EXTRACTOR_FILL_MISSED", False),
        )
        return settings.with_overrides(**overrides)

    def with_overrides(self, **overrides: Any) -> Settings:
        unknown = set(overrides) - set(self.__dataclass_fields__)
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        settings = replace(self, **{k: v for k, v in overrides.items() if v is not None})
        if settings.max_retries < 0 or settings.transport_retries < 0:
            raise ConfigurationError("max_retries and transport_retries must be 0 or more")
        if not 0 <= settings.chunk_overlap < settings.chunk_chars // 2:
            raise ConfigurationError("chunk_overlap must be under half of chunk_chars")
        return settings
