"""extractor: who said what in a news article, every item grounded in the text.

The public API is what this module exports; everything else may change.
"""

from importlib import metadata as _metadata

from .api import Extractor, aextract, extract
from .config import Settings
from .engines import Engine, register_engine
from .errors import (
    ArticleError,
    ArticleNotFoundError,
    BatchAnswerError,
    ConfigurationError,
    EmptyArticleError,
    ExtractorError,
    ModelOutputError,
    NoModelConfiguredError,
    NotTextError,
    OfflineEngineNotice,
    ProviderError,
    RequestRejectedError,
    ResultsFileError,
)
from .read.article import Article, load_article
from .schema import (
    SCHEMA_VERSION,
    Actor,
    Claim,
    Extraction,
    ExtractionWarning,
    Meta,
    Quote,
    Span,
    Usage,
)

try:
    __version__ = _metadata.version("extractor")
except _metadata.PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "ArticleError",
    "ArticleNotFoundError",
    "BatchAnswerError",
    "Claim",
    "ConfigurationError",
    "EmptyArticleError",
    "Engine",
    "Extraction",
    "ExtractionWarning",
    "Extractor",
    "ExtractorError",
    "Meta",
    "ModelOutputError",
    "NoModelConfiguredError",
    "NotTextError",
    "OfflineEngineNotice",
    "ProviderError",
    "Quote",
    "RequestRejectedError",
    "ResultsFileError",
    "Settings",
    "Span",
    "Usage",
    "__version__",
    "aextract",
    "extract",
    "load_article",
    "register_engine",
]
