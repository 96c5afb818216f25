"""The search has no tables of its own: the vectors live on the searched models
(core/search.py)."""
