"""The command line: one module per command, each a thin layer over a library call."""

from .app import app

__all__ = ["app"]
