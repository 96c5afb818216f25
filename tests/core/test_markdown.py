"""Markdown texts (minutes, findings, reports): sanitised, and nested only so deep that
WeasyPrint can lay them out."""

import re
from html.parser import HTMLParser

import pytest

from core.markdown import render_markdown
from core.pdf import html_to_pdf

VOID = {"br", "hr"}


class _Depth(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.depth, self.nesting = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append(tag)
        self.depth = max(self.depth, len(self.stack))
        nesting = sum(1 for t in self.stack if t in {"blockquote", "ul", "ol"})
        self.nesting = max(self.nesting, nesting)

    def handle_endtag(self, tag):
        if tag not in VOID:
            assert self.stack.pop() == tag, "badly nested output"


def depth(html: str) -> tuple[int, int]:
    parser = _Depth()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], "unclosed elements"
    return parser.depth, parser.nesting


def text_of(html: str) -> str:
    class _Text(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = _Text()
    parser.parts = []
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


NESTED_LIST = "".join("    " * level + f"- Punkt {level}\n" for level in range(60))
DEEP_TEXTS = {
    "blockquotes": ">" * 200 + " text",
    "list": NESTED_LIST,
    "raw html": "<blockquote>" * 500 + "<ul><li>" * 500 + "<em>" * 500 + "text",
    # End tags in a link title must not hide the depth that follows.
    "title": '[x](https://example.org "' + "</blockquote>" * 300 + '")\n\n' + ">" * 200 + " text",
}


@pytest.mark.parametrize("name", DEEP_TEXTS)
def test_it_bounds_the_nesting_and_keeps_the_text(name):
    html = render_markdown(DEEP_TEXTS[name])

    total, nesting = depth(html)
    assert nesting <= 10
    assert total <= 30
    assert "text" in html or "Punkt 59" in html


def test_it_keeps_every_item_of_a_flattened_list_on_its_own_line():
    html = render_markdown(NESTED_LIST)

    assert text_of(html) == " ".join(f"Punkt {level}" for level in range(60))
    assert re.search(r"Punkt 58\s*<br>\s*Punkt 59\s*</li>", html)
    assert len(html) < 1200  # the dropped tags leave no pile of blanks behind
    assert depth(html)[1] == 10


def test_it_leaves_shallow_texts_as_they_were():
    text = (
        "## Ergebnis\n\n> Zitat\n>\n> > Antwort mit **fett** & *kursiv*\n\n"
        "- eins\n    - zwei\n        1. drei\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        '    code <x> & "y"\n\n[Plan](https://example.org/?a=1&b=2 "Titel")'
    )

    html = render_markdown(text)

    assert "<blockquote>\n<p>Zitat</p>\n<blockquote>\n<p>Antwort mit <strong>fett</strong>" in html
    assert "&amp; <em>kursiv</em>" in html
    assert "<li>zwei<ol>\n<li>drei</li>" in html
    assert "<td>1</td>" in html
    assert '<pre><code>code &lt;x&gt; &amp; "y"' in html
    assert (
        '<a href="https://example.org/?a=1&amp;b=2" title="Titel" rel="noopener noreferrer">'
        in html
    )


def test_it_still_drops_scripts_in_deep_texts():
    html = render_markdown(">" * 50 + ' <script>alert(1)</script><img src=x onerror="alert(2)">')

    assert "<script" not in html and "<img" not in html and "onerror" not in html


@pytest.mark.parametrize("name", DEEP_TEXTS)
def test_a_deeply_nested_text_renders_to_a_pdf(name):
    html = (
        '<!DOCTYPE html><html lang="de"><head><title>Test</title></head><body>'
        f"{render_markdown(DEEP_TEXTS[name])}</body></html>"
    )

    pdf = html_to_pdf(html)

    assert pdf.content.startswith(b"%PDF")


def test_a_working_group_report_with_deeply_nested_text_renders(world):
    from workinggroups import report_pdf
    from workinggroups import services as wg_services

    world.agreed_finding.text = ">" * 200 + " Tief verschachtelt\n\n" + NESTED_LIST
    world.agreed_finding.save()
    report = wg_services.report_create(
        group=world.working_group,
        period_from=world.agreed_finding.created.date(),
        period_until=world.agreed_finding.created.date(),
        summary=">" * 200 + " Zusammenfassung",
        findings=[world.agreed_finding],
        actor=world.wg_lead,
    )

    data = report_pdf.render_report_pdf(report)

    assert data.startswith(b"%PDF")


def test_it_converts_a_text_once_and_shows_the_same_safe_html_again():
    from django.utils.safestring import SafeString

    from core.markdown import _rendered

    text = "Einmal **fett** <script>alert(1)</script>"
    _rendered.cache_clear()
    first, second = render_markdown(text), render_markdown(text)
    assert first == second == "<p>Einmal <strong>fett</strong> </p>"
    assert isinstance(second, SafeString)
    assert _rendered.cache_info().hits == 1
    assert render_markdown(None) == render_markdown("") == ""
