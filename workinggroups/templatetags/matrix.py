"""The function matrix's cells, written in Python.

A matrix has functions × partners cells (about a hundred), and in the template language
each cell cost two or three plural translations with variables and two links: most of
the page's time. The tags write the same markup as `format_html` would, every value
escaped (the partners' and functions' names), a whole row's cells at once.
"""

from html import escape

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()

_NOTHING = '<span aria-hidden="true">·</span><span class="visually-hidden">{}</span>'


def _names(cell, function) -> dict:
    return {"function": function.name, "partner": cell.partner.name}


def _query(cell, function) -> str:
    return f"?funktion={function.pk}&partner={cell.partner.pk}"


def _findings_text(count: int) -> str:
    return ngettext("%(counter)s finding", "%(counter)s findings", count) % {
        "counter": localize(count)
    }


class _InternalCells:
    """Writes the internal matrix's cells. What depends on a count alone (its localised
    form, the plural texts) is worked out once per page, every name and address escaped
    once; each value is escaped as `format_html` escapes it (`html.escape`), so the
    markup is that of `format_html`."""

    def __init__(self, facility_list_url: str, finding_list_url: str):
        self.facility_list_url = escape(facility_list_url)
        self.finding_list_url = escape(finding_list_url)
        self.none = _NOTHING.format(escape(gettext("none")))
        self.no_findings = _NOTHING.format(escape(gettext("no findings")))
        self.numbers: dict[int, str] = {}
        self.plurals: dict[tuple[str, int], str] = {}

    def number(self, count: int) -> str:
        if count not in self.numbers:
            self.numbers[count] = localize(count)
        return self.numbers[count]

    def plural(self, kind: str, count: int) -> str:
        key = (kind, count)
        if key not in self.plurals:
            self.plurals[key] = _PLURALS[kind](count)
        return self.plurals[key]

    def cell(self, cell, function) -> str:
        names = {"function": function.name, "partner": cell.partner.name}
        query = escape(_query(cell, function))
        if cell.count:
            counter = self.number(cell.count)
            label = self.plural("facilities", cell.count) % {"counter": counter, **names}
            facilities = (
                f'<a href="{self.facility_list_url}{query}" aria-label="{escape(label)}">'
                f"{escape(counter)}</a>"
            )
        else:
            facilities = self.none
        if cell.finding_count:
            counter = self.number(cell.finding_count)
            label = self.plural("findings on", cell.finding_count) % {"counter": counter, **names}
            text = self.plural("findings", cell.finding_count) % {"counter": counter}
            findings = (
                f'<a href="{self.finding_list_url}{query}" aria-label="{escape(label)}">'
                f"{escape(text)}</a>"
            )
        else:
            findings = self.no_findings
        return f"{facilities}<br>{findings}"


# The plural texts of a cell (literal calls, for makemessages), by kind.
_PLURALS = {
    "facilities": lambda n: ngettext(
        "%(counter)s facility for %(function)s in %(partner)s",
        "%(counter)s facilities for %(function)s in %(partner)s",
        n,
    ),
    "findings on": lambda n: ngettext(
        "%(counter)s finding on %(function)s in %(partner)s",
        "%(counter)s findings on %(function)s in %(partner)s",
        n,
    ),
    "findings": lambda n: ngettext("%(counter)s finding", "%(counter)s findings", n),
}


@register.simple_tag
def matrix_cell(cell, function, facility_list_url: str, finding_list_url: str) -> SafeString:
    """An internal cell: its facilities and its findings, each count linked to the
    filtered list (or a dot, "none" for screen readers)."""
    # Safe: _InternalCells escapes every value it writes.
    return mark_safe(_InternalCells(facility_list_url, finding_list_url).cell(cell, function))


@register.simple_tag(takes_context=True)
def matrix_cells(context, row, facility_list_url: str, finding_list_url: str) -> SafeString:
    """A row's internal cells, each in its <td> as `matrix_cell` writes one."""
    return _row_cells(context, row, _InternalCells, facility_list_url, finding_list_url)


def _row_cells(context, row, writer_class, *urls: str) -> SafeString:
    """A row's cells, each in its <td>, with the white space the template's loop over the
    cells wrote around each, written by one `writer_class(*urls)` for the whole page
    (kept in the render context for this rendering only)."""
    key = (writer_class, *urls)
    writer = context.render_context.get(key)
    if writer is None:
        writer = context.render_context[key] = writer_class(*urls)
    function = row.function
    # Safe: the writers escape every value they write.
    return mark_safe(
        "".join(
            f'\n      <td class="num">{writer.cell(cell, function)}</td>\n      '
            for cell in row.cells
        )
    )


class _PublicCells:
    """Writes the public matrix's cells, as `_InternalCells` the internal ones: the fixed
    texts translated and the counts localised once per page, every value escaped as
    `format_html` escapes it."""

    def __init__(self, finding_list_url: str):
        self.finding_list_url = escape(finding_list_url)
        self.none = _NOTHING.format(escape(gettext("none")))
        self.facilities_label = escape(gettext("Facilities"))
        self.about = gettext("about %(function)s in %(partner)s")
        self.numbers: dict[int, str] = {}
        self.findings: dict[int, str] = {}

    def number(self, count: int) -> str:
        if count not in self.numbers:
            self.numbers[count] = escape(localize(count))
        return self.numbers[count]

    def findings_text(self, count: int) -> str:
        if count not in self.findings:
            self.findings[count] = escape(_findings_text(count))
        return self.findings[count]

    def cell(self, cell, function) -> str:
        if cell.count:
            facilities = (
                f'<span class="visually-hidden">{self.facilities_label}: </span>'
                f"{self.number(cell.count)}"
            )
        else:
            facilities = self.none
        if not cell.finding_count:
            return facilities
        about = escape(self.about % _names(cell, function))
        return (
            f'{facilities}<br><a href="{self.finding_list_url}{escape(_query(cell, function))}">'
            f"{self.findings_text(cell.finding_count)}"
            f'<span class="visually-hidden"> {about}</span></a>'
        )


@register.simple_tag
def public_matrix_cell(cell, function, finding_list_url: str) -> SafeString:
    """A public cell: the number of facilities, and the agreed findings linked to the
    public list."""
    # Safe: _PublicCells escapes every value it writes.
    return mark_safe(_PublicCells(finding_list_url).cell(cell, function))


@register.simple_tag(takes_context=True)
def public_matrix_cells(context, row, finding_list_url: str) -> SafeString:
    """A row's public cells, each in its <td> as `public_matrix_cell` writes one."""
    return _row_cells(context, row, _PublicCells, finding_list_url)
