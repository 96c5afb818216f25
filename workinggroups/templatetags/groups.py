"""The working-group page's member and task rows, written in Python.

The heaviest groups have a few dozen current members and ten open tasks on the page, and
in the template language each row cost links, a choice label, a translation and date
formats. The tags write the same markup with `format_html`, which escapes every value
(names, titles), and make each link's address once per table.
"""

import html

from django import template
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from cooperation.models import Role
from meetings.models import DecisionStatus, MeetingStatus
from meetings.templatetags.meeting_decisions import due_cell

register = template.Library()

_KEY = 2147483647  # stands for a row's key in an address made once per table

# As the template's loop wrote each row, white space around it included.
_ROW = """
      <tr>
        <th scope="row">{}</th>
        <td>{}{}</td>
        <td>{}</td>
        <td>{}</td>
      </tr>
      """


def _address(name: str):
    """The address of the URL `name` (one key) for each row: `reverse` once, the row's
    key put in."""
    prefix, _, suffix = reverse(name, args=[_KEY]).rpartition(str(_KEY))
    return lambda pk: f"{prefix}{pk}{suffix}"


@register.simple_tag
def member_rows(memberships) -> SafeString:
    """The <tr> of each membership (user, partner and deputy_for__user loaded). Written
    with `html.escape` (what `escape` does, without its lazy-text wrapper) and each date
    formatted once: a group has a few dozen members, often with the same start."""
    partner_url = _address("cooperation:partner_detail")
    roles = {value: str(label) for value, label in Role.choices}
    deputy_for = gettext("deputy for %(who)s")
    dates = {}

    def row(m):
        deputy = ""
        if m.deputy_for:
            # The translated text is ours, the name in it is escaped.
            deputy = " (%s)" % (deputy_for % {"who": html.escape(str(m.deputy_for.user))})
        partner = "–"
        if m.partner:
            url = html.escape(partner_url(m.partner_id))
            partner = f'<a href="{url}">{html.escape(m.partner.short_name or m.partner.name)}</a>'
        since = dates.get(m.valid_from)
        if since is None:
            since = dates[m.valid_from] = html.escape(date_filter(m.valid_from, "DATE_FORMAT"))
        return _ROW.format(
            html.escape(str(m.user)),
            html.escape(roles.get(m.role, m.role)),
            deputy,
            partner,
            since,
        )

    return mark_safe("".join(row(m) for m in memberships))


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
    to enter progress on those in `updatable` (their keys)."""
    decision_url = _address("meetings:decision_detail")
    progress_url = _address("meetings:decision_progress")
    statuses = {value: str(label) for value, label in DecisionStatus.choices}
    enter_progress = gettext("Enter progress")

    def row(decision):
        overdue = decision.is_overdue()
        progress = ""
        if decision.pk in updatable:
            progress = format_html(
                '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
                progress_url(decision.pk),
                enter_progress,
                decision.number,
            )
        return (
            mark_safe(' class="overdue"') if overdue else "",
            decision_url(decision.pk),
            decision.number,
            decision.title,
            due_cell(decision, overdue=overdue),
            statuses.get(decision.status, decision.status),
            progress,
        )

    return format_html_join("", _TASK_ROW, (row(decision) for decision in decisions))


@register.simple_tag
def meeting_items(meetings) -> SafeString:
    """The <li> of each meeting in the page's lists of the next and the last meetings:
    its link, start (in local time, as the template's date filter shows it) and state,
    the labels looked up once."""
    meeting_url = _address("meetings:meeting_detail")
    statuses = {value: str(label) for value, label in MeetingStatus.choices}

    def item(meeting):
        starts_at = template_localtime(meeting.starts_at)
        return (
            meeting_url(meeting.pk),
            meeting.title,
            date_filter(starts_at, "c"),
            date_filter(starts_at, "DATETIME_FORMAT"),
            statuses.get(meeting.status, meeting.status),
        )

    return format_html_join(
        "", '<li><a href="{}">{}</a>, <time datetime="{}">{}</time> – {}</li>', map(item, meetings)
    )
