"""core.charts and templates/partials/chart.html: numbers in, escaped SVG out."""

import cProfile
import datetime
import pstats

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeData

from core import charts
from tests.charts import picture


def _render(chart, kind="progress"):
    with translation.override("de"):
        return render_to_string(
            "partials/chart.html", {"chart": chart, "kind": kind, "row_heading": "Zeile"}
        )


def test_it_escapes_every_label_typed_by_a_user():
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    chart = charts.share_bars(
        "chart-x", title=evil, rows=[(evil, 1, 2)], part_label=evil, whole_label="Sitzungen"
    )

    html = _render(chart, "shares")

    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert picture(html, "chart-x").table[" ".join(evil.split())] == ["1", "2", "50 %"]


def test_it_makes_the_bars_as_wide_as_their_share_with_unlocalised_coordinates():
    with translation.override("de"):
        chart = charts.progress_bar(
            "chart-p", title="T", parts=[("a", "A", 1), ("b", "B", 0), ("c", "C", 3)]
        )

    assert [(r.key, r.x, r.width) for r in chart.rects] == [("a", "2", "79"), ("c", "81", "237")]
    assert chart.rows[-1] == ("Gesamt", ["4", "100\u00a0%"])
    with translation.override("de"):
        thirds = charts.progress_bar("chart-q", title="T", parts=[("a", "A", 1), ("b", "B", 2)])
    html = _render(thirds)
    assert 'width="105.3"' in html and 'x="107.3"' in html  # never "105,3"


def test_it_writes_numbers_and_dates_in_german():
    with translation.override("de"):
        chart = charts.stacked_bars(
            "chart-s",
            title="T",
            periods=["2025", "2026"],
            kinds=[("x", "X")],
            counts={("2025", "x"): 1200, ("2026", "x"): 3},
        )
        steps = charts.steps(
            "chart-t", title="T", stages=[("Eins", datetime.date(2026, 3, 1), True)]
        )

    assert chart.rows[0] == ("2025", ["1.200", "1.200"])
    assert steps.rows[0] == ("1. Eins", ["1. März 2026", "aktuelle Phase"])


def _every_kind():
    evil = "<b>\"Ä\"&'ß'</b>"
    return [
        (
            charts.progress_bar(
                "chart-p",
                title=evil,
                parts=[
                    ("done", "Erledigt", 14, charts.GREEN),
                    ("dropped", "Verworfen", 5, charts.GREY),
                    ("open", "Offen", 0, charts.BLUE),
                    ("overdue", evil, 7, charts.RED),
                ],
            ),
            "progress",
        ),
        (charts.progress_bar("chart-e", title="Leer", parts=[("a", "A", 0)]), "progress"),
        (
            charts.stacked_bars(
                "chart-s",
                title="T",
                periods=["2025", "2026"],
                kinds=[("a", "A"), ("b", evil), ("c", "C"), ("d", "D"), ("e", "E"), ("f", "F")],
                counts={("2025", "a"): 1200, ("2026", "b"): 3, ("2026", "e"): 2},
            ),
            "bars",
        ),
        (
            charts.share_bars(
                "chart-h",
                title=evil,
                rows=[(evil, 1, 2), ("B", 0, 0)],
                part_label=evil,
                whole_label="Sitzungen",
            ),
            "shares",
        ),
        (
            charts.steps(
                "chart-t",
                title="T",
                stages=[
                    ("Eins", datetime.date(2025, 3, 1), False),
                    (evil, datetime.date(2026, 3, 1), True),
                    ("Drei", None, False),
                ],
            ),
            "steps",
        ),
    ]


def test_it_writes_the_figure_in_python_as_the_partial_does_for_every_kind():
    with translation.override("de"):
        for chart, kind in _every_kind():
            written = str(charts.figure(chart, kind, "<Zeile>"))
            assert written == render_to_string(
                "partials/chart.html", {"chart": chart, "kind": kind, "row_heading": "<Zeile>"}
            ), kind


def test_its_figure_tag_writes_the_partial():
    template = Template('{% load impuls %}{% chart_figure chart "progress" _("State") %}')
    with translation.override("de"):
        chart, kind = _every_kind()[0]
        assert template.render(Context({"chart": chart})) == render_to_string(
            "partials/chart.html", {"chart": chart, "kind": kind, "row_heading": "Stand"}
        )


def test_its_shapes_write_what_format_html_writes_in_half_the_calls():
    """A picture has dozens of shapes: each writes its element with the values escaped as
    `format_html` would, without its per-value machinery (issue 13: the cooperation page
    spent a tenth of its calls there)."""
    evil = '<b title="x">&</b>'
    rect = charts.Rect("1", "2.5", "3", "4", "url(#p)", evil, 12, evil)
    text = charts.Text("1", "2", evil, anchor=evil, css_class="chart-axis")
    line = charts.Line("1", evil, "3", "4")
    assert rect.svg == format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#1b1b1b"'
        ' stroke-width="0.75" data-key="{}" data-value="{}"><title>{}</title></rect>',
        "1", "2.5", "3", "4", "url(#p)", evil, "12", evil,
    )  # fmt: skip
    assert text.svg == format_html(
        '<text x="1" y="2" text-anchor="{}" fill="{}" font-size="11">{}</text>',
        evil, charts.MUTED, evil,
    )  # fmt: skip
    assert charts.Text("1", "2", "A").svg == (
        f'<text x="1" y="2" text-anchor="middle" fill="{charts.INK}">A</text>'
    )
    assert line.svg == format_html(
        '<line x1="1" y1="{}" x2="3" y2="4" stroke="#8a8a8a" stroke-width="1"/>', evil
    )
    assert all(isinstance(shape.svg, SafeData) for shape in (rect, text, line))

    profile = cProfile.Profile()
    profile.enable()
    rect.svg  # noqa: B018
    profile.disable()
    # 151 calls through format_html, 75 now.
    assert pstats.Stats(profile).total_calls <= 100
