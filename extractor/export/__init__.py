"""Export a results file: CSV tables (`tables`) and HTML pages (`pages`), all or nothing (`job`).

The highlighted article on each page is drawn by `extractor.render.html`.
"""

from .job import ExportReport, export_csv, export_html, export_results
from .pages import safe_name

__all__ = ["ExportReport", "export_csv", "export_html", "export_results", "safe_name"]
