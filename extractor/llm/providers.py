"""Turn a model string into an instructor client.

OpenAI, Ollama and any OpenAI-compatible server (``base_url``) are driven
through the openai SDK with its retries off and `transport` retrying
instead. Other providers (``anthropic/...``, ``google/...``) go through
``instructor.from_provider``; their SDKs keep their own retry behaviour.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import instructor

from ..config import Settings
from ..errors import ConfigurationError, NoModelConfiguredError
from .transport import RetryPolicy, http_client

OPENAI_COMPATIBLE = frozenset({"openai", "ollama", "compatible"})
OLLAMA_URL = "http://localhost:11434/v1"

MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "tools_strict": instructor.Mode.TOOLS_STRICT,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}

# Ollama models that handle tool calls well; others get JSON-schema output.
_OLLAMA_TOOL_MODELS = (
    "llama3.1",
    "llama3.2",
    "llama3.3",
    "llama4",
    "qwen2.5",
    "qwen3",
    "mistral-nemo",
    "mistral-small",
    "command-r",
    "firefunction",
)


@dataclass(frozen=True, slots=True)
class Backend:
    """Where requests go and how instructor asks for structured output."""

    provider: str  # openai | ollama | compatible | anthropic | ...
    model: str
    base_url: str | None
    mode: instructor.Mode | None  # None: the provider's default in instructor

    @property
    def label(self) -> str:
        return f"{self.provider}/{self.model}"

    @property
    def safe_base_url(self) -> str | None:
        """The base URL with any user:password removed, fit for logs and results."""
        if not self.base_url:
            return None
        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))


def resolve_backend(settings: Settings) -> Backend:
    """Decide provider, model name and instructor mode from the settings."""
    if not settings.model:
        raise NoModelConfiguredError()
    provider, _, name = settings.model.partition("/")
    if not name:
        # A bare name: a model on the configured server, or an OpenAI model.
        provider, name = ("compatible" if settings.base_url else "openai"), settings.model
    if provider == "openai" and settings.base_url:
        provider = "compatible"
    base_url = settings.base_url
    if provider == "ollama" and not base_url:
        base_url = OLLAMA_URL
    return Backend(provider, name, base_url, _mode_for(provider, name, settings.mode))


def _mode_for(provider: str, name: str, requested: str | None) -> instructor.Mode | None:
    if requested:
        try:
            return MODES[requested.lower()]
        except KeyError:
            raise ConfigurationError(
                f"unknown mode {requested!r}; use one of: {', '.join(MODES)}"
            ) from None
    if provider == "openai":
        return instructor.Mode.TOOLS
    if provider == "ollama":
        tools = any(tag in name.lower() for tag in _OLLAMA_TOOL_MODELS)
        return instructor.Mode.TOOLS if tools else instructor.Mode.JSON_SCHEMA
    if provider == "compatible":
        # vLLM, llama.cpp, LM Studio and Ollama all honour response_format json_schema;
        # tool calling depends on the model and server flags.
        return instructor.Mode.JSON_SCHEMA
    return None  # instructor picks the provider's own structured-output mode


def _api_key(backend: Backend, settings: Settings) -> str:
    key = settings.api_key
    if backend.provider == "openai":
        key = key or os.environ.get("OPENAI_API_KEY")
        if not key:
            needs = (
                f"model {backend.label} needs an API key: set OPENAI_API_KEY or EXTRACTOR_API_KEY"
            )
            raise ConfigurationError(
                f"{needs}, or pass api_key=; for a local server pass base_url=",
                cli_message=f"{needs}, or pass --api-key; for a local server pass --base-url",
            )
        return key
    # Local servers accept any key; the SDK insists on one being set.
    return key or os.environ.get("OPENAI_API_KEY") or "not-needed"


def can_fall_back(backend: Backend) -> bool:
    """Whether another structured-output mode can be asked of this backend's server
    through the same client (see `with_mode`)."""
    return backend.provider in OPENAI_COMPATIBLE


def with_mode(client: Any, mode: instructor.Mode) -> Any:
    """The instructor client ``client`` (made by `build_client` for an OpenAI-compatible
    backend) asking in ``mode`` instead: the same SDK client, so the same HTTP client,
    retries and rate-limit pauses."""
    if client.mode == mode:
        return client
    return instructor.from_openai(client.client, mode=mode)


def _validating_completions(sdk: Any) -> None:
    """Make ``sdk`` read a chat completion's JSON with pydantic's validator (Rust)
    instead of its own lenient constructor, which builds the nested models in Python:
    ~0.25 ms of CPU per answer down to ~0.03, the same `ChatCompletion` (same fields,
    same types). An answer the validator refuses (a server's odd field) is built the
    SDK's way, as before. Other response types are the SDK's as before."""
    from openai.types.chat import ChatCompletion
    from pydantic import ValidationError

    construct = getattr(sdk, "_process_response_data", None)  # not public: else left as is
    if not callable(construct):
        return

    def process(*, data: object, cast_to: Any, response: Any) -> Any:
        if cast_to is ChatCompletion and isinstance(data, dict):
            try:
                return ChatCompletion.model_validate(data)
            except ValidationError:
                pass
        return construct(data=data, cast_to=cast_to, response=response)

    sdk._process_response_data = process


def _posting_as_is(sdk: Any, asynchronous: bool) -> Any:
    """A ``chat.completions.create`` for ``sdk`` that posts its arguments as they are.

    The SDK's own ``create`` walks every request against its ~40 typed parameters
    before sending it (aliases, dates, iterables to lists): 1-2 ms of CPU per request,
    a large share of a batch's, for requests that instructor builds as plain JSON
    already. This posts the same body through the SDK's documented ``post`` (its
    retries, headers, auth and error types unchanged) and returns the same
    ``ChatCompletion``. Streaming is not used by the extractor and not supported."""
    from openai.types.chat import ChatCompletion

    def body_of(kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        options: dict[str, Any] = {
            k: kwargs.pop(k) for k in ("extra_headers", "timeout") if k in kwargs
        }
        if options.get("extra_headers"):
            options["headers"] = options.pop("extra_headers")
        body = {**kwargs, **(kwargs.pop("extra_body", None) or {})}
        body.pop("extra_body", None)
        return body, options

    if asynchronous:

        async def acreate(**kwargs: Any) -> Any:
            body, options = body_of(kwargs)
            return await sdk.post(
                "/chat/completions", body=body, cast_to=ChatCompletion, options=options
            )

        return acreate

    def create(**kwargs: Any) -> Any:
        body, options = body_of(kwargs)
        return sdk.post("/chat/completions", body=body, cast_to=ChatCompletion, options=options)

    return create


def build_client(backend: Backend, settings: Settings, *, asynchronous: bool = False) -> Any:
    """An instructor client for ``backend`` (sync, or async when ``asynchronous``)."""
    if backend.provider in OPENAI_COMPATIBLE:
        import openai

        policy = RetryPolicy(max_retries=settings.transport_retries)
        cls = openai.AsyncOpenAI if asynchronous else openai.OpenAI
        # user:password in a base URL become HTTP basic auth, so the URL that the SDK
        # and httpx write into their logs carries no password.
        parts = urlsplit(backend.base_url or "")
        auth = (
            (unquote(parts.username or ""), unquote(parts.password or ""))
            if parts.password
            else None
        )
        sdk: Any = cls(  # OpenAI or AsyncOpenAI: instructor takes either
            api_key=_api_key(backend, settings),
            base_url=backend.safe_base_url if auth else backend.base_url,
            max_retries=0,
            timeout=settings.timeout,
            http_client=http_client(policy, settings.timeout, asynchronous=asynchronous, auth=auth),
        )
        _validating_completions(sdk)
        # What instructor calls, set on the client before anything reads ``sdk.chat``: that
        # attribute, on first read, imports every resource module of the SDK (~650 pydantic
        # classes, ~0.45 s of CPU at start-up) to build the chat resource, which our
        # ``create`` does not use. Other resources (files, batches) load as before.
        vars(sdk)["chat"] = SimpleNamespace(
            completions=SimpleNamespace(create=_posting_as_is(sdk, asynchronous))
        )
        return instructor.from_openai(sdk, mode=backend.mode or instructor.Mode.TOOLS)
    kwargs: dict[str, Any] = {}
    if settings.api_key:
        kwargs["api_key"] = settings.api_key
    if backend.mode is not None:
        kwargs["mode"] = backend.mode
    # from_provider is typed per literal model name and per sync/async flag; ours are data.
    from_provider: Any = instructor.from_provider
    try:
        return from_provider(backend.label, async_client=asynchronous, **kwargs)
    except Exception as exc:  # instructor raises several kinds for a bad provider string
        raise ConfigurationError(f"cannot set up model {backend.label}: {exc}") from exc
