"""The function matrix's cells, written in Python.

A matrix has functions × partners cells (about a hundred), and in the template language
each cell cost two or three plural translations with variables and two links: most of
the page's time. The tags write the same markup with `format_html`, which escapes every
value (the partners' and functions' names), a whole row's cells at once.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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


@register.simple_tag
def matrix_cell(cell, function, facility_list_url: str, finding_list_url: str) -> SafeString:
    """An internal cell: its facilities and its findings, each count linked to the
    filtered list (or a dot, "none" for screen readers)."""
    names, query = _names(cell, function), _query(cell, function)
    if cell.count:
        label = ngettext(
            "%(counter)s facility for %(function)s in %(partner)s",
            "%(counter)s facilities for %(function)s in %(partner)s",
            cell.count,
        ) % {"counter": localize(cell.count), **names}
        facilities = format_html(
            '<a href="{}{}" aria-label="{}">{}</a>',
            facility_list_url,
            query,
            label,
            localize(cell.count),
        )
    else:
        facilities = format_html(_NOTHING, gettext("none"))
    if cell.finding_count:
        label = ngettext(
            "%(counter)s finding on %(function)s in %(partner)s",
            "%(counter)s findings on %(function)s in %(partner)s",
            cell.finding_count,
        ) % {"counter": localize(cell.finding_count), **names}
        findings = format_html(
            '<a href="{}{}" aria-label="{}">{}</a>',
            finding_list_url,
            query,
            label,
            _findings_text(cell.finding_count),
        )
    else:
        findings = format_html(_NOTHING, gettext("no findings"))
    return format_html("{}<br>{}", facilities, findings)


@register.simple_tag
def matrix_cells(row, facility_list_url: str, finding_list_url: str) -> SafeString:
    """A row's internal cells, each in its <td> (`matrix_cell`), with the white space
    the template's loop over the cells wrote around each."""
    return format_html_join(
        "",
        '\n      <td class="num">{}</td>\n      ',
        (
            (matrix_cell(cell, row.function, facility_list_url, finding_list_url),)
            for cell in row.cells
        ),
    )


@register.simple_tag
def public_matrix_cell(cell, function, finding_list_url: str) -> SafeString:
    """A public cell: the number of facilities, and the agreed findings linked to the
    public list."""
    if cell.count:
        facilities = format_html(
            '<span class="visually-hidden">{}: </span>{}',
            gettext("Facilities"),
            localize(cell.count),
        )
    else:
        facilities = format_html(_NOTHING, gettext("none"))
    if not cell.finding_count:
        return facilities
    about = gettext("about %(function)s in %(partner)s") % _names(cell, function)
    return format_html(
        '{}<br><a href="{}{}">{}<span class="visually-hidden"> {}</span></a>',
        facilities,
        finding_list_url,
        _query(cell, function),
        _findings_text(cell.finding_count),
        about,
    )
