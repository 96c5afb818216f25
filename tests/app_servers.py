"""Helpers for tests that start the portal in other processes (gunicorn, db_worker)."""

import json
from pathlib import Path

from django.contrib.staticfiles import finders


def identity_manifest(folder: Path) -> Path:
    """A STATIC_ROOT for a server with DEBUG off: a manifest that maps every static file
    to itself. collectstatic (hashing and compressing) takes half a minute, and these
    tests do not look at static files; PDFs read `static/` directly (core/pdf.py)."""
    paths = {
        path: path
        for finder in finders.get_finders()
        for path, _storage in finder.list(["CVS", ".*", "*~"])
    }
    (folder / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1"}))
    return folder
