"""Score extractions against gold annotations (`extractor eval`)."""

from .gold import GoldActor, GoldArticle, GoldAttribution, load_gold
from .scoring import Report, score

__all__ = ["GoldActor", "GoldArticle", "GoldAttribution", "Report", "load_gold", "score"]
