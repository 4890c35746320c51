"""``python -m extractor`` runs the command line."""

from .cli import app

app()
