"""HTML to PDF with WeasyPrint: the print family's fonts and CSS, archival output.

Every generated document goes through `html_to_pdf`:

* fonts come from `static/fonts` (DejaVu Sans, embedded as subsets); the print CSS
  `static/css/print.css` declares them under their own family name, so nothing
  depends on the fonts the server happens to have;
* only files below `static/` can be loaded: a link to an outside address in a
  Markdown text never makes the worker fetch anything;
* the output is PDF/A-3u (archival, with Unicode text), with title, author and
  language from the HTML (`<title>`, `<meta name="author">`, `<html lang>`) and the
  stored creation timestamp (`<meta name="dcterms.created">`);
* the same HTML gives the same bytes: the file identifier is derived from the content.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PRINT_CSS = "css/print.css"
PDF_VARIANT = "pdf/a-3u"


def static_root() -> Path:
    return (Path(settings.BASE_DIR) / "static").resolve()


def _static_only_fetcher():
    """WeasyPrint's URL fetcher, limited to files below `static/` (nothing else is read)."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or not path.is_relative_to(static_root()):
                raise ValueError(f"not loaded: {url}")
            return super().fetch(url, headers)

    return StaticOnlyFetcher(allowed_protocols=["file"])


@dataclass
class RenderedPdf:
    content: bytes
    page_count: int
    layout_seconds: float
    write_seconds: float


def html_to_pdf(html: str, *, on_layout_done=None) -> RenderedPdf:
    """Lay out and write the PDF. `on_layout_done(page_count)` is called in between."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    fetcher = _static_only_fetcher()
    root = static_root()
    stylesheet = CSS(filename=str(root / PRINT_CSS), font_config=font_config, url_fetcher=fetcher)
    started = time.perf_counter()
    document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=[stylesheet], font_config=font_config
    )
    laid_out = time.perf_counter()
    if on_layout_done is not None:
        on_layout_done(len(document.pages))
    content = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedPdf(
        content=content,
        page_count=len(document.pages),
        layout_seconds=laid_out - started,
        write_seconds=time.perf_counter() - laid_out,
    )
