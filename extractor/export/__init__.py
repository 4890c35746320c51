"""Export a results file: CSV tables and HTML pages."""
