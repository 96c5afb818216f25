"""Pictures on the pages: plain numbers in, SVG shapes out.

The apps' selectors count (in the database, a fixed number of queries); the functions
here only turn those few numbers into shapes, and `templates/partials/chart.html`
render them as inline SVG inside a `<figure>`: the SVG has `role="img"` with a
`<title>` and `<desc>`, and the same numbers follow as a small table, so a screen
reader (or anyone who prefers to read) gets everything the picture shows.

Rules every picture keeps (strict CSP, WCAG 2.1 AA):

* no script and no `style` attributes: colours and patterns are SVG presentation
  attributes (`fill`, `stroke`), sizes come from `viewBox` and `impuls.css`
  (`.chart svg { width: 100%; height: auto }`), so a picture shrinks to 320 px;
* meaning never by colour alone: every series has a pattern as well as a colour, and
  the legend and the table name it in words; all colours reach 3:1 against white
  (graphics) and white text on them 4.5:1;
* every label is text handed to the template, which escapes it (names are typed by
  users); coordinates are strings here, so the template's number localisation never
  turns "12.5" into "12,5" inside an attribute;
* numbers and dates shown as text are German (`django.utils.formats`), in the
  request's language.
"""

from __future__ import annotations

import datetime
import html
import math
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# Colour and pattern per series, in order. White text reaches 4.5:1 on each colour,
# and each reaches 3:1 against the white page (WCAG 1.4.11).
STYLES = (
    ("#0b5d1e", "solid"),  # dark green, 7.4:1
    ("#003a70", "hatch"),  # dark blue, 11.6:1
    ("#a4000f", "cross"),  # dark red, 8.3:1
    ("#4a4a4a", "dots"),  # dark grey, 8.9:1
    ("#7a4d00", "stripes"),  # dark brown, 7.6:1
)
HOLLOW = "#ffffff"
INK = "#1b1b1b"
MUTED = "#4a4a4a"


def _n(value: float) -> str:
    """A coordinate: a string with at most one decimal (never localised)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _shorten(label: str, limit: int = 44) -> str:
    """A label that fits the picture's width; the table keeps it whole."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def number(value) -> str:
    # A whole number below a thousand has no separator in any language: the same text,
    # without looking up the language's formats (a picture writes dozens).
    if type(value) is int and 0 <= value < 1000:
        return str(value)
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def percent(part: int, whole: int) -> str:
    if not whole:
        return "–"
    return _("%(value)s %%") % {"value": number(round(100 * part / whole))}


def date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


@dataclass(frozen=True)
class Series:
    """One kind of thing counted (a status, "attended"), drawn in one style."""

    key: str
    label: str
    fill: str
    pattern: str
    pattern_id: str  # unique on the page: "<chart id>-<key>"

    @property
    def paint(self) -> str:
        return self.fill if self.pattern == "solid" else f"url(#{self.pattern_id})"


GREEN, BLUE, RED, GREY, BROWN = range(len(STYLES))


def series(chart_id: str, items: list[tuple]) -> list[Series]:
    """`(key, label)` pairs in order, each with the next style, or `(key, label, style)`
    with one of GREEN, BLUE, RED, GREY, BROWN (e.g. red for "overdue")."""
    result = []
    for index, item in enumerate(items):
        key, label = item[0], item[1]
        fill, pattern = STYLES[item[2] if len(item) > 2 else index % len(STYLES)]
        result.append(Series(key, str(label), fill, pattern, f"{chart_id}-{key}"))
    return result


# The shapes a picture has dozens of write their own SVG element (`svg`, each value
# escaped by `_e` as the template or `format_html` would, without the cost of either),
# so that the template renders one value per shape instead of eight; the markup is the
# one `partials/chart.html` had written.


@dataclass(frozen=True)
class Rect:
    x: str
    y: str
    width: str
    height: str
    paint: str
    key: str
    value: int
    title: str  # the tooltip (and what it means, in words)

    @property
    def svg(self) -> str:
        # Safe: every value is escaped (`_e`, what `format_html` would write).
        return mark_safe(
            f'<rect x="{_e(self.x)}" y="{_e(self.y)}" width="{_e(self.width)}"'
            f' height="{_e(self.height)}" fill="{_e(self.paint)}" stroke="#1b1b1b"'
            f' stroke-width="0.75" data-key="{_e(self.key)}" data-value="{_e(self.value)}">'
            f"<title>{_e(self.title)}</title></rect>"
        )


@dataclass(frozen=True)
class Text:
    x: str
    y: str
    text: str
    anchor: str = "middle"
    css_class: str = ""

    @property
    def svg(self) -> str:
        axis = self.css_class == "chart-axis"
        size = ' font-size="11"' if axis else ""
        # Safe: every value is escaped (`_e`, what `format_html` would write).
        return mark_safe(
            f'<text x="{_e(self.x)}" y="{_e(self.y)}" text-anchor="{_e(self.anchor)}"'
            f' fill="{MUTED if axis else INK}"{size}>{_e(self.text)}</text>'
        )


@dataclass(frozen=True)
class Line:
    x1: str
    y1: str
    x2: str
    y2: str

    @property
    def svg(self) -> str:
        # Safe: every value is escaped (`_e`, what `format_html` would write).
        return mark_safe(
            f'<line x1="{_e(self.x1)}" y1="{_e(self.y1)}" x2="{_e(self.x2)}" y2="{_e(self.y2)}"'
            ' stroke="#8a8a8a" stroke-width="1"/>'
        )


@dataclass(frozen=True)
class Step:
    number: str
    label: str
    cx: str
    reached: bool
    current: bool
    caption: str  # under the circle: the year it began, or "–"


@dataclass
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    series: list[Series] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    # The table equivalent: column headings and rows of (row heading, cells).
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    legend: list[tuple[Series, str]] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    is_empty: bool = False

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


# --- A progress bar: parts of one whole ------------------------------------------------


def progress_bar(chart_id: str, *, title: str, parts: list[tuple], unit: str = "") -> Chart:
    """One bar split into `parts` (key, label, count[, style]), each as wide as its share."""
    width, height, pad = 320, 32, 2
    total = sum(part[2] for part in parts)
    styles = series(chart_id, [(part[0], part[1], *part[3:]) for part in parts])
    parts = [(part[0], part[1], part[2]) for part in parts]
    chart = Chart(
        id=chart_id,
        title=title,
        description="; ".join(
            f"{s.label}: {number(value)} ({percent(value, total)})"
            for s, (_k, _l, value) in zip(styles, parts, strict=True)
        ),
        width=width,
        height=height,
        series=styles,
        columns=[pgettext("how many", "Number"), _("Share")],
        is_empty=total == 0,
    )
    x = float(pad)
    inner = width - 2 * pad
    for style, (key, _label, value) in zip(styles, parts, strict=True):
        chart.legend.append((style, number(value)))
        chart.rows.append((style.label, [number(value), percent(value, total)]))
        if not value:
            continue
        w = inner * value / total
        chart.rects.append(
            Rect(
                _n(x),
                _n(pad),
                _n(w),
                _n(height - 2 * pad),
                style.paint,
                key,
                value,
                f"{style.label}: {number(value)} {unit}".strip(),
            )
        )
        x += w
    if total:
        chart.rows.append((_("Total"), [number(total), percent(total, total)]))
    return chart


# --- Stacked bars: counts per period and kind ------------------------------------------


def _nice_ceiling(value: int) -> int:
    """1, 2, 5, 10, 20, 50 … at or above `value` (the top of the axis)."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def stacked_bars(
    chart_id: str,
    *,
    title: str,
    periods: list[str],
    kinds: list[tuple[str, str]],
    counts: dict[tuple[str, str], int],
) -> Chart:
    """One bar per period (at most a dozen: the caller bounds them), stacked by kind."""
    width, height = 320, 200
    left, right, top, bottom = 34, 6, 18, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    styles = series(chart_id, kinds)
    totals = [sum(counts.get((period, s.key), 0) for s in styles) for period in periods]
    grand = sum(totals)
    top_value = _nice_ceiling(max(totals, default=0))
    chart = Chart(
        id=chart_id,
        title=title,
        description="; ".join(
            f"{period}: {number(total)}" for period, total in zip(periods, totals, strict=True)
        ),
        width=width,
        height=height,
        series=styles,
        columns=[s.label for s in styles] + [_("Total")],
        is_empty=grand == 0,
    )
    for value in (0, top_value // 2, top_value) if top_value > 1 else (0, top_value):
        y = top + plot_h - plot_h * value / top_value
        chart.lines.append(Line(_n(left), _n(y), _n(width - right), _n(y)))
        chart.texts.append(Text(_n(left - 4), _n(y + 4), number(value), "end", "chart-axis"))
    band = plot_w / max(len(periods), 1)
    bar = band * 0.64
    for index, period in enumerate(periods):
        x = left + band * index + (band - bar) / 2
        y = float(top + plot_h)
        for style in styles:
            value = counts.get((period, style.key), 0)
            if not value:
                continue
            h = plot_h * value / top_value
            y -= h
            chart.rects.append(
                Rect(
                    _n(x),
                    _n(y),
                    _n(bar),
                    _n(h),
                    style.paint,
                    f"{period}:{style.key}",
                    value,
                    f"{period}, {style.label}: {number(value)}",
                )
            )
        center = _n(x + bar / 2)
        chart.texts.append(Text(center, _n(height - 8), period, "middle", "chart-axis"))
        if totals[index]:
            chart.texts.append(Text(center, _n(y - 4), number(totals[index]), "middle"))
        chart.rows.append(
            (
                period,
                [number(counts.get((period, s.key), 0)) for s in styles] + [number(totals[index])],
            )
        )
    chart.legend = [(s, number(sum(counts.get((p, s.key), 0) for p in periods))) for s in styles]
    return chart


# --- Horizontal bars: a share per row ---------------------------------------------------


def share_bars(
    chart_id: str,
    *,
    title: str,
    rows: list[tuple[str, int, int]],
    part_label: str,
    whole_label: str,
    rest_label: str = "",
) -> Chart:
    """One bar per row (label, part, whole): how much of `whole` was `part`. The rows
    are few (the caller bounds them: one per partner, not per record)."""
    width, row_h, label_h, bar_h, right = 320, 40, 16, 14, 50
    height = max(row_h * len(rows), row_h)
    (style,) = series(chart_id, [("share", part_label)])
    chart = Chart(
        id=chart_id,
        title=title,
        description="; ".join(
            f"{label}: {percent(part, whole)} ({number(part)}/{number(whole)})"
            for label, part, whole in rows
        ),
        width=width,
        height=height,
        series=[style],
        columns=[part_label, whole_label, _("Share")],
        is_empty=not rows,
    )
    plot_w = width - right
    for index, (label, part, whole) in enumerate(rows):
        y = row_h * index
        chart.texts.append(Text("0", _n(y + 12), _shorten(label), "start", "chart-label"))
        bar_y = y + label_h + 2
        chart.rects.append(
            Rect(
                "0",
                _n(bar_y),
                _n(plot_w),
                _n(bar_h),
                HOLLOW,
                f"{index}:whole",
                whole,
                f"{label}: {whole_label} {number(whole)}",
            )
        )
        if whole and part:
            chart.rects.append(
                Rect(
                    "0",
                    _n(bar_y),
                    _n(plot_w * part / whole),
                    _n(bar_h),
                    style.paint,
                    f"{index}:part",
                    part,
                    f"{label}: {part_label} {number(part)}",
                )
            )
        chart.texts.append(Text(_n(width), _n(bar_y + bar_h - 2), percent(part, whole), "end"))
        chart.rows.append((label, [number(part), number(whole), percent(part, whole)]))
    rest = Series("rest", str(rest_label or _("Rest")), HOLLOW, "solid", f"{chart_id}-rest")
    chart.legend = [(style, ""), (rest, "")]
    return chart


# --- Steps: a sequence of stages with the current one ------------------------------------


def steps(
    chart_id: str, *, title: str, stages: list[tuple[str, datetime.date | None, bool]]
) -> Chart:
    """Stages in order: (label, first day reached or None, is current). Reached stages
    are filled circles, the others hollow and dashed, the current one has a ring and
    the word "current" above it: shape and text, not colour alone."""
    width, height, cy = 320, 84, 40
    count = max(len(stages), 1)
    band = width / count
    chart = Chart(
        id=chart_id,
        title=title,
        description="; ".join(
            f"{index}. {label}: "
            + (
                (_("current, since %(date)s") if current else _("reached on %(date)s"))
                % {"date": date(since)}
                if since
                else _("not reached yet")
            )
            for index, (label, since, current) in enumerate(stages, start=1)
        ),
        width=width,
        height=height,
        columns=[_("Since"), _("State")],
    )
    for index, (label, since, current) in enumerate(stages):
        cx = band * index + band / 2
        if index:
            chart.lines.append(Line(_n(cx - band + 16), str(cy), _n(cx - 16), str(cy)))
        chart.steps.append(
            Step(
                str(index + 1),
                label,
                _n(cx),
                since is not None,
                current,
                str(since.year) if since else "–",
            )
        )
        state = _("current phase") if current else (_("reached") if since else _("not reached"))
        chart.rows.append((f"{index + 1}. {label}", [date(since) if since else "–", state]))
    chart.is_empty = not any(since for _label, since, _current in stages)
    return chart


# --- The figure, written in Python ---------------------------------------------------
#
# `figure` writes what `templates/partials/chart.html` writes (the same characters, white
# space included; tests compare the two for every kind of picture): a page with a
# picture spent thousands of template lookups on its few dozen elements. Every value is
# escaped as the template's autoescaping does; the shapes' `svg` are safe already.

_PATTERNS = {
    "hatch": (
        '\n      <pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="6" height="6" fill="{fill}"/>'
        '<line x1="1" y1="0" x2="1" y2="6" stroke="#ffffff" stroke-width="1.5"/></pattern>'
    ),
    "cross": (
        '\n      <pattern id="{pid}" width="7" height="7" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="7" height="7" fill="{fill}"/>'
        '<line x1="1" y1="0" x2="1" y2="7" stroke="#ffffff" stroke-width="1.2"/>'
        '<line x1="0" y1="1" x2="7" y2="1" stroke="#ffffff" stroke-width="1.2"/></pattern>'
    ),
    "dots": (
        '\n      <pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="{fill}"/><circle cx="3" cy="3" r="1.3"'
        ' fill="#ffffff"/></pattern>'
    ),
    "stripes": (
        '\n      <pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="{fill}"/><line x1="0" y1="1" x2="6" y2="1"'
        ' stroke="#ffffff" stroke-width="1.5"/></pattern>'
    ),
}


def _e(value) -> str:
    """What the template's `{{ value }}` writes for a text: escaped unless safe."""
    if isinstance(value, SafeData):
        return str(value)
    return html.escape(str(value))


def _pattern(s: Series, pid: str) -> str:
    """`partials/chart_pattern.html` (a solid series has no pattern: its line break only)."""
    pattern = _PATTERNS.get(s.pattern)
    return (pattern.format(pid=_e(pid), fill=_e(s.fill)) if pattern else "") + "\n"


def _step(step: Step) -> str:
    state = "current" if step.current else ("reached" if step.reached else "open")
    cx = _e(step.cx)
    number = _e(step.number)
    ring = ""
    if step.current:
        ring = (
            f'\n      <circle cx="{cx}" cy="40" r="18" fill="none" stroke="#003a70"'
            f' stroke-width="2"/>\n      <text x="{cx}" y="14" text-anchor="middle"'
            f' fill="#1b1b1b" font-weight="700">{_e(_("current"))}</text>'
        )
    fill, stroke = ("#003a70", "#003a70") if step.reached else ("#ffffff", "#4a4a4a")
    dashed = "" if step.reached else ' stroke-dasharray="3 2"'
    ink = "#ffffff" if step.reached else "#1b1b1b"
    return (
        f'<g data-key="step-{number}" data-state="{state}"><title>{number}. {_e(step.label)}'
        f"</title>{ring}\n"
        f'      <circle cx="{cx}" cy="40" r="13" fill="{fill}" stroke="{stroke}"'
        f' stroke-width="1.5"{dashed}/>\n'
        f'      <text x="{cx}" y="44.5" text-anchor="middle" fill="{ink}" font-weight="700">'
        f"{number}</text>\n"
        f'      <text x="{cx}" y="76" text-anchor="middle" fill="#1b1b1b">{_e(step.caption)}'
        "</text>\n    </g>\n    "
    )


def _swatch(s: Series, value) -> str:
    if s.pattern == "solid":
        defs, fill = "", _e(s.fill)
    else:
        defs = f"<defs>{_pattern(s, s.pattern_id + '-swatch')}</defs>"
        fill = f"url(#{_e(s.pattern_id)}-swatch)"
    shown = f": {_e(value)}" if value else ""
    return (
        '<li><svg class="chart-swatch" viewBox="0 0 16 16" width="16" height="16"'
        f' aria-hidden="true" focusable="false">{defs}<rect x="0.5" y="0.5" width="15"'
        f' height="15" fill="{fill}" stroke="#1b1b1b" stroke-width="1"/></svg>'
        f" <span>{_e(s.label)}{shown}</span></li>\n    "
    )


def figure(chart: Chart, kind: str, row_heading) -> SafeString:
    """The picture as `partials/chart.html` writes it with `chart`, `kind` and
    `row_heading`."""
    cid = _e(chart.id)
    title = _e(chart.title)
    parts = [
        f'\n<figure class="chart chart-{_e(kind)}" aria-labelledby="{cid}-caption" id="{cid}">\n'
        f'  <svg viewBox="{_e(chart.view_box)}" width="100%" role="img"'
        f' aria-labelledby="{cid}-title {cid}-desc" focusable="false"'
        ' font-family="system-ui, sans-serif" font-size="12">\n'
        f'    <title id="{cid}-title">{title}</title>\n'
        f'    <desc id="{cid}-desc">{_e(chart.description)}</desc>\n    '
    ]
    if chart.series:
        parts.append("<defs>")
        parts.extend(_pattern(s, s.pattern_id) for s in chart.series)
        parts.append("</defs>")
    parts.append("\n    ")
    parts.extend(f"{shape.svg}\n    " for shape in (*chart.lines, *chart.rects))
    parts.extend(_step(step) for step in chart.steps)
    parts.extend(f"{text.svg}\n    " for text in chart.texts)
    parts.append(f'\n  </svg>\n  <figcaption id="{cid}-caption">{title}</figcaption>\n  ')
    if chart.legend:
        parts.append(
            '\n  <ul class="chart-legend">\n    \n    '
            + "".join(_swatch(s, value) for s, value in chart.legend)
            + "\n  </ul>\n  "
        )
    parts.append(
        '\n  <details class="chart-table">\n'
        f"    <summary>{_e(_('The numbers as a table'))}</summary>\n"
        f'    <div class="table-scroll" role="region" aria-labelledby="{cid}-table-caption"'
        ' tabindex="0">\n'
        '    <table class="data-table">\n'
        f'      <caption id="{cid}-table-caption">{title}</caption>\n'
        f'      <thead><tr><th scope="col">{_e(row_heading)}</th>'
        + "".join(f'<th scope="col" class="num">{_e(column)}</th>' for column in chart.columns)
        + "</tr></thead>\n      <tbody>\n        "
        + "".join(
            f'<tr><th scope="row">{_e(heading)}</th>'
            + "".join(f'<td class="num">{_e(cell)}</td>' for cell in cells)
            + "</tr>\n        "
            for heading, cells in chart.rows
        )
        + "\n      </tbody>\n    </table>\n    </div>\n  </details>\n</figure>\n"
    )
    # Safe: every value above is escaped (`_e`) or a shape's own escaped `svg`.
    return mark_safe("".join(parts))
