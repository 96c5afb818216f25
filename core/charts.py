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
import math
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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


# The shapes a picture has dozens of write their own SVG element (`svg`, escaped by
# format_html like the template would), so that the template renders one value per
# shape instead of eight; the markup is the one `partials/chart.html` had written.


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
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#1b1b1b"'
            ' stroke-width="0.75" data-key="{}" data-value="{}"><title>{}</title></rect>',
            self.x,
            self.y,
            self.width,
            self.height,
            self.paint,
            self.key,
            str(self.value),
            self.title,
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
        return format_html(
            '<text x="{}" y="{}" text-anchor="{}" fill="{}"{}>{}</text>',
            self.x,
            self.y,
            self.anchor,
            MUTED if axis else INK,
            mark_safe(' font-size="11"') if axis else "",
            self.text,
        )


@dataclass(frozen=True)
class Line:
    x1: str
    y1: str
    x2: str
    y2: str

    @property
    def svg(self) -> str:
        return format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#8a8a8a" stroke-width="1"/>',
            self.x1,
            self.y1,
            self.x2,
            self.y2,
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
