from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core import charts
from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.filter(name="is_under")
def is_under(path: str, prefix: str) -> bool:
    """Whether the page at `path` lies in the navigation section at `prefix` (a URL that
    starts it): "/sitzungen/12/" is under "/sitzungen/", "/gremien/3/sitzungen/neu/" is
    not, so that one navigation item is marked current, not every one whose address
    occurs somewhere in the path."""
    return bool(prefix) and str(path).startswith(prefix)


@register.filter(name="fields_with_errors")
def fields_with_errors(form) -> list:
    """The visible fields of `form` that have errors, in form order (the error summary
    links to each)."""
    return [field for field in form.visible_fields() if field.errors]


@register.filter(name="break_after_slash")
def break_after_slash(text) -> str:
    """`text` escaped, with a line-break opportunity (<wbr>) after each "/": browsers do
    not break "Umsetzungs-/Implementierungsphase" there by themselves, and the word would
    else stick out of its box or be broken inside a word."""
    # Safe: every part is escaped; only the <wbr> elements are added.
    return mark_safe("/<wbr>".join(conditional_escape(part) for part in str(text).split("/")))


@register.simple_tag
def chart_figure(chart, kind, row_heading):
    """`{% include "partials/chart.html" with chart=… kind=… row_heading=… %}` written
    in Python (the same markup, `core.charts.figure`)."""
    return charts.figure(chart, kind, row_heading)
