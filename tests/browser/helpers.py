"""What the browser tests look at: axe-core's findings and the page's width."""

from functools import cache
from pathlib import Path

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
# WCAG 2.1 A and AA (axe's best-practice rules are advice, not the standard).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def axe_source() -> str:
    """axe-core as the axe-playwright-python package ships it (no network)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe_violations(page, impacts=("critical", "serious")) -> list[str]:
    """axe-core's violations of the given impacts on the page as it is now, one line each.

    axe is evaluated through the DevTools protocol (once per document), which the page's
    Content-Security-Policy does not govern: the page keeps its real CSP, so the tests
    also prove that the portal's own scripts run under it."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in impacts
    ]


def horizontal_overflow(page) -> int:
    """How many CSS px the page is wider than the window (0: no sideways scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


WIDEST = """() => {
  const width = window.innerWidth;
  const clips = el => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
  const inside = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      if (clips(p)) return true; }
    return false; };
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !inside(el))
    .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > width + 1))
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}`
      + ` (right ${Math.round(el.getBoundingClientRect().right)})`);
}"""


def too_wide(page) -> list[str]:
    """The innermost elements that stick out of the window (for the failure message)."""
    return page.evaluate(WIDEST)


def focused(page) -> dict:
    """The focused element: its tag, id, classes and text."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName.toLowerCase(), id: e.id, classes: [...e.classList],"
        " text: (e.innerText || e.value || '').trim()}; }"
    )


CONTROLS = {"a", "button", "summary", "input", "select", "textarea"}


def tab_to(page, text: str, *, limit: int = 120) -> dict:
    """Press Tab (only the keyboard) until a link or control whose text contains `text`
    has the focus (scrolling table regions take the focus too, on their way)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["tag"] in CONTROLS and text in element["text"]:
            return element
    raise AssertionError(f"{text!r} is not reachable with Tab on {page.url}")
