"""A crawler over the public pages, for tests: from some start pages it follows every
same-site link under a prefix (filter and page links included) and submits every GET
form once per choice of each of its select fields and check boxes, with a bound on the
number of pages. Downloads (PDF) are read as bytes like any page.

    pages = crawl(client, [reverse("public:home")])
    for url, page in pages.items(): ...

Reusable for the search and legal pages: give their start URLs (and, if they live
elsewhere, a wider `prefixes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

PREFIXES = ("/oeffentlich/",)


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    body: bytes


class _Links(HTMLParser):
    """The hrefs of <a> and the GET forms (action, and per field the values to try)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, dict[str, list[str]]]] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self._form = (attrs.get("action") or "", {})
            self.forms.append(self._form)
        elif self._form is not None and tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self._form[1].setdefault(self._select, [])
        elif self._form is not None and tag == "option" and self._select:
            self._form[1][self._select].append(attrs.get("value", ""))
        elif (
            self._form is not None
            and tag == "input"
            and attrs.get("type") == "checkbox"
            and attrs.get("name")
        ):
            self._form[1].setdefault(attrs["name"], []).append(attrs.get("value") or "on")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _normalise(base: str, href: str, prefixes) -> str | None:
    """The same-site URL (path and query, no fragment) under one of the prefixes."""
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("", "http") or url.netloc not in ("", "testserver"):
        return None
    if not url.path.startswith(tuple(prefixes)):
        return None
    return urlunsplit(("", "", url.path, url.query, ""))


def _form_urls(base: str, action: str, fields: dict[str, list[str]]) -> list[str]:
    target = urljoin(base, action or base)
    urls = [target]
    for name, values in fields.items():
        for value in values:
            if value:
                urls.append(f"{target}?{urlencode({name: value})}")
    return urls


def crawl(client, start_urls, *, prefixes=PREFIXES, limit: int = 400) -> dict[str, Page]:
    """Every page reachable from `start_urls` (breadth first, at most `limit`), by URL.
    Fails when a page answers 5xx or when there are more pages than `limit`."""
    queue = list(start_urls)
    pages: dict[str, Page] = {}
    seen = set(queue)
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code < 500, (url, response.status_code)
        content_type = response.get("Content-Type", "")
        pages[url] = Page(url, response.status_code, content_type, body)
        assert len(pages) <= limit, f"more than {limit} pages: the crawl is not bounded"
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        parser = _Links()
        parser.feed(body.decode())
        found = list(parser.links)
        for action, fields in parser.forms:
            found.extend(_form_urls(url, action, fields))
        for href in found:
            target = _normalise(url, href, prefixes)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return pages
