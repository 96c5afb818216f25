from django import template

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
