"""No key, bearer token or cookie in the recorded responses."""

from __future__ import annotations

import re

from .conftest import CASSETTES

SECRET = re.compile(
    r"(sk-[A-Za-z0-9_-]{16,}|Bearer\s+\S{8,}|authorization:|set-cookie:|cookie:|"
    r"openai-organization:|openai-project:|x-api-key:|__cf_bm=|_cfuvid=)",
    re.IGNORECASE,
)


def test_cassettes_hold_no_secrets():
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert files, "no cassettes found"
    for path in files:
        text = path.read_text(encoding="utf-8")
        hit = SECRET.search(text)
        assert hit is None, f"{path.relative_to(CASSETTES)} holds {hit.group(0)!r}"


def test_every_cassette_says_where_its_responses_came_from():
    for path in sorted(CASSETTES.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        responses = text.count("  response:")
        assert text.count("x-extractor-origin:") == responses, path.name


def test_the_key_the_tests_send_was_scrubbed():
    from .conftest import TEST_KEY

    for path in sorted(CASSETTES.rglob("*.yaml")):
        assert TEST_KEY not in path.read_text(encoding="utf-8"), path.name
