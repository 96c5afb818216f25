"""The rows of a meeting's decisions, written in Python.

A board meeting records a dozen decisions and more, and in the template language each
row cost two translations with numbers in them, an include and two date formats. The tag
writes the markup the template wrote with `format_html`, which escapes every value (the
titles), with the link's address made once per table and the labels looked up once.
"""

from django import template
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cooperation.models import Role
from core.markdown import render_markdown

from ..models import AttendanceStatus, DecisionResult, DecisionStatus, MinutesStatus

register = template.Library()

_KEY = 2147483647  # stands for a row's key in an address made once per table

# As the template's loop wrote each row, white space around it included.
_ROW = """
      <tr{}>
        <th scope="row"><a href="{}">{}</a></th>
        <td>{}{}</td>
        <td>{}</td>
        <td>{} <span class="badge badge-{}">{}</span>
</td>
        <td>{}</td>
        <td>{}</td>
      </tr>
      """


def _translated(translation: str, **values) -> SafeString:
    """A translated text with numbers in it, as `blocktranslate` writes it (the text is
    ours, each value localised and escaped)."""
    # Safe: the translation is ours; every value put in is escaped.
    return mark_safe(
        translation % {name: conditional_escape(localize(v)) for name, v in values.items()}
    )


def due_cell(decision, *, overdue: bool) -> SafeString:
    """A decision's due date with its "overdue" mark, or a dash (the content of its
    table cell on the meeting and the working-group pages)."""
    if not decision.due_date:
        return "–"
    return format_html(
        '<time datetime="{}">{}</time>{}',
        date_filter(decision.due_date, "Y-m-d"),
        date_filter(decision.due_date, "DATE_FORMAT"),
        format_html(' <span class="overdue-label">{}</span>', gettext("overdue"))
        if overdue
        else "",
    )


@register.simple_tag
def decision_rows(decisions) -> SafeString:
    """The <tr> of each of a meeting's decisions (agenda_item loaded)."""
    prefix, _, suffix = reverse("meetings:decision_detail", args=[_KEY]).rpartition(str(_KEY))
    results = {value: str(label) for value, label in DecisionResult.choices}
    statuses = {value: str(label) for value, label in DecisionStatus.choices}
    without_quorum = format_html(' <span class="badge">{}</span>', gettext("without quorum"))

    def row(decision):
        overdue = decision.is_overdue()
        return (
            mark_safe(' class="overdue"') if overdue else "",
            f"{prefix}{decision.pk}{suffix}",
            decision.number,
            decision.title,
            without_quorum if decision.quorum_override_reason else "",
            _translated(gettext("Item %(position)s"), position=decision.agenda_item.position),
            _translated(
                gettext("%(yes)s yes, %(no)s no, %(abstain)s abstentions"),
                yes=decision.votes_yes,
                no=decision.votes_no,
                abstain=decision.votes_abstain,
            ),
            decision.result,
            results.get(decision.result, decision.result),
            due_cell(decision, overdue=overdue),
            statuses.get(decision.status, decision.status),
        )

    return format_html_join("", _ROW, (row(decision) for decision in decisions))


# As the meeting page's loop over the voting seats wrote each row.
_SEAT_ROW = """
      <tr><th scope="row">{}{}</th><td>{}</td>
        <td>{}</td></tr>
      """


@register.simple_tag
def seat_rows(seats) -> SafeString:
    """The <tr> of each voting seat with its attendance (pairs of a membership, user and
    partner loaded, and its attendance or None, represented_by__user loaded): the
    labels looked up once per table, not through `get_…_display` per row."""
    roles = {value: str(label) for value, label in Role.choices}
    statuses = {value: str(label) for value, label in AttendanceStatus.choices}
    not_recorded = gettext("not recorded")

    def row(seat, attendance):
        partner = format_html(" ({})", seat.partner.short_name) if seat.partner else ""
        if attendance:
            state = format_html(
                "{}{}",
                statuses.get(attendance.status, attendance.status),
                format_html(": {}", attendance.represented_by.user)
                if attendance.represented_by
                else "",
            )
        else:
            state = not_recorded
        return seat.user, partner, roles.get(seat.role, seat.role), state

    return format_html_join("", _SEAT_ROW, (row(seat, a) for seat, a in seats))


@register.simple_tag
def item_minutes(item, can_manage, frozen) -> SafeString:
    """An agenda item's minutes (`item.minutes` loaded, its corrections with their
    author prefetched) with their corrections, and the link to record one for the office
    once the minutes are approved (`can_manage` and `frozen`): the markup the meeting
    page's template wrote, white space included."""
    minutes = getattr(item, "minutes", None)
    if not minutes:
        return mark_safe("\n      \n      ")
    corrections = "".join(
        format_html(
            '\n        <div class="correction"><p><strong>{}</strong> – {}</p>'
            '<div class="prose">{}</div></div>\n        ',
            _translated(
                gettext("Correction of %(date)s by %(author)s"),
                date=date_filter(correction.corrected_on, "DATE_FORMAT"),
                author=str(correction.author),
            ),
            correction.reason,
            render_markdown(correction.text),
        )
        for correction in minutes.corrections.all()
    )
    link = ""
    if can_manage and frozen:
        link = format_html(
            '<p><a href="{}">{}<span class="visually-hidden"> TOP {}</span></a></p>',
            reverse("meetings:minutes_correction", args=[item.pk]),
            gettext("Record a correction"),
            localize(item.position),
        )
    return format_html(
        '\n      \n      <div class="minutes">\n        <h4>{} <span class="badge">{}</span>'
        '</h4>\n        <div class="prose">{}</div>\n        {}\n        {}\n      </div>\n'
        "      \n      ",
        gettext("Minutes"),
        {value: str(label) for value, label in MinutesStatus.choices}.get(
            minutes.status, minutes.status
        ),
        render_markdown(minutes.text),
        mark_safe(corrections),
        link,
    )
