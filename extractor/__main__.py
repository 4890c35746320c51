"""``python -m extractor`` runs the command line."""

from .cli.app import app

app()
