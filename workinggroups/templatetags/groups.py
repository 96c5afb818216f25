"""The working-group page's member, task, meeting and report rows, written in Python.

The heaviest groups have a few dozen current members and ten open tasks on the page, and
in the template language each row cost links, a choice label, a translation and date
formats. The tags write the same markup with `html.escape` on every value (names,
titles), make each link's address once per table and look each label and date format
up once.
"""

import html

from django import template
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from cooperation.models import Role
from core.links import row_address
from meetings.models import DecisionStatus, MeetingStatus

register = template.Library()


# As the template's loop wrote each row, white space around it included.
_ROW = """
      <tr>
        <th scope="row">{}</th>
        <td>{}{}</td>
        <td>{}</td>
        <td>{}</td>
      </tr>
      """


@register.simple_tag
def member_rows(members) -> SafeString:
    """The <tr> of each member (`selectors.groups.MemberRow`). Written with
    `html.escape` (what `escape` does, without its lazy-text wrapper) and each date
    formatted once: a group has a few dozen members, often with the same start."""
    partner_url = row_address("cooperation:partner_detail")
    roles = {value: str(label) for value, label in Role.choices}
    deputy_for = gettext("deputy for %(who)s")
    date_format = get_format("DATE_FORMAT")  # what the date filter looks up per value
    dates = {}
    escape = html.escape

    def row(m):
        deputy = ""
        if m.deputy_for is not None:
            # The translated text is ours, the name in it is escaped.
            deputy = " (%s)" % (deputy_for % {"who": escape(m.deputy_for)})
        partner = "–"
        if m.partner_id is not None:
            url = escape(partner_url(m.partner_id))
            partner = f'<a href="{url}">{escape(m.partner)}</a>'
        since = dates.get(m.valid_from)
        if since is None:
            since = dates[m.valid_from] = escape(dateformat.format(m.valid_from, date_format))
        role = escape(roles.get(m.role, m.role))
        return _ROW.format(escape(m.name), role, deputy, partner, since)

    return mark_safe("".join(row(m) for m in members))


_TASK_ROW = """
      <tr{}>
        <th scope="row"><a href="{}">{}</a></th>
        <td>{}</td>
        <td>{}</td>
        <td>{}</td>
        <td>{}</td>
      </tr>
      """


@register.simple_tag
def task_rows(decisions, updatable) -> SafeString:
    """The <tr> of each open task (a decision commissioned to the group), with the link
    to enter progress on those in `updatable` (their keys). Written with `html.escape`
    and each due date formatted once, its format looked up once (what the date filter
    does); the due cell is the one `meetings`' `due_cell` writes."""
    decision_url = row_address("meetings:decision_detail")
    progress_url = row_address("meetings:decision_progress")
    statuses = {value: html.escape(str(label)) for value, label in DecisionStatus.choices}
    enter_progress = html.escape(gettext("Enter progress"))
    overdue_mark = f' <span class="overdue-label">{html.escape(gettext("overdue"))}</span>'
    date_format = get_format("DATE_FORMAT")
    today = timezone.localdate()
    escape = html.escape
    dates = {}

    def due(value, overdue: bool) -> str:
        if not value:
            return "–"
        shown = dates.get(value)
        if shown is None:
            shown = dates[value] = escape(dateformat.format(value, date_format))
        # The date filter's "Y-m-d" of a date is its ISO format.
        return f'<time datetime="{value.isoformat()}">{shown}</time>' + (
            overdue_mark if overdue else ""
        )

    def row(decision):
        overdue = decision.is_overdue(today)
        number = escape(decision.number)
        progress = ""
        if decision.pk in updatable:
            progress = (
                f'<a href="{escape(progress_url(decision.pk))}">{enter_progress}'
                f'<span class="visually-hidden"> {number}</span></a>'
            )
        return _TASK_ROW.format(
            ' class="overdue"' if overdue else "",
            escape(decision_url(decision.pk)),
            number,
            escape(decision.title),
            due(decision.due_date, overdue),
            statuses.get(decision.status) or escape(decision.status),
            progress,
        )

    # Safe: every value put in is escaped; the rest is our markup and translations.
    return mark_safe("".join(row(decision) for decision in decisions))


@register.simple_tag
def meeting_items(meetings) -> SafeString:
    """The <li> of each meeting in the page's lists of the next and the last meetings:
    its link, start (in local time, as the template's date filter shows it) and state,
    the labels and the date format looked up once."""
    meeting_url = row_address("meetings:meeting_detail")
    statuses = {value: html.escape(str(label)) for value, label in MeetingStatus.choices}
    datetime_format = get_format("DATETIME_FORMAT")
    escape = html.escape

    def item(meeting):
        starts_at = template_localtime(meeting.starts_at)
        return (
            f'<li><a href="{escape(meeting_url(meeting.pk))}">{escape(meeting.title)}</a>,'
            # The date filter's "c" is the ISO format.
            f' <time datetime="{escape(starts_at.isoformat())}">'
            f"{escape(dateformat.format(starts_at, datetime_format))}</time> –"
            f" {statuses.get(meeting.status) or escape(meeting.status)}</li>"
        )

    # Safe: every value put in is escaped.
    return mark_safe("".join(map(item, meetings)))


_REPORT_ROW = """
      <tr>
        <th scope="row"><a href="{}">{}</a></th>
        <td>{} – {}</td>
        <td>{}</td>
      </tr>
      """


@register.simple_tag
def report_rows(reports) -> SafeString:
    """The <tr> of each report version (agenda_item__meeting loaded): its link, period
    and when it was submitted to which meeting. Written with `html.escape`, the texts
    translated and the date formats looked up once; the numbers and names put into a
    translation localised and escaped as `blocktranslate` does."""
    report_url = row_address("workinggroups:report_detail")
    version = gettext("Version %(version)s")
    to_meeting = gettext("to %(meeting)s")
    not_submitted = html.escape(gettext("not yet submitted"))
    date_format = get_format("DATE_FORMAT")
    datetime_format = get_format("DATETIME_FORMAT")
    escape = html.escape

    def submitted(report) -> str:
        if not report.submitted_at:
            return not_submitted
        at = template_localtime(report.submitted_at)
        text = (
            f'<time datetime="{escape(at.isoformat())}">'  # the date filter's "c"
            f"{escape(dateformat.format(at, datetime_format))}</time>"
        )
        if report.agenda_item:
            meeting = escape(str(localize(report.agenda_item.meeting)))
            text += " (%s)" % (to_meeting % {"meeting": meeting})
        return text

    def row(report) -> str:
        return _REPORT_ROW.format(
            escape(report_url(report.pk)),
            version % {"version": escape(str(localize(report.version)))},
            escape(dateformat.format(report.period_from, date_format)),
            escape(dateformat.format(report.period_until, date_format)),
            submitted(report),
        )

    # Safe: every value put in is escaped; the translations are ours.
    return mark_safe("".join(row(report) for report in reports))


@register.simple_tag
def finding_status_links(group_pk, by_status) -> SafeString:
    """The links to the group's findings per status, for each status with findings
    ((value, label, count) in `by_status`), separated by " · " (after every one but the
    last status's, as the template's loop wrote it). The list's address made once."""
    prefix = f"{html.escape(reverse('workinggroups:finding_list'))}?arbeitsgruppe="
    group = html.escape(str(localize(group_pk)))
    last = len(by_status) - 1
    links = []
    for index, (value, label, count) in enumerate(by_status):
        if count:
            links.append(
                f'<a href="{prefix}{group}&amp;status={html.escape(str(value))}">'
                f"{html.escape(str(label))}: {html.escape(str(localize(count)))}</a>"
                + (" · " if index != last else "")
            )
    # Safe: every value put in is escaped.
    return mark_safe("".join(links))
