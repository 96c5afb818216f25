"""The rows of a meeting's decisions (and of a decision's progress log), written in Python.

A board meeting records a dozen decisions and more, and in the template language each
row cost two translations with numbers in them, an include and two date formats. The tag
writes the markup the template wrote with `format_html`, which escapes every value (the
titles), with the link's address made once per table and the labels looked up once.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.defaulttags import CsrfTokenNode
from django.utils import dateformat
from django.utils.formats import get_format, localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cooperation.models import Role
from core.links import row_address
from core.markdown import render_markdown

from ..models import AttendanceStatus, DecisionResult, DecisionStatus, MinutesStatus

register = template.Library()


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


def due_cell(decision, *, overdue: bool, date_format: str | None = None) -> SafeString:
    """A decision's due date with its "overdue" mark, or a dash (the content of its
    table cell on the meeting and the working-group pages). `date_format`: the
    DATE_FORMAT looked up once per table (what the date filter looks up each time)."""
    if not decision.due_date:
        return "–"
    return format_html(
        '<time datetime="{}">{}</time>{}',
        dateformat.format(decision.due_date, "Y-m-d"),
        dateformat.format(decision.due_date, date_format or get_format("DATE_FORMAT")),
        format_html(' <span class="overdue-label">{}</span>', gettext("overdue"))
        if overdue
        else "",
    )


@register.simple_tag
def decision_rows(decisions) -> SafeString:
    """The <tr> of each of a meeting's decisions (agenda_item loaded)."""
    decision_url = row_address("meetings:decision_detail")
    results = {value: str(label) for value, label in DecisionResult.choices}
    statuses = {value: str(label) for value, label in DecisionStatus.choices}
    without_quorum = format_html(' <span class="badge">{}</span>', gettext("without quorum"))
    item_label = gettext("Item %(position)s")
    votes_label = gettext("%(yes)s yes, %(no)s no, %(abstain)s abstentions")
    date_format = get_format("DATE_FORMAT")

    def row(decision):
        overdue = decision.is_overdue()
        return (
            mark_safe(' class="overdue"') if overdue else "",
            decision_url(decision.pk),
            decision.number,
            decision.title,
            without_quorum if decision.quorum_override_reason else "",
            _translated(item_label, position=decision.agenda_item.position),
            _translated(
                votes_label,
                yes=decision.votes_yes,
                no=decision.votes_no,
                abstain=decision.votes_abstain,
            ),
            decision.result,
            results.get(decision.result, decision.result),
            due_cell(decision, overdue=overdue, date_format=date_format),
            statuses.get(decision.status, decision.status),
        )

    return format_html_join("", _ROW, (row(decision) for decision in decisions))


# As the meeting page's loop over the voting seats wrote each row.
_SEAT_ROW = """
      <tr><th scope="row">{}{}</th><td>{}</td>
        <td>{}</td></tr>
      """


# As the decision page's loop wrote each progress entry, white space included.
_PROGRESS_ROW = """
      <tr>
        <th scope="row"><time datetime="{}">{}</time></th>
        <td>{}</td>
        <td>{}</td>
        <td>{}</td>
      </tr>
      """


@register.simple_tag
def progress_rows(entries) -> SafeString:
    """The rows of a decision's progress log (its authors loaded): date, author, note
    and the status afterwards, with the labels and the date format looked up once."""
    statuses = {value: str(label) for value, label in DecisionStatus.choices}
    date_format = get_format("DATE_FORMAT")
    return format_html_join(
        "",
        _PROGRESS_ROW,
        (
            (
                dateformat.format(entry.date, "Y-m-d"),
                dateformat.format(entry.date, date_format),
                entry.author,
                linebreaksbr(entry.note, autoescape=True),
                statuses.get(entry.status, entry.status),
            )
            for entry in entries
        ),
    )


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


class _MinutesWriter:
    """Writes an agenda item's minutes block, the labels and formats looked up once
    for the whole agenda."""

    def __init__(self, *, can_manage: bool, frozen: bool, corrections: bool = True):
        self.link = can_manage and frozen
        self.corrections = corrections
        self.heading = gettext("Minutes")
        self.statuses = {value: str(label) for value, label in MinutesStatus.choices}
        self.correction_label = gettext("Correction of %(date)s by %(author)s")
        self.record_label = gettext("Record a correction")
        self.date_format = get_format("DATE_FORMAT")
        if self.link:
            self.correction_url = row_address("meetings:minutes_correction")

    def __call__(self, item, position: str) -> SafeString:
        minutes = getattr(item, "minutes", None)
        if not minutes:
            return mark_safe("\n      \n      ")
        corrections = "".join(
            format_html(
                '\n        <div class="correction"><p><strong>{}</strong> – {}</p>'
                '<div class="prose">{}</div></div>\n        ',
                _translated(
                    self.correction_label,
                    date=dateformat.format(correction.corrected_on, self.date_format),
                    author=str(correction.author),
                ),
                correction.reason,
                render_markdown(correction.text),
            )
            for correction in (minutes.corrections.all() if self.corrections else ())
        )
        link = ""
        if self.link:
            link = format_html(
                '<p><a href="{}">{}<span class="visually-hidden"> TOP {}</span></a></p>',
                self.correction_url(item.pk),
                self.record_label,
                position,
            )
        return format_html(
            '\n      \n      <div class="minutes">\n        <h4>{} <span class="badge">{}</span>'
            '</h4>\n        <div class="prose">{}</div>\n        {}\n        {}\n      </div>\n'
            "      \n      ",
            self.heading,
            self.statuses.get(minutes.status, minutes.status),
            render_markdown(minutes.text),
            mark_safe(corrections),
            link,
        )


@register.simple_tag
def item_minutes(item, can_manage, frozen) -> SafeString:
    """An agenda item's minutes (`item.minutes` loaded, its corrections with their
    author prefetched) with their corrections, and the link to record one for the office
    once the minutes are approved (`can_manage` and `frozen`): the markup the meeting
    page's template wrote, white space included."""
    return _MinutesWriter(can_manage=can_manage, frozen=frozen)(item, localize(item.position))


# As the meeting page's loop over the agenda wrote each item, white space included.
_ITEM = """
    <li id="top-{}" class="agenda-item">
      <h3>TOP {}: {}{}</h3>
      {}
      {}
      {}
      {}
    </li>
    """
_ITEM_ACTIONS = """
      <div class="actions item-actions">
        <a href="{}">{}<span class="visually-hidden"> TOP {}</span></a>
        <form method="post" action="{}" class="inline-form">
          {}
          {}
          {}
        </form>
        <a href="{}">{}<span class="visually-hidden"> TOP {}</span></a>
        {}
      </div>
      """
_BUTTON = (
    '<button type="submit" name="richtung" value="{}" class="button button-secondary'
    ' button-small">{}<span class="visually-hidden"> TOP {}</span></button>'
)


@register.simple_tag(takes_context=True)
def agenda_items(context, items, can_manage, meeting) -> SafeString:
    """The <li> of each agenda item of the meeting page (presenter, presenting partner
    and minutes loaded, the minutes' corrections prefetched): its title, presenter,
    description, the office's actions while the agenda can change (`can_manage`) and
    its minutes. The markup the template's loop wrote, white space included, with the
    labels, addresses and the form's token made once per agenda, not once per item.
    The corrections are asked of the minutes unless `meeting.has_minutes_corrections`
    says there are none."""
    non_public = format_html(' <span class="badge">{}</span>', gettext("non-public"))
    presented_by = gettext("Presented by")
    minutes = _MinutesWriter(
        can_manage=can_manage,
        frozen=meeting.is_frozen,
        # The meeting page's meeting says whether it has any (else they are not read).
        corrections=getattr(meeting, "has_minutes_corrections", True),
    )
    actions = None
    if can_manage and meeting.accepts_agenda_changes:
        update, move = (
            row_address("meetings:agenda_item_update"),
            row_address("meetings:agenda_item_move"),
        )
        edit_minutes = row_address("meetings:minutes_edit")
        record = row_address("meetings:decision_create") if meeting.accepts_decisions else None
        # Each label a literal gettext call: makemessages only finds those.
        labels = {
            "Edit": gettext("Edit"),
            "Move up": gettext("Move up"),
            "Move down": gettext("Move down"),
            "Edit minutes": gettext("Edit minutes"),
            "Write minutes": gettext("Write minutes"),
            "Record decision": gettext("Record decision"),
        }
        token = CsrfTokenNode().render(context)

        def actions(item, position, first, last):
            return format_html(
                _ITEM_ACTIONS,
                update(item.pk),
                labels["Edit"],
                position,
                move(item.pk),
                token,
                "" if first else format_html(_BUTTON, "hoch", labels["Move up"], position),
                "" if last else format_html(_BUTTON, "runter", labels["Move down"], position),
                edit_minutes(item.pk),
                labels["Edit minutes"]
                if getattr(item, "minutes", None)
                else labels["Write minutes"],
                position,
                format_html(
                    '<a href="{}">{}<span class="visually-hidden"> TOP {}</span></a>',
                    record(item.pk),
                    labels["Record decision"],
                    position,
                )
                if record
                else "",
            )

    def row(index, item):
        position = localize(item.position)
        partner, presenter = item.presenting_partner, item.presenter
        meta = ""
        if partner or presenter:
            meta = format_html(
                '<p class="meta">{} {}{}{}</p>',
                presented_by,
                presenter or "",
                ", " if presenter and partner else "",
                (partner.short_name if partner else "") or "",
            )
        return (
            localize(item.pk),
            position,
            item.title,
            "" if item.is_public else non_public,
            meta,
            format_html('<p class="prose">{}</p>', linebreaksbr(item.description, autoescape=True))
            if item.description
            else "",
            actions(item, position, index == 0, index == len(items) - 1) if actions else "",
            minutes(item, position),
        )

    return format_html_join("", _ITEM, (row(index, item) for index, item in enumerate(items)))
