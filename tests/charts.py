"""Reading a picture (templates/partials/chart.html) back out of a page, for tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Picture:
    title: str = ""
    desc: str = ""
    shapes: dict[str, int] = field(default_factory=dict)  # data-key -> data-value
    states: dict[str, str] = field(default_factory=dict)  # data-key -> data-state
    table: dict[str, list[str]] = field(default_factory=dict)  # row heading -> cells
    legend: list[str] = field(default_factory=list)
    svg_attrs: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self, chart_id: str):
        super().__init__(convert_charrefs=True)
        self.chart_id = chart_id
        self.depth = 0  # inside the figure while > 0
        self.picture: Picture | None = None
        self.capture: str | None = None
        self.text: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and attrs.get("id") == self.chart_id:
            self.depth = 1
            self.picture = Picture()
            return
        if not self.depth:
            return
        if tag == "figure":
            self.depth += 1
        picture = self.picture
        if tag == "svg" and not picture.svg_attrs:
            picture.svg_attrs = attrs
        if attrs.get("id") == f"{self.chart_id}-title":
            self.capture, self.text = "title", []
        elif attrs.get("id") == f"{self.chart_id}-desc":
            self.capture, self.text = "desc", []
        if "data-key" in attrs:
            if "data-value" in attrs:
                picture.shapes[attrs["data-key"]] = int(attrs["data-value"])
            if "data-state" in attrs:
                picture.states[attrs["data-key"]] = attrs["data-state"]
        if tag == "thead":
            self.in_head = True
        if tag == "tr" and not self.in_head:
            self.row = []
        if tag in ("th", "td") and self.row is not None:
            self.cell = []
        if tag == "li" and self.capture is None:
            self.capture, self.text = "legend", []

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "figure":
            self.depth -= 1
        if tag == "thead":
            self.in_head = False
        if tag in ("title", "desc") and self.capture in ("title", "desc"):
            setattr(self.picture, self.capture, " ".join("".join(self.text).split()))
            self.capture = None
        if tag == "li" and self.capture == "legend":
            self.picture.legend.append(" ".join("".join(self.text).split()))
            self.capture = None
        if tag in ("th", "td") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        if tag == "tr" and self.row is not None:
            if self.row and self.row[0] and len(self.row) > 1:
                self.picture.table[self.row[0]] = self.row[1:]
            self.row = None

    def handle_data(self, data):
        if not self.depth:
            return
        if self.capture:
            self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def picture(html: str, chart_id: str) -> Picture | None:
    parser = _Parser(chart_id)
    parser.feed(html)
    return parser.picture
