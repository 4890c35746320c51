"""extractor: who said what in a news article, every item grounded in the text."""

from .api import Extractor, aextract, extract
from .config import Settings
from .errors import (
    ArticleError,
    ArticleNotFoundError,
    ConfigurationError,
    EmptyArticleError,
    ExtractorError,
    ModelOutputError,
    NoModelConfiguredError,
    NotTextError,
    ProviderError,
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

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "ArticleError",
    "ArticleNotFoundError",
    "Claim",
    "ConfigurationError",
    "EmptyArticleError",
    "Extraction",
    "ExtractionWarning",
    "Extractor",
    "ExtractorError",
    "Meta",
    "ModelOutputError",
    "NoModelConfiguredError",
    "NotTextError",
    "ProviderError",
    "Quote",
    "Settings",
    "Span",
    "Usage",
    "__version__",
    "aextract",
    "extract",
    "load_article",
]
