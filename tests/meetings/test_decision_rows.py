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
    DecisionProgress,
    DecisionResult,
    DecisionStatus,
    Minutes,
    MinutesCorrection,
    MinutesStatus,
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


MINUTES_BLOCK = """{% load impuls %}{% for item in items %}
      {% with minutes=item.minutes %}
      {% if minutes %}
      <div class="minutes">
        <h4>{% translate "Minutes" %} <span class="badge">{{ minutes.get_status_display }}</span></h4>
        <div class="prose">{{ minutes.text|markdown }}</div>
        {% for correction in minutes.corrections.all %}
        <div class="correction"><p><strong>{% blocktranslate with date=correction.corrected_on|date:"DATE_FORMAT" author=correction.author %}Correction of {{ date }} by {{ author }}{% endblocktranslate %}</strong> – {{ correction.reason }}</p><div class="prose">{{ correction.text|markdown }}</div></div>
        {% endfor %}
        {% if can_manage and meeting.is_frozen %}<p><a href="{% url 'meetings:minutes_correction' item.pk %}">{% translate "Record a correction" %}<span class="visually-hidden"> TOP {{ item.position }}</span></a></p>{% endif %}
      </div>
      {% endif %}
      {% endwith %}{% endfor %}"""  # noqa: E501


def test_an_items_minutes_are_the_templates():
    corrected = Minutes(pk=5, status=MinutesStatus.APPROVED, text=f"**Protokoll** {EVIL}")
    corrected._prefetched_objects_cache = {
        "corrections": [
            MinutesCorrection(
                pk=pk,
                corrected_on=datetime.date(2026, 3, pk),
                author=User(username="gs", display_name=f"Geschäftsstelle {EVIL}"),
                reason=f"Tippfehler {EVIL}",
                text=f"Richtig: *{pk}* {EVIL}",
            )
            for pk in (1, 2)
        ]
    }
    plain = Minutes(pk=6, status=MinutesStatus.DRAFT, text="Kurz.")
    plain._prefetched_objects_cache = {"corrections": []}
    without = AgendaItem(pk=12, position=1234)
    without._state.fields_cache["minutes"] = None  # as select_related leaves it: none
    items = [
        AgendaItem(pk=11, position=1, minutes=corrected),
        without,
        AgendaItem(pk=13, position=3, minutes=plain),
    ]
    for can_manage, frozen in [(True, True), (True, False), (False, True)]:
        meeting = type("M", (), {"is_frozen": frozen})()
        context = {"items": items, "can_manage": can_manage, "meeting": meeting}
        written = render(
            "{% for item in items %}\n"
            "      {% item_minutes item can_manage meeting.is_frozen %}{% endfor %}",
            **context,
        )
        assert written == render(MINUTES_BLOCK, **context)
        assert "<script>" not in written and "Berichtigung vom 2. März 2026" in written
        assert ("/protokoll/berichtigung/" in written) == (can_manage and frozen)


AGENDA_LOOP = """{% for item in items %}
    <li id="top-{{ item.pk }}" class="agenda-item">
      <h3>TOP {{ item.position }}: {{ item.title }}{% if not item.is_public %} <span class="badge">{% translate "non-public" %}</span>{% endif %}</h3>
      {% if item.presenting_partner or item.presenter %}<p class="meta">{% translate "Presented by" %} {{ item.presenter|default:"" }}{% if item.presenter and item.presenting_partner %}, {% endif %}{{ item.presenting_partner.short_name|default:"" }}</p>{% endif %}
      {% if item.description %}<p class="prose">{{ item.description|linebreaksbr }}</p>{% endif %}
      {% if can_manage and meeting.accepts_agenda_changes %}
      <div class="actions item-actions">
        <a href="{% url 'meetings:agenda_item_update' item.pk %}">{% translate "Edit" %}<span class="visually-hidden"> TOP {{ item.position }}</span></a>
        <form method="post" action="{% url 'meetings:agenda_item_move' item.pk %}" class="inline-form">
          {% csrf_token %}
          {% if not forloop.first %}<button type="submit" name="richtung" value="hoch" class="button button-secondary button-small">{% translate "Move up" %}<span class="visually-hidden"> TOP {{ item.position }}</span></button>{% endif %}
          {% if not forloop.last %}<button type="submit" name="richtung" value="runter" class="button button-secondary button-small">{% translate "Move down" %}<span class="visually-hidden"> TOP {{ item.position }}</span></button>{% endif %}
        </form>
        <a href="{% url 'meetings:minutes_edit' item.pk %}">{% if item.minutes %}{% translate "Edit minutes" %}{% else %}{% translate "Write minutes" %}{% endif %}<span class="visually-hidden"> TOP {{ item.position }}</span></a>
        {% if meeting.accepts_decisions %}<a href="{% url 'meetings:decision_create' item.pk %}">{% translate "Record decision" %}<span class="visually-hidden"> TOP {{ item.position }}</span></a>{% endif %}
      </div>
      {% endif %}
      {% item_minutes item can_manage meeting.is_frozen %}
    </li>
    {% endfor %}"""  # noqa: E501


def test_the_agenda_items_are_the_templates():
    """Every branch of the agenda's loop: a non-public item, presenter and partner each
    alone and together, a description with line breaks, the office's actions while the
    agenda can change (first and last item without the move up and down), with and
    without minutes and the link to record a decision, and every value escaped."""
    partner = Partner(pk=7, name="Stadt", short_name=f"St {EVIL}")
    minutes = Minutes(pk=5, status=MinutesStatus.APPROVED, text=f"**Protokoll** {EVIL}")
    minutes._prefetched_objects_cache = {"corrections": []}
    items = []
    for pk, public, presenter, presenting, description, with_minutes in [
        (1, True, None, None, "", False),
        (2, False, User(username="vera", display_name=f"Vera {EVIL}"), None, "", True),
        (3, True, None, partner, f"Zeile 1\nZeile 2 {EVIL}", False),
        (4, False, User(username="otto"), partner, "Kurz", True),
        (1005, True, None, Partner(pk=8, name="Ohne Kurzname"), "", False),
    ]:
        item = AgendaItem(
            pk=pk,
            position=pk + 1000,
            title=f"Punkt {pk} {EVIL}",
            is_public=public,
            presenter=presenter,
            presenting_partner=presenting,
            description=description,
        )
        if with_minutes:
            item.minutes = minutes
        else:
            item._state.fields_cache["minutes"] = None  # as select_related leaves it
        items.append(item)
    for can_manage, accepts_changes, accepts_decisions, frozen in [
        (True, True, True, False),
        (True, True, False, False),
        (True, False, True, True),
        (False, True, True, False),
        (False, False, True, True),
    ]:
        meeting = type(
            "M",
            (),
            {
                "is_frozen": frozen,
                "accepts_agenda_changes": accepts_changes,
                "accepts_decisions": accepts_decisions,
            },
        )()
        context = {
            "items": items,
            "can_manage": can_manage,
            "meeting": meeting,
            "csrf_token": "tok<en>",
        }
        written = render("{% agenda_items items can_manage meeting %}", **context)
        assert written == render(AGENDA_LOOP, **context)
        assert "<script>" not in written and "Zeile 1<br>Zeile 2" in written
        assert ('value="runter"' in written) == (can_manage and accepts_changes)
    assert render("{% agenda_items items True meeting %}", items=[], meeting=meeting) == ""


def test_the_agenda_asks_for_no_corrections_when_the_meeting_has_none():
    """The meeting page's meeting says whether any minutes were corrected; without, the
    tag does not ask the minutes (no prefetch, no query: this test has no database)."""
    minutes = Minutes(pk=5, status=MinutesStatus.APPROVED, text="Protokoll.")
    item = AgendaItem(pk=1, position=1, title="Punkt", is_public=True, minutes=minutes)
    meeting = type(
        "M",
        (),
        {
            "is_frozen": True,
            "accepts_agenda_changes": False,
            "accepts_decisions": True,
            "has_minutes_corrections": False,
        },
    )()
    written = render("{% agenda_items items False meeting %}", items=[item], meeting=meeting)
    assert '<div class="minutes">' in written and "correction" not in written


PROGRESS_LOOP = """{% for entry in decision.progress.all %}
      <tr>
        <th scope="row"><time datetime="{{ entry.date|date:'Y-m-d' }}">{{ entry.date|date:"DATE_FORMAT" }}</time></th>
        <td>{{ entry.author }}</td>
        <td>{{ entry.note|linebreaksbr }}</td>
        <td>{{ entry.get_status_display }}</td>
      </tr>
      {% endfor %}"""  # noqa: E501


def test_the_progress_rows_are_the_templates():
    entries = [
        DecisionProgress(
            pk=pk,
            date=datetime.date(2026, month, 31 - pk),
            author=User(username="gs", display_name=f"Geschäftsstelle {pk} {EVIL}"),
            note=f"Zeile 1 {EVIL}\nZeile 2\n\nAbsatz",
            status=status,
        )
        for pk, month, status in [
            (1, 12, DecisionStatus.DONE),
            (2, 3, DecisionStatus.IN_PROGRESS),
            (3, 1, "unbekannt"),
        ]
    ]
    decision = Decision(pk=9)
    decision._prefetched_objects_cache = {"progress": entries}
    written = render("{% progress_rows decision.progress.all %}", decision=decision)
    assert written == render(PROGRESS_LOOP, decision=decision)
    assert "<script>" not in written and "Zeile 1 &lt;script&gt;" in written
    assert "<br>Zeile 2<br><br>Absatz" in written and "<td>unbekannt</td>" in written
    assert render("{% progress_rows entries %}", entries=[]) == ""
