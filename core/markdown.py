"""Markdown for minutes and findings, rendered to HTML that is safe to show."""

import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    """One parser per thread, reset before each use: building it costs more than most
    texts take to convert (reports convert thousands of them)."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown_lib.Markdown(extensions=["tables", "sane_lists"])
    return converter.reset()


def render_markdown(text: str) -> SafeString:
    """Markdown → HTML → sanitised with nh3 (no scripts, no event handlers, no raw HTML
    beyond the allowed tags; links get rel="noopener noreferrer")."""
    html = _converter().convert(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # Safe: nh3 removed everything outside the allow-lists above.
    return mark_safe(clean)
