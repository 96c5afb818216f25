"""The meeting views, one module per subject (see `meetings/urls.py`)."""
