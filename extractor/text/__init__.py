"""Text knowledge every stage shares: quotation marks and offset spans.

Nothing here knows about engines or output models; everything above may use it.
"""
