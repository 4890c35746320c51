"""Score extractions against gold annotations (`extractor eval`).

gold (brat folders, the project's own JSON) -> runner (predictions from an
engine or a results file) -> scoring (precision, recall, speaker accuracy) ->
tables (what the command prints).
"""

from .gold import GoldActor, GoldArticle, GoldAttribution, load_gold
from .scoring import Report, score
from .tables import score_table

__all__ = [
    "GoldActor",
    "GoldArticle",
    "GoldAttribution",
    "Report",
    "load_gold",
    "score",
    "score_table",
]
