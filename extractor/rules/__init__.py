"""The offline rules engine (``engine="rules"``)."""

from .engine import RulesEngine

__all__ = ["RulesEngine"]
