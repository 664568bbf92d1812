"""Search: the terms a search is made of (terms.py) and reading them from text (parse.py).

Pure: no database, no clock, no Textual. The SQL a search becomes is the service's
(service/filters.py).
"""
