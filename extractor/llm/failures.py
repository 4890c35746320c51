"""SDK and instructor failures made into the package's typed errors, with advice.

Two kinds of provider failure get different advice. Faults that can pass (429,
502/503/504, timeouts, resets) were retried by the transport, and "try again
later" is the honest advice when they persist. A request that the server
rejects as invalid (400/422, or a 500 naming the structured-output part of the
request) was not retried, since it would be refused again: the error says what
was refused and what to change (``--mode json``).
"""

from __future__ import annotations

from dataclasses import dataclass

from instructor.core import IncompleteOutputException, InstructorError, InstructorRetryException

from ..errors import ModelOutputError, ProviderError, RequestRejectedError
from .capabilities import (
    Mode,
    Rejection,
    is_mode_rejection,
    is_rejection,
    mode_name,
    server_message,
)
from .providers import Backend
from .transport import is_refused

#: What to try instead of a mode a server refuses.
_INSTEAD: dict[Mode, str] = {
    Mode.JSON_SCHEMA: "json",
    Mode.TOOLS_STRICT: "json",
    Mode.TOOLS: "json",
    Mode.JSON: "md_json",
}


@dataclass(frozen=True, slots=True)
class Context:
    """What an error message needs to know about the call that failed."""

    backend: Backend
    mode: Mode | None
    source: str | None
    attempts: int  # model answers asked for
    responses: int  # completions that could be read at all
    requests: int  # HTTP requests sent

    @property
    def where(self) -> str:
        return self.backend.safe_base_url or self.backend.provider

    @property
    def who(self) -> str:
        return f"{self.backend.label} at {self.where}"


def rejection_of(exc: BaseException, mode: Mode | None) -> Rejection | None:
    """The mode rejection inside ``exc`` (an SDK status error, maybe wrapped), or None."""
    import openai

    cause = _cause(exc)
    if mode is None or not isinstance(cause, openai.APIStatusError):
        return None
    body = _body(cause)
    if not is_mode_rejection(cause.status_code, body):
        return None
    return Rejection(mode, cause.status_code, server_message(body))


def rejected(context: Context, rejections: list[Rejection], *, pinned: bool) -> Exception:
    """The error for a request refused in every mode that could be tried."""
    last = rejections[-1]
    if len(rejections) > 1:
        tried = "; ".join(r.describe() for r in rejections)
        message = (
            f"{context.who} rejected every structured-output mode ({tried}) after "
            f"{context.requests} request(s); check the server's log and what it supports"
        )
        return RequestRejectedError(
            message,
            source=context.source,
            status_code=last.status,
            requests=context.requests,
            mode=mode_name(last.mode),
        )
    head = (
        f"{context.who} rejected the request as invalid: it does not accept "
        f"{mode_name(last.mode)} output (HTTP {last.status}: {last.message}); not retried"
    )
    instead = _INSTEAD.get(last.mode)
    if instead is None:
        python = cli = "; check the server's log and what it supports"
    else:
        python = f"; pass mode='{instead}' (EXTRACTOR_MODE={instead})"
        cli = f"; pass --mode {instead} (EXTRACTOR_MODE={instead})"
        if pinned:
            python += ", or leave mode unset to let extractor find one the server takes"
            cli += ", or leave --mode out to let extractor find one the server takes"
    return RequestRejectedError(
        head + python,
        cli_message=head + cli,
        source=context.source,
        status_code=last.status,
        requests=context.requests,
        mode=mode_name(last.mode),
    )


def translate(exc: Exception, context: Context) -> Exception:
    """Map SDK and instructor failures onto the package's typed errors."""
    import openai

    cause = _cause(exc)
    who, where, requests, source = context.who, context.where, context.requests, context.source
    if isinstance(cause, openai.APIStatusError):
        body = _body(cause)
        status, said = cause.status_code, server_message(body)
        # What a server says about a key may quote some of it: not repeated.
        head = f"{who} answered HTTP {status}" + ("" if status in (401, 403) else f" ({said})")
        if is_rejection(status, body):  # refused as invalid, for a reason other than the mode
            python, cli = _invalid_advice(said)
            return RequestRejectedError(
                f"{head}; the request was rejected as invalid, not retried; {python}",
                cli_message=f"{head}; the request was rejected as invalid, not retried; {cli}",
                source=source,
                status_code=status,
                requests=requests,
            )
        return ProviderError(
            f"{head} after {requests} request(s) with retries; {_status_advice(status)}",
            source=source,
            status_code=status,
            requests=requests,
        )
    if isinstance(cause, openai.APITimeoutError):
        timed_out = f"{who} timed out after {requests} request(s)"
        advice = "(EXTRACTOR_TIMEOUT) or try a smaller model"
        return ProviderError(
            f"{timed_out}; raise timeout= {advice}",
            cli_message=f"{timed_out}; raise --timeout {advice}",
            source=source,
            requests=requests,
        )
    if isinstance(cause, openai.APIConnectionError) and is_refused(cause):
        # Tried at most twice, briefly (see transport): nothing is there to answer.
        refused = f"nothing is listening at {where} (connection refused); start the server"
        return ProviderError(
            f"{refused} or check the base URL",
            cli_message=f"{refused} or check --base-url",
            source=source,
            requests=requests,
        )
    if isinstance(cause, openai.APIConnectionError):
        return ProviderError(
            f"cannot reach {where} after {requests} request(s); check that the server "
            "is running and the base URL is right, or try again later",
            source=source,
            requests=requests,
        )
    if isinstance(cause, ValueError) and context.responses == 0:
        # No completion could even be read: the server sent something that is not an
        # OpenAI-style JSON body (a proxy error page, say), not a bad model answer.
        return ProviderError(
            f"{where} answered with a body that is not a JSON completion "
            f"({_first_line(cause)}) after {requests} request(s); check the base URL",
            source=source,
            requests=requests,
        )
    if isinstance(cause, IncompleteOutputException):
        return ModelOutputError(
            "the model's answer was cut off (finish_reason=length); raise max_tokens "
            "or split the article",
            source=source,
            attempts=context.attempts,
            requests=requests,
        )
    if isinstance(exc, InstructorError):
        return ModelOutputError(
            f"the model's answers could not be read as the schema after {context.attempts} "
            f"attempt(s): {_first_line(cause)}",
            source=source,
            attempts=context.attempts,
            requests=requests,
        )
    return exc


def _invalid_advice(said: str) -> tuple[str, str]:
    """What to do about a request refused as invalid: in Python's words and the CLI's."""
    if "context" in said.lower():
        return (
            "the article does not fit the model's context: lower chunk_chars= "
            "(EXTRACTOR_CHUNK_CHARS) or give the server a larger context",
            "the article does not fit the model's context: lower --chunk-chars "
            "(EXTRACTOR_CHUNK_CHARS) or give the server a larger context",
        )
    return ("see the server's message", "see the server's message")


def _status_advice(status: int) -> str:
    if status in (401, 403):
        return "check the API key"
    if status == 404:
        return "check the model name and base URL"
    if status == 429:
        return "the provider is rate-limiting: lower the concurrency or try again later"
    if status in (408, 409, 502, 503, 504):
        return "the server is overloaded or unavailable; try again later"
    if status >= 500:
        return "the server fails on this request; check its log (retrying did not help)"
    return "see the server's message"


def _cause(exc: BaseException) -> BaseException:
    if isinstance(exc, InstructorRetryException) and exc.__cause__:
        return exc.__cause__
    return exc


def _body(error: BaseException) -> str:
    response = getattr(error, "response", None)
    try:
        return str(response.text) if response is not None else str(error)
    except Exception:  # a body that cannot be decoded says nothing we can use
        return str(error)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
