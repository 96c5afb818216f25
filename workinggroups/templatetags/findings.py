"""The rows of the findings table, written in Python.

The table shows up to a page of findings (the findings list, the latest of a working
group), and in the template language each row cost two links, two choice labels and two
date formats: a good part of those pages' time. The tag writes the same markup with
`format_html`, which escapes every value (titles, names), makes each link's address once
per table and looks the labels up once.
"""

from django import template
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime

from ..models import FindingStatus, FindingType

register = template.Library()

_KEY = 2147483647  # stands for a row's key in an address made once per table

# As the template's loop wrote each row, white space around it included.
_ROW = """
    <tr>
      <th scope="row"><a href="{}">{}</a></th>
      <td>{}</td>
      {}
      <td>{}{}</td>
      <td>{}</td>
      <td><time datetime="{}">{}</time></td>
    </tr>
    """


def _address(name: str):
    """The address of the URL `name` (one key) for each row: `reverse` once, the row's
    key put in."""
    prefix, _, suffix = reverse(name, args=[_KEY]).rpartition(str(_KEY))
    return lambda pk: f"{prefix}{pk}{suffix}"


@register.simple_tag
def finding_rows(findings, show_group) -> SafeString:
    """The <tr> of each finding (group__body, function_area and central_function
    loaded), with the working group's column when `show_group`."""
    finding_url = _address("workinggroups:finding_detail")
    group_url = _address("workinggroups:group_detail")
    types = {value: str(label) for value, label in FindingType.choices}
    statuses = {value: str(label) for value, label in FindingStatus.choices}
    # What the date filter does per value, its format looked up once per table.
    datetime_format = get_format("DATETIME_FORMAT")

    def row(finding):
        status = statuses.get(finding.status, finding.status)
        modified = template_localtime(finding.modified)
        return (
            finding_url(finding.pk),
            finding.title,
            types.get(finding.type, finding.type),
            format_html(
                '<td><a href="{}">{}</a></td>', group_url(finding.group_id), finding.group.body.name
            )
            if show_group
            else "",
            finding.function_area,
            format_html(": {}", finding.central_function) if finding.central_function else "",
            format_html('<span class="badge">{}</span>', status) if finding.is_draft else status,
            modified.isoformat(),  # the date filter's "c"
            dateformat.format(modified, datetime_format),
        )

    return format_html_join("", _ROW, (row(finding) for finding in findings))
