"""Batch: many articles to one resumable results file.

inputs (files, folders, JSON lines, stdin) -> plan (what is left to do) ->
runner (concurrent extraction, cache) -> results (one JSON line per input)
with progress and pricing for the person watching.
"""

from .runner import aextract_many, extract_many, in_processes, plan_run

__all__ = ["aextract_many", "extract_many", "in_processes", "plan_run"]
