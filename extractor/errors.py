"""The typed errors `extractor` raises.

Every error says what went wrong and what to do about it. Errors about one
article carry its ``source`` (a path or an id) so a batch can report it.
"""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class of every error this package raises on purpose."""

    #: A short machine-readable name, written into batch error records.
    code: str = "extractor_error"

    def __init__(
        self, message: str, *, source: str | None = None, cli_message: str | None = None
    ) -> None:
        self.source = source
        self._cli_message = cli_message
        super().__init__(f"{source}: {message}" if source else message)

    def for_cli(self) -> str:
        """The message in the command line's words (``--api-key`` rather than ``api_key=``)."""
        if self._cli_message is None:
            return str(self)
        return f"{self.source}: {self._cli_message}" if self.source else self._cli_message


class ConfigurationError(ExtractorError):
    """The engine, model or provider settings are unusable."""

    code = "configuration_error"


class NoModelConfiguredError(ConfigurationError):
    """An LLM engine was requested but no model was named."""

    code = "no_model_configured"

    def __init__(self) -> None:
        super().__init__(
            "no model is configured. Pass model='openai/gpt-4o-mini', "
            "set EXTRACTOR_MODEL, or point base_url= (EXTRACTOR_BASE_URL) at an "
            "OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) and name its "
            "model; or use engine='rules' to run offline.",
            cli_message="no model is configured. Pass --model openai/gpt-4o-mini (or set "
            "EXTRACTOR_MODEL), or --base-url URL --model NAME for an OpenAI-compatible "
            "server (Ollama, vLLM, llama.cpp, LM Studio); or --engine rules to run offline.",
        )


class ArticleError(ExtractorError):
    """The article itself cannot be used (missing, empty, not text)."""

    code = "article_error"


class ArticleNotFoundError(ArticleError):
    code = "article_not_found"


class EmptyArticleError(ArticleError):
    code = "empty_article"


class NotTextError(ArticleError):
    code = "not_text"


class ProviderError(ExtractorError):
    """The model provider kept failing after the transport retries ran out."""

    code = "provider_error"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        status_code: int | None = None,
        requests: int | None = None,
        cli_message: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.requests = requests
        super().__init__(message, source=source, cli_message=cli_message)


class RequestRejectedError(ProviderError):
    """The server refused the request as invalid (400/422, or a 500 naming the request's
    structured-output part). Never retried: the same request would be refused again."""

    code = "request_rejected"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        status_code: int | None = None,
        requests: int | None = None,
        cli_message: str | None = None,
        mode: str | None = None,
    ) -> None:
        self.mode = mode  # the structured-output mode that was refused, when that was it
        super().__init__(
            message,
            source=source,
            status_code=status_code,
            requests=requests,
            cli_message=cli_message,
        )


class ModelOutputError(ExtractorError):
    """The model's answers could not be parsed into the schema, even after re-asks."""

    code = "model_output_error"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        attempts: int = 0,
        requests: int | None = None,
    ) -> None:
        self.attempts = attempts
        self.requests = requests  # HTTP requests made, transport retries included
        super().__init__(message, source=source)


class BatchAnswerError(ProviderError):
    """A provider's batch API gave no usable answer for an article: its output line is
    missing or malformed, the request failed, or the batch expired, was cancelled or
    failed before reaching it. ``--retry-failed`` sends such articles again."""

    code = "batch_answer_missing"


class ResultsFileError(ExtractorError):
    """A results file (from `extractor run`) cannot be used: missing, or no usable line."""

    code = "results_file_error"


class OfflineEngineNotice(UserWarning):
    """Said once when the offline engine runs only because no model is configured."""
