"""A chunk's first request, built once for the live path and for batch APIs.

The live path hands `chat_kwargs` and the response model to instructor, which
turns the model into the request's structured-output part (``tools`` /
``response_format``) with its mode's request handler, and sends it. A provider's
batch API needs the same request written down instead: `request_body` runs the
very same instructor steps (the prepared response model, the mode's request
handler, its message converter) over the same `chat_kwargs`, so a batch line asks
exactly what the live path's first attempt asks. The engine relies on it: a batch
answer is used only for a request whose body is equal (see `canned`), and
tests/test_batch_api.py compares the two bodies as the servers received them.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

import instructor
from instructor.v2.core.providers import Provider
from instructor.v2.core.registry import mode_registry
from instructor.v2.core.response_model import prepare_response_model

from ..config import Settings
from .prompts import PromptSet
from .reading import ArticleReading

Mode = instructor.Mode


@cache
def response_model() -> type[ArticleReading]:
    """`ArticleReading` wrapped for instructor once, not on every call (it builds a class)."""
    _check_models_once()
    return instructor.response_schema(ArticleReading)


def _check_models_once() -> None:
    """Make instructor's refusal of async validators walk each response model once.

    instructor walks the whole response model (every field's type, every class in its
    MRO) two or three times per request to refuse async validators; a model class does
    not change, so the answer for one is kept. This was about 7% of a batch's CPU."""
    from instructor.v2.core import patch
    from instructor.v2.validation import async_validators

    check = async_validators.reject_async_validators
    if getattr(check, "checks_once", False):
        return
    checked: set[Any] = set()

    def reject_once(response_model: Any) -> None:
        try:
            if response_model in checked:
                return
        except TypeError:  # not hashable: walk it every time
            check(response_model)
            return
        check(response_model)  # raises for a model with async validators: not kept
        checked.add(response_model)

    reject_once.checks_once = True  # type: ignore[attr-defined]
    async_validators.reject_async_validators = reject_once
    patch.reject_async_validators = reject_once  # imported by name there


@cache
def _prepared_model() -> Any:
    return prepare_response_model(response_model())


def chat_kwargs(model: str, settings: Settings, prompts: PromptSet, text: str) -> dict[str, Any]:
    """The chat-completion arguments of a chunk's first attempt, before instructor adds
    the structured-output part: model, messages, temperature, max_tokens."""
    kwargs: dict[str, Any] = {"model": model, "messages": prompts.messages(text)}
    if settings.temperature is not None:
        kwargs["temperature"] = settings.temperature
    if settings.max_tokens:
        kwargs["max_tokens"] = settings.max_tokens
    return kwargs


def request_body(
    model: str,
    settings: Settings,
    prompts: PromptSet,
    text: str,
    mode: Mode,
    provider: Provider = Provider.OPENAI,
) -> dict[str, Any]:
    """The JSON body instructor sends for a chunk's first attempt in ``mode`` (an
    instructor client made by `providers.build_client` is an OpenAI-provider one)."""
    handlers = mode_registry.get_handlers(provider, mode)
    kwargs = copy.deepcopy(chat_kwargs(model, settings, prompts, text))
    _, prepared = handlers.request_handler(response_model=_prepared_model(), kwargs=kwargs)
    prepared.pop("autodetect_images", None)
    if handlers.message_converter and "messages" in prepared:
        prepared["messages"] = handlers.message_converter(
            prepared["messages"], autodetect_images=False
        )
    # As the SDK serialises it (no Python objects left).
    body: dict[str, Any] = json.loads(json.dumps(prepared, default=_jsonable))
    return body


def _jsonable(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    raise TypeError(f"cannot write {type(value).__name__} into a request body")
