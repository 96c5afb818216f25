"""The rows of the findings table and of the working group's members and tasks written by
the tags of `workinggroups.templatetags` (`finding_rows`, `member_rows`, `task_rows`):
the markup the template's loops wrote, character for character, with every name
escaped."""

import datetime

from django.template import Context, Template
from django.utils import timezone, translation

from cooperation.models import Body, Membership, Role
from functions.models import CentralFunction, FunctionArea
from meetings.models import Decision, DecisionResult, DecisionStatus, Meeting, MeetingStatus
from workinggroups.models import Finding, FindingStatus, FindingType, WorkingGroup

from ..factories import UserFactory

FINDING_LOOP = """{% for finding in findings %}
    <tr>
      <th scope="row"><a href="{{ finding.get_absolute_url }}">{{ finding.title }}</a></th>
      <td>{{ finding.get_type_display }}</td>
      {% if show_group %}<td><a href="{% url 'workinggroups:group_detail' finding.group_id %}">{{ finding.group.body.name }}</a></td>{% endif %}
      <td>{{ finding.function_area }}{% if finding.central_function %}: {{ finding.central_function }}{% endif %}</td>
      <td>{% if finding.is_draft %}<span class="badge">{{ finding.get_status_display }}</span>{% else %}{{ finding.get_status_display }}{% endif %}</td>
      <td><time datetime="{{ finding.modified|date:'c' }}">{{ finding.modified|date:"DATETIME_FORMAT" }}</time></td>
    </tr>
    {% endfor %}"""  # noqa: E501

MEMBER_LOOP = """{% for m in memberships %}
      <tr>
        <th scope="row">{{ m.user }}</th>
        <td>{{ m.get_role_display }}{% if m.deputy_for %} ({% blocktranslate with who=m.deputy_for.user %}deputy for {{ who }}{% endblocktranslate %}){% endif %}</td>
        <td>{% if m.partner %}<a href="{% url 'cooperation:partner_detail' m.partner_id %}">{{ m.partner.short_name|default:m.partner.name }}</a>{% else %}–{% endif %}</td>
        <td>{{ m.valid_from|date:"DATE_FORMAT" }}</td>
      </tr>
      {% endfor %}"""  # noqa: E501

EVIL = '<script>alert("x")</script> & Co'


def render(source, **context):
    with translation.override("de"):
        return Template("{% load i18n findings groups %}" + source).render(Context(context))


def _findings():
    group = WorkingGroup(body=Body(pk=5, name=f"AG {EVIL}"))
    area = FunctionArea(pk=1, name=f"Bereich {EVIL}")
    function = CentralFunction(pk=2, name=f"Funktion {EVIL}", area=area)
    modified = timezone.make_aware(datetime.datetime(2026, 3, 29, 1, 30))
    return [
        Finding(
            pk=pk,
            group=group,
            type=kind,
            status=status,
            title=f"Befund {pk} {EVIL}",
            function_area=area,
            central_function=central,
            modified=modified + datetime.timedelta(hours=pk),
        )
        for pk, kind, status, central in [
            (11, FindingType.OBSTACLE, FindingStatus.DRAFT, function),
            (12, FindingType.RECOMMENDATION, FindingStatus.AGREED, None),
            (13, FindingType.INVENTORY, FindingStatus.DISCUSSION, function),
        ]
    ]


def test_the_finding_rows_are_the_templates_with_and_without_the_group():
    findings = _findings()
    for show_group in (True, False):
        written = render(
            "{% finding_rows findings show_group %}", findings=findings, show_group=show_group
        )
        assert written == render(FINDING_LOOP, findings=findings, show_group=show_group)
        assert "<script>" not in written and "&lt;script&gt;" in written
        assert ('href="/arbeitsgruppen/5/"' in written) == show_group
    assert render("{% finding_rows findings True %}", findings=[]) == ""


def test_the_member_rows_are_the_templates(db):
    """The rows read by the page's selector (columns, no models) written by the tag are
    what the template's loop wrote of the memberships themselves."""
    from workinggroups.selectors.groups import _current_members

    from .. import factories as f

    body = f.BodyFactory(name="AG Rows")
    lead_user = UserFactory(username="lead", display_name=f"Leitung {EVIL}")
    lead = f.membership(
        lead_user,
        body,
        Role.LEAD,
        partner=f.PartnerFactory(name=f"Stadt {EVIL}", short_name=""),
        valid_from=datetime.date(2024, 2, 1),
    )
    f.membership(
        UserFactory(username="erika", display_name="", first_name="Erika", last_name="Muster"),
        body,
        Role.DEPUTY_MEMBER,
        partner=f.PartnerFactory(name="Landkreis", short_name=f"LK {EVIL}"),
        deputy_for=lead,
        valid_from=datetime.date(2025, 12, 31),
    )
    f.membership(
        UserFactory(username="nur.name", display_name="", first_name="", last_name=""),
        body,
        Role.MEMBER,
        valid_from=datetime.date(2026, 1, 1),
    )
    memberships = list(Membership.objects.current().filter(body=body).in_role_order())
    assert len(memberships) == 3
    written = render("{% member_rows members %}", members=_current_members(body))
    assert written == render(MEMBER_LOOP, memberships=memberships)
    assert "<script>" not in written and "Stellvertretung für Leitung &lt;script&gt;" in written
    assert "Erika Muster" in written and "nur.name" in written


TASK_LOOP = """{% for decision in decisions %}
      <tr{% if decision.is_overdue %} class="overdue"{% endif %}>
        <th scope="row"><a href="{{ decision.get_absolute_url }}">{{ decision.number }}</a></th>
        <td>{{ decision.title }}</td>
        <td>{% if decision.due_date %}<time datetime="{{ decision.due_date|date:'Y-m-d' }}">{{ decision.due_date|date:"DATE_FORMAT" }}</time>{% if decision.is_overdue %} <span class="overdue-label">{% translate "overdue" %}</span>{% endif %}{% else %}–{% endif %}</td>
        <td>{{ decision.get_status_display }}</td>
        <td>{% if decision.pk in updatable_decisions %}<a href="{% url 'meetings:decision_progress' decision.pk %}">{% translate "Enter progress" %}<span class="visually-hidden"> {{ decision.number }}</span></a>{% endif %}</td>
      </tr>
      {% endfor %}"""  # noqa: E501


def test_the_task_rows_are_the_templates():
    past, future = datetime.date(2020, 1, 31), datetime.date(2099, 12, 31)
    decisions = [
        Decision(
            pk=pk,
            number=f"VS/2026/{pk}",
            title=f"Auftrag {pk} {EVIL}",
            result=DecisionResult.ADOPTED,
            status=status,
            due_date=due,
        )
        for pk, status, due in [
            (1, DecisionStatus.OPEN, past),
            (2, DecisionStatus.IN_PROGRESS, future),
            (3, DecisionStatus.OPEN, None),
        ]
    ]
    for updatable in (set(), {1, 3}):
        written = render(
            "{% task_rows decisions updatable_decisions %}",
            decisions=decisions,
            updatable_decisions=updatable,
        )
        assert written == render(TASK_LOOP, decisions=decisions, updatable_decisions=updatable)
        assert "<script>" not in written
        assert ("Fortschritt" in written) == bool(updatable)


MEETING_LOOP = """{% for meeting in meetings %}<li><a href="{{ meeting.get_absolute_url }}">{{ meeting.title }}</a>, <time datetime="{{ meeting.starts_at|date:'c' }}">{{ meeting.starts_at|date:"DATETIME_FORMAT" }}</time> – {{ meeting.get_status_display }}</li>{% endfor %}"""  # noqa: E501


def test_the_meeting_items_are_the_templates_in_local_time():
    # 23:30 UTC on New Year's Eve is the next day and year in Germany.
    late = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)
    meetings = [
        Meeting(pk=pk, title=f"Sitzung {pk} {EVIL}", starts_at=late, status=status)
        for pk, status in [(4, MeetingStatus.HELD), (9, MeetingStatus.CANCELLED)]
    ]
    written = render("{% meeting_items meetings %}", meetings=meetings)
    assert written == render(MEETING_LOOP, meetings=meetings)
    assert "<script>" not in written and "1. Januar 2026" in written
    assert 'href="/sitzungen/9/"' in written and render("{% meeting_items m %}", m=[]) == ""


REPORT_LOOP = """{% for report in reports %}
      <tr>
        <th scope="row"><a href="{% url 'workinggroups:report_detail' report.pk %}">{% blocktranslate with version=report.version %}Version {{ version }}{% endblocktranslate %}</a></th>
        <td>{{ report.period_from|date:"DATE_FORMAT" }} – {{ report.period_until|date:"DATE_FORMAT" }}</td>
        <td>{% if report.submitted_at %}<time datetime="{{ report.submitted_at|date:'c' }}">{{ report.submitted_at|date:"DATETIME_FORMAT" }}</time>{% if report.agenda_item %} ({% blocktranslate with meeting=report.agenda_item.meeting %}to {{ meeting }}{% endblocktranslate %}){% endif %}{% else %}{% translate "not yet submitted" %}{% endif %}</td>
      </tr>
      {% endfor %}"""  # noqa: E501


def test_the_report_rows_are_the_templates_in_local_time():
    from meetings.models import AgendaItem
    from workinggroups.models import WorkingGroupReport

    # 23:30 UTC on New Year's Eve is the next day and year in Germany.
    new_year = timezone.make_aware(datetime.datetime(2025, 12, 31, 23, 30), datetime.UTC)
    meeting = Meeting(pk=4, title=f"Sitzung {EVIL}", starts_at=new_year)
    reports = [
        WorkingGroupReport(
            pk=pk,
            version=version,
            period_from=datetime.date(2025, 1, 1),
            period_until=datetime.date(2025, 12, 31),
            submitted_at=submitted,
            agenda_item=item,
        )
        for pk, version, submitted, item in [
            (9, 1234, new_year, AgendaItem(pk=3, meeting=meeting)),
            (8, 2, new_year - datetime.timedelta(days=40), None),
            (7, 1, None, None),
        ]
    ]
    written = render("{% report_rows reports %}", reports=reports)
    assert written == render(REPORT_LOOP, reports=reports)
    assert "<script>" not in written and "&lt;script&gt;" in written
    assert "01.01.2026" in written and "noch nicht eingereicht" in written
    assert render("{% report_rows reports %}", reports=[]) == ""


STATUS_LOOP = """{% for value, label, n in findings_by_status %}{% if n %}<a href="{% url 'workinggroups:finding_list' %}?arbeitsgruppe={{ group_pk }}&amp;status={{ value }}">{{ label }}: {{ n }}</a>{% if not forloop.last %} · {% endif %}{% endif %}{% endfor %}"""  # noqa: E501


def test_the_finding_status_links_are_the_templates():
    labels = [(value, label) for value, label in FindingStatus.choices]
    for counts in ([3, 0, 12], [0, 2, 0], [1, 1, 1], [0, 0, 0], [5, 0, 1234]):
        by_status = [
            (value, f"{label} {EVIL}", n) for (value, label), n in zip(labels, counts, strict=True)
        ]
        written = render(
            "{% finding_status_links group_pk findings_by_status %}",
            group_pk=12345,
            findings_by_status=by_status,
        )
        assert written == render(STATUS_LOOP, group_pk=12345, findings_by_status=by_status)
        assert "<script>" not in written
