"""Papers of the demo and scale data: small real PDFs from the project's own renderer."""

from collections.abc import Sequence

from django.utils import timezone

from core.i18n import render_in_portal_language
from core.pdf import html_to_pdf

AUTHOR = "IMPULS Demodaten"


def demo_pdf(title: str, lines: Sequence[str]) -> bytes:
    """A PDF of the print family (embedded fonts, PDF/A) with a title and lines of text."""
    html = render_in_portal_language(
        "pdf/demo_paper.html",
        {
            "pdf": {"title": title, "author": AUTHOR, "created": timezone.now()},
            "title": title,
            "lines": list(lines),
        },
    )
    return html_to_pdf(html).content
