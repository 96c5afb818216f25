"""A meeting's decisions written by `meetings.templatetags.meeting_decisions`: the markup
the template's loop wrote, character for character, with every title escaped."""

import datetime

from django.template import Context, Template
from django.utils import translation

from accounts.models import User
from cooperation.models import Membership, Partner, Role
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionResult,
    DecisionStatus,
)

DECISION_LOOP = """{% for decision in decisions %}
      <tr{% if decision.is_overdue %} class="overdue"{% endif %}>
        <th scope="row"><a href="{{ decision.get_absolute_url }}">{{ decision.number }}</a></th>
        <td>{{ decision.title }}{% if decision.quorum_override_reason %} <span class="badge">{% translate "without quorum" %}</span>{% endif %}</td>
        <td>{% blocktranslate with position=decision.agenda_item.position %}Item {{ position }}{% endblocktranslate %}</td>
        <td>{% blocktranslate with yes=decision.votes_yes no=decision.votes_no abstain=decision.votes_abstain %}{{ yes }} yes, {{ no }} no, {{ abstain }} abstentions{% endblocktranslate %} {% include "partials/decision_result.html" %}</td>
        <td>{% if decision.due_date %}<time datetime="{{ decision.due_date|date:'Y-m-d' }}">{{ decision.due_date|date:"DATE_FORMAT" }}</time>{% if decision.is_overdue %} <span class="overdue-label">{% translate "overdue" %}</span>{% endif %}{% else %}–{% endif %}</td>
        <td>{{ decision.get_status_display }}</td>
      </tr>
      {% endfor %}"""  # noqa: E501

EVIL = '<script>alert("x")</script> & Co'


def render(source, **context):
    with translation.override("de"):
        return Template("{% load i18n meeting_decisions %}" + source).render(Context(context))


def test_the_decision_rows_are_the_templates():
    past, future = datetime.date(2020, 1, 31), datetime.date(2099, 12, 31)
    decisions = [
        Decision(
            pk=pk,
            number=f"VS/2026/{pk}",
            title=f"Beschluss {pk} {EVIL}",
            agenda_item=AgendaItem(pk=pk, position=pk + 1000),
            votes_yes=1234,
            votes_no=0,
            votes_abstain=pk,
            result=result,
            status=status,
            due_date=due,
            quorum_override_reason=reason,
        )
        for pk, result, status, due, reason in [
            (1, DecisionResult.ADOPTED, DecisionStatus.OPEN, past, ""),
            (2, DecisionResult.ADOPTED, DecisionStatus.IN_PROGRESS, future, "Eilig"),
            (3, DecisionResult.REJECTED, DecisionStatus.OPEN, None, ""),
            (4, DecisionResult.ADOPTED, DecisionStatus.DONE, past, ""),
        ]
    ]
    written = render("{% decision_rows decisions %}", decisions=decisions)
    assert written == render(DECISION_LOOP, decisions=decisions)
    assert "<script>" not in written and 'class="overdue"' in written
    assert "<td>TOP 1001</td>" in written


SEAT_LOOP = """{% for seat, attendance in seats %}
      <tr><th scope="row">{{ seat.user }}{% if seat.partner %} ({{ seat.partner.short_name }}){% endif %}</th><td>{{ seat.get_role_display }}</td>
        <td>{% if attendance %}{{ attendance.get_status_display }}{% if attendance.represented_by %}: {{ attendance.represented_by.user }}{% endif %}{% else %}{% translate "not recorded" %}{% endif %}</td></tr>
      {% endfor %}"""  # noqa: E501


def test_the_seat_rows_are_the_templates():
    chair = Membership(
        pk=1,
        user=User(username="chair", display_name=f"Vorsitz {EVIL}"),
        role=Role.CHAIR,
        partner=Partner(pk=7, name="Stadt", short_name=f"St {EVIL}"),
    )
    member = Membership(
        pk=2,
        user=User(username="erika", first_name="Erika", last_name=f"Muster {EVIL}"),
        role=Role.MEMBER,
    )
    guest = Membership(pk=3, user=User(username=f"gast{EVIL}"), role=Role.DEPUTY_CHAIR)
    deputy = Membership(pk=4, user=User(username="dora", display_name=f"Vertretung {EVIL}"))
    seats = [
        (chair, Attendance(status=AttendanceStatus.REPRESENTED, represented_by=deputy)),
        (member, Attendance(status=AttendanceStatus.PRESENT)),
        (guest, None),
    ]
    written = render("{% seat_rows seats %}", seats=seats)
    assert written == render(SEAT_LOOP, seats=seats)
    assert "<script>" not in written and ": Vertretung &lt;script&gt;" in written
    assert "nicht erfasst" in written and render("{% seat_rows seats %}", seats=[]) == ""
