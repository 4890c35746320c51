"""Showing an `Extraction` to people: the highlighted article (HTML) and short summaries.

These modules work on the objects' attributes only and import nothing from the
rest of `extractor` at run time, so `extractor.schema` can import them lazily
for ``Extraction.__str__``, ``__rich__`` and ``_repr_html_``.
"""
