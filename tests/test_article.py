"""Reading articles: paths, text, and clear typed errors for unusable input."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import (
    ArticleNotFoundError,
    EmptyArticleError,
    ExtractorError,
    NoModelConfiguredError,
    NotTextError,
    extract,
    load_article,
)
from extractor.config import Settings
from extractor.errors import ConfigurationError
from extractor.llm.providers import resolve_backend


def test_text_and_path_give_the_same_article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffLine one\r\nLine “two”".encode())
    from_path = load_article(path)
    assert from_path.text == "Line one\r\nLine “two”"  # BOM dropped, newlines kept
    assert from_path.source == str(path)
    assert load_article(str(path)).text == from_path.text
    assert load_article("Line one\r\nLine “two”").source is None


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", EmptyArticleError, "empty"),
        (b" \n\t\n", EmptyArticleError, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", NotTextError, "binary"),
        (bytes(range(1, 256)) * 8, NotTextError, "UTF-8"),
    ],
)
def test_unusable_files_raise_typed_errors_naming_the_file(tmp_path, content, error, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        load_article(path)
    assert str(path) in str(caught.value) and words in str(caught.value)
    assert caught.value.source == str(path)
    assert isinstance(caught.value, ExtractorError)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ArticleNotFoundError):
        load_article(Path(tmp_path / "missing.txt"))
    with pytest.raises(ArticleNotFoundError, match="folder"):
        load_article(Path(tmp_path))


def test_no_model_configured_is_a_typed_error():
    with pytest.raises(NoModelConfiguredError, match="EXTRACTOR_MODEL"):
        extract("Some text.", engine="llm")


@pytest.mark.parametrize(
    ("model", "base_url", "provider", "mode"),
    [
        ("openai/gpt-4o-mini", None, "openai", "tool_call"),
        ("ollama/llama3.1", None, "ollama", "tool_call"),
        ("ollama/gemma2", None, "ollama", "json_schema_mode"),
        ("qwen2.5-7b-instruct", "http://localhost:8000/v1", "compatible", "json_schema_mode"),
        ("openai/gpt-4o-mini", "http://localhost:1234/v1", "compatible", "json_schema_mode"),
    ],
)
def test_backend_and_mode_per_provider(model, base_url, provider, mode):
    backend = resolve_backend(Settings(model=model, base_url=base_url))
    assert backend.provider == provider
    assert backend.mode is not None and backend.mode.value == mode


def test_mode_can_be_overridden_and_is_checked():
    backend = resolve_backend(Settings(model="ollama/gemma2", mode="md_json"))
    assert backend.mode.value == "markdown_json_mode"
    with pytest.raises(ConfigurationError, match="unknown mode"):
        resolve_backend(Settings(model="ollama/gemma2", mode="telepathy"))


def test_environment_configures_the_model(monkeypatch):
    monkeypatch.setenv("EXTRACTOR_MODEL", "ollama/llama3.1")
    monkeypatch.setenv("EXTRACTOR_MAX_RETRIES", "5")
    settings = Settings.from_env(max_retries=1)
    assert settings.model == "ollama/llama3.1" and settings.max_retries == 1
    monkeypatch.setenv("EXTRACTOR_TIMEOUT", "soon")
    with pytest.raises(ConfigurationError, match="EXTRACTOR_TIMEOUT"):
        Settings.from_env()


def test_openai_without_key_says_how_to_set_one():
    from extractor.api import Extractor

    extractor = Extractor(model="openai/gpt-4o-mini")
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        extractor.extract("Some text that is long enough.")


def test_base_url_credentials_never_reach_results():
    backend = resolve_backend(Settings(model="m", base_url="https://user:pw@host:8080/v1?k=1"))
    assert backend.safe_base_url == "https://host:8080/v1"
