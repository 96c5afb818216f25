"""Markdown for minutes and findings, rendered to HTML that is safe to show."""

import functools
import re
import threading
from html import escape
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}

# Nesting is bounded: WeasyPrint lays boxes out recursively, and a text with a few
# hundred `>` or list levels made it raise RecursionError (a failed report, a 500 on
# submit). Deeper blockquotes and lists are flattened into the innermost one kept.
MAX_NESTING = 10  # blockquotes and lists inside one another
MAX_DEPTH = 30  # elements of any kind inside one another
NESTING_TAGS = {"blockquote", "ul", "ol"}
BLOCK_TAGS = NESTING_TAGS | {
    "li", "p", "pre", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
VOID_TAGS = {"br", "hr"}


_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    """One parser per thread, reset before each use: building it costs more than most
    texts take to convert (reports convert thousands of them)."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown_lib.Markdown(extensions=["tables", "sane_lists"])
    return converter.reset()


class _DepthLimiter(HTMLParser):
    """Re-serialises nh3's output with bounded nesting. A dropped block element leaves a
    line break where it started, so its text stays readable; no text is dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, kept) of the source's open elements
        self.kept = 0  # kept elements open
        self.nesting = 0  # kept blockquotes and lists open
        self.flattening = 0  # dropped blockquotes and lists open
        self.pending_break = False  # a dropped block started or ended since the last content
        self.content_seen = False

    def _flush_break(self):
        """A line break in place of the dropped blocks before this content (one, and
        only between pieces of content)."""
        if self.pending_break and self.content_seen:
            self.out.append("<br>")
        self.pending_break = False
        self.content_seen = True

    def handle_starttag(self, tag, attrs):
        block = tag in BLOCK_TAGS
        if (
            (self.flattening and block)
            or (tag in NESTING_TAGS and self.nesting >= MAX_NESTING)
            or self.kept >= MAX_DEPTH
        ):
            if block:
                self.pending_break = True
            if tag in NESTING_TAGS:
                self.flattening += 1
            if tag not in VOID_TAGS:
                self.open.append((tag, False))
            return
        rendered = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs)
        if block and tag not in VOID_TAGS:
            # A new box: its first content needs no break before it.
            self.pending_break = self.content_seen = False
        else:
            self._flush_break()
        self.out.append(f"<{tag}{rendered}>")
        if tag in VOID_TAGS:
            return
        self.open.append((tag, True))
        self.kept += 1
        if tag in NESTING_TAGS:
            self.nesting += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or all(name != tag for name, _kept in self.open):
            return
        while self.open:
            name, kept = self.open.pop()
            if kept:
                self.out.append(f"</{name}>")
                self.kept -= 1
                if name in BLOCK_TAGS:
                    self.pending_break = self.content_seen = False
                if name in NESTING_TAGS:
                    self.nesting -= 1
            else:
                if name in BLOCK_TAGS:
                    self.pending_break = True
                if name in NESTING_TAGS:
                    self.flattening -= 1
            if name == tag:
                return

    def handle_data(self, data):
        if data.strip():
            self._flush_break()
        elif self.flattening:
            # The line breaks between the dropped tags: one space is enough.
            if self.out and not self.out[-1].endswith((" ", "\n", "<br>")):
                self.out.append(" ")
            return
        self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        while self.open:
            name, kept = self.open.pop()
            if kept:
                self.out.append(f"</{name}>")
        return "".join(self.out)


# A tag as nh3 writes it (lower-case names, double-quoted values without a raw quote).
_TAG_RE = re.compile(r'<(/?)([a-z][a-z0-9]*)(?:\s+[a-z][a-z0-9-]*(?:="[^"]*")?)*\s*/?>')


def _within_limits(html: str) -> bool:
    """True when the nesting is surely within the limits (the common case: the text is
    left as it is). Anything unexpected answers False and goes through the limiter."""
    depth = nesting = tags = 0
    for match in _TAG_RE.finditer(html):
        tags += 1
        closing, tag = match.groups()
        if tag in VOID_TAGS:
            continue
        step = -1 if closing else 1
        depth += step
        if tag in NESTING_TAGS:
            nesting += step
        if depth > MAX_DEPTH or nesting > MAX_NESTING or depth < 0 or nesting < 0:
            return False
    # Every "<" must have been a tag: text and values could not hide one.
    return tags == html.count("<")


def limit_nesting(html: str) -> str:
    """The same HTML with at most MAX_NESTING blockquotes and lists inside one another
    and at most MAX_DEPTH elements of any kind."""
    if _within_limits(html):
        return html
    limiter = _DepthLimiter()
    limiter.feed(html)
    return limiter.result()


def render_markdown(text: str) -> SafeString:
    """Markdown → HTML → sanitised with nh3 (no scripts, no event handlers, no raw HTML
    beyond the allowed tags; links get rel="noopener noreferrer"), nesting bounded."""
    # Safe: `_rendered` returns what the steps below made safe.
    return mark_safe(_rendered(text or ""))


@functools.lru_cache(maxsize=1024)
def _rendered(text: str) -> str:
    """The HTML of `text`, remembered by the text itself: the result depends on nothing
    else (no user, no time, no database), so a text read again, such as the minutes of
    a meeting page each member opens, is not converted again and nothing remembered can
    be out of date or another's. At most 1024 texts per process."""
    html = _converter().convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # Safe once marked: nh3 removed everything outside the allow-lists above, and the
    # limiter writes only the tags and attributes it read, with text and values escaped.
    return limit_nesting(clean)
