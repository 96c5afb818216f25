"""The rows of the findings table, written in Python.

The table shows up to a page of findings (the findings list, the latest of a working
group), and in the template language each row cost two links, two choice labels and two
date formats: a good part of those pages' time. The tag writes the same markup with
`html.escape` on every value (titles, names), makes each link's address once
per table and looks the labels up once.
"""

import html

from django import template
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from core.links import row_address

from ..models import FindingStatus, FindingType

register = template.Library()


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


@register.simple_tag
def finding_rows(findings, show_group) -> SafeString:
    """The <tr> of each finding (group__body, function_area and central_function
    loaded), with the working group's column when `show_group`. Written with
    `html.escape` (what `escape` does, without its lazy-text wrapper)."""
    finding_url = row_address("workinggroups:finding_detail")
    group_url = row_address("workinggroups:group_detail")
    types = {value: html.escape(str(label)) for value, label in FindingType.choices}
    statuses = {value: html.escape(str(label)) for value, label in FindingStatus.choices}
    # What the date filter does per value, its format looked up once per table.
    datetime_format = get_format("DATETIME_FORMAT")
    escape = html.escape
    draft = FindingStatus.DRAFT

    def row(finding):
        status = statuses.get(finding.status) or escape(finding.status)
        if finding.status == draft:  # `is_draft`
            status = f'<span class="badge">{status}</span>'
        group = ""
        if show_group:
            group = (
                f'<td><a href="{escape(group_url(finding.group_id))}">'
                f"{escape(finding.group.body.name)}</a></td>"
            )
        central_function = finding.central_function
        modified = template_localtime(finding.modified)
        return _ROW.format(
            escape(finding_url(finding.pk)),
            escape(finding.title),
            types.get(finding.type) or escape(finding.type),
            group,
            escape(str(finding.function_area)),
            f": {escape(str(central_function))}" if central_function else "",
            status,
            escape(modified.isoformat()),  # the date filter's "c"
            escape(dateformat.format(modified, datetime_format)),
        )

    # Safe: every value put in is escaped; the rest is our markup.
    return mark_safe("".join(row(finding) for finding in findings))
