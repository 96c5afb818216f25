"""The working-group page: mandate, members, meetings, commissioned tasks, findings, reports."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from cooperation.models import Membership, Role
from meetings import services as meeting_services
from meetings.models import Decision, DecisionStatus
from workinggroups.models import WorkingGroupReport

from .. import factories as f
from ..charts import picture


def _page(client, world, user):
    client.force_login(user)
    response = client.get(reverse("workinggroups:group_detail", args=[world.working_group.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def lead(world):
    user = f.UserFactory(username="lena", display_name="AG-Leitung")
    f.membership(user, world.working_group.body, Role.LEAD, partner=world.halberstadt)
    return user


def test_it_shows_the_groups_profile_members_and_commissioning_decision(client, world):
    page = _page(client, world, world.board_member)

    assert "AG Verkehrsinfrastruktur" in page
    assert world.working_group.function_area.name in page
    assert "Stadt Halberstadt" in page  # lead partner
    assert "Bestandsaufnahme erstellen" in page  # mandate
    assert world.decision.get_absolute_url() in page
    assert world.decision.number in page
    assert "AG-Mitglied" in page and "Mitglied" in page


def test_it_hides_a_non_public_commissioning_decision_from_non_members(client, world):
    secret = meeting_services.decision_record(
        item=world.confidential_item,
        title="Vertraulicher Auftrag",
        text="Nur für das Gremium.",
        votes_yes=1,
        commissioned_groups=[world.working_group.body],
        actor=world.office,
    )

    assert secret.number not in _page(client, world, world.wg_member)
    assert secret.number in _page(client, world, world.board_member)


def test_it_marks_overdue_tasks_and_offers_progress_only_to_the_lead_and_office(
    client, world, lead
):
    world.decision.due_date = timezone.localdate() - datetime.timedelta(days=3)
    world.decision.save()
    progress_url = reverse("meetings:decision_progress", args=[world.decision.pk])

    member_page = _page(client, world, world.wg_member)
    lead_page = _page(client, world, lead)
    office_page = _page(client, world, world.office)

    assert "überfällig" in member_page
    assert progress_url not in member_page
    assert progress_url in lead_page
    assert progress_url in office_page


def test_it_lists_the_groups_meetings(client, world):
    body = world.working_group.body
    soon = timezone.now() + datetime.timedelta(days=7)
    f.MeetingFactory(body=body, title="Nächste AG-Sitzung", starts_at=soon,
                     ends_at=soon + datetime.timedelta(hours=2))  # fmt: skip
    f.MeetingFactory(body=world.board, title="Sitzung des Gremiums")

    page = _page(client, world, world.board_member)

    assert "Nächste AG-Sitzung" in page
    assert "Sitzung des Gremiums" not in page


def test_it_offers_recording_findings_to_members_and_reports_to_the_lead(client, world, lead):
    create_url = reverse("workinggroups:finding_create", args=[world.working_group.pk])
    report_url = reverse("workinggroups:report_create", args=[world.working_group.pk])

    outsider = _page(client, world, world.board_member)
    member = _page(client, world, world.wg_member)
    leader = _page(client, world, lead)

    assert create_url not in outsider and report_url not in outsider
    assert create_url in member and report_url not in member
    assert create_url in leader and report_url in leader


def test_it_lists_submitted_reports_for_everyone_and_unsubmitted_ones_for_members(client, world):
    period = {"period_from": datetime.date(2026, 1, 1), "period_until": datetime.date(2026, 3, 31)}
    draft = WorkingGroupReport.objects.create(group=world.working_group, version=1, **period)
    submitted = WorkingGroupReport.objects.create(
        group=world.working_group, version=2, submitted_at=timezone.now(), **period
    )
    draft_url = reverse("workinggroups:report_detail", args=[draft.pk])
    submitted_url = reverse("workinggroups:report_detail", args=[submitted.pk])

    outsider = _page(client, world, world.board_member)
    member = _page(client, world, world.wg_member)

    assert submitted_url in outsider and draft_url not in outsider
    assert submitted_url in member and draft_url in member
    assert "noch nicht eingereicht" in member


def test_it_is_linked_from_the_body_page(client, world):
    client.force_login(world.board_member)

    page = client.get(reverse("cooperation:body_detail", args=[world.working_group.pk]))

    assert world.working_group.get_absolute_url() in page.content.decode()
    assert "Seite der Arbeitsgruppe" in page.content.decode()


def test_it_lists_a_report_on_a_non_public_item_only_for_those_who_may_read_it(client, world):
    report = WorkingGroupReport.objects.create(
        group=world.working_group,
        version=1,
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2026, 3, 31),
        agenda_item=world.confidential_item,
        submitted_at=timezone.now(),
    )
    url = reverse("workinggroups:report_detail", args=[report.pk])

    assert url in _page(client, world, world.board_member)
    assert url in _page(client, world, world.wg_member)
    assert url not in _page(client, world, world.admin_halberstadt)


def _rows(page: str) -> int:
    return page.count("<tr")


def _grow(world, n, start=0):
    """n findings shared for discussion, n open decisions commissioned to the group."""
    from workinggroups import services as wg_services
    from workinggroups.models import FindingStatus, FindingType

    group = world.working_group
    for i in range(start, start + n):
        finding = wg_services.finding_create(
            group=group,
            author=world.wg_member,
            actor=world.wg_member,
            type=FindingType.OBSTACLE,
            title=f"Zusatzbefund {i}",
            text="Es fehlt eine Verbindung.",
            function_area=group.function_area,
        )
        wg_services.finding_set_status(
            finding=finding, status=FindingStatus.DISCUSSION, actor=world.wg_member, as_lead=False
        )
        meeting_services.decision_record(
            votes_yes=1,
            item=world.public_item,
            title=f"Auftrag {i}",
            text="Die AG wird beauftragt.",
            due_date=timezone.localdate() + datetime.timedelta(days=i),
            commissioned_groups=[group.body],
            actor=world.office,
        )


def test_it_shows_the_latest_rows_with_counts_and_links_however_many_there_are(client, world):
    _grow(world, 3)
    small = _page(client, world, world.board_member)
    _grow(world, 27, start=3)
    large = _page(client, world, world.board_member)

    # The rendered rows stop growing at the page's limits; the counts and links say the rest.
    assert _rows(large) <= _rows(small) + 20
    _grow(world, 30, start=30)
    assert _rows(_page(client, world, world.board_member)) == _rows(large)
    group = world.working_group.pk
    assert f"{reverse('workinggroups:finding_list')}?arbeitsgruppe={group}" in large
    assert f"{reverse('meetings:decision_list')}?arbeitsgruppe={group}" in large
    findings = reverse("workinggroups:finding_list")
    by_status = f"{findings}?arbeitsgruppe={group}&amp;status=discussion"
    assert by_status in large
    listed = client.get(by_status.replace("&amp;", "&"))
    assert listed.status_code == 200 and "Zusatzbefund 59<" in listed.content.decode()
    assert "Zusatzbefund 29<" in large and "Zusatzbefund 0<" not in large  # the latest first


def test_it_counts_the_meetings_and_reports_beyond_those_shown(client, world):
    from workinggroups import services as wg_services

    group = world.working_group
    start = timezone.now() + datetime.timedelta(days=1)
    for n in range(7):
        f.MeetingFactory(
            body=group.body,
            title=f"AG-Termin {n}",
            starts_at=start + datetime.timedelta(days=n),
            ends_at=start + datetime.timedelta(days=n, hours=2),
        )
    today = timezone.localdate()
    for n in range(7):
        wg_services.report_create(
            group=group,
            period_from=today - datetime.timedelta(days=30),
            period_until=today,
            summary=f"Bericht {n}",
            findings=[],
            actor=world.wg_lead,
        )

    page = _page(client, world, world.wg_member)

    assert "AG-Termin 4" in page and "AG-Termin 5" not in page  # the next five
    assert "Angezeigt: die neuesten 5 von 7 Versionen." in page


def _commission(world, title, *, status=None, due=None, item=None):
    decision = meeting_services.decision_record(
        item=item or world.public_item,
        title=title,
        text="Auftrag.",
        votes_yes=1,
        commissioned_groups=[world.working_group.body],
        actor=world.office,
    )
    Decision.objects.filter(pk=decision.pk).update(
        status=status or DecisionStatus.OPEN, due_date=due
    )
    return decision


def test_it_draws_the_progress_of_the_commissioned_decisions(client, world):
    today = timezone.localdate()
    past, future = today - datetime.timedelta(days=3), today + datetime.timedelta(days=30)
    Decision.objects.filter(pk=world.decision.pk).update(
        status=DecisionStatus.DONE,
        due_date=past,  # done: never overdue
    )
    _commission(world, "Zweiter Auftrag", status=DecisionStatus.DONE)
    _commission(world, "Verworfen", status=DecisionStatus.DROPPED, due=past)
    _commission(world, "Läuft", status=DecisionStatus.IN_PROGRESS, due=future)
    _commission(world, "Überfällig 1", due=past)
    _commission(world, "Überfällig 2", status=DecisionStatus.IN_PROGRESS, due=past)
    _commission(world, "Ohne Frist")

    chart = picture(_page(client, world, world.board_member), "chart-tasks")

    assert chart.shapes == {"done": 2, "dropped": 1, "open": 2, "overdue": 2}
    assert chart.table["Erledigt"] == ["2", "29 %"]
    assert chart.table["Verworfen"] == ["1", "14 %"]
    assert chart.table["Offen, noch nicht fällig"] == ["2", "29 %"]
    assert chart.table["Überfällig"] == ["2", "29 %"]
    assert chart.table["Gesamt"] == ["7", "100 %"]
    assert "Überfällig: 2" in chart.legend  # in words, not by colour alone
    assert "Erledigt: 2 (29 %)" in chart.desc
    assert chart.svg_attrs["role"] == "img"
    assert chart.svg_attrs["viewbox"] == "0 0 320 32"
    assert chart.svg_attrs["width"] == "100%"
    # Still open: the two overdue and the two not yet due, of all seven.
    page = _page(client, world, world.board_member)
    assert "4 von 7 beauftragten Beschlüssen noch offen." in page


def test_it_counts_a_non_public_commission_only_for_those_who_may_see_it(client, world):
    _commission(world, "Vertraulich", item=world.confidential_item)

    outsider = picture(_page(client, world, world.wg_member), "chart-tasks")
    member = picture(_page(client, world, world.board_member), "chart-tasks")

    assert sum(outsider.shapes.values()) == 1
    assert sum(member.shapes.values()) == 2


@pytest.mark.django_db
def test_it_names_whom_a_deputy_stands_in_for_without_reading_more(
    client, world, django_assert_max_num_queries
):
    body = world.working_group.body
    seat = body.memberships.get(user=world.wg_member)
    client.force_login(world.board_member)
    url = reverse("workinggroups:group_detail", args=[world.working_group.pk])
    client.get(url)
    with django_assert_max_num_queries(100) as before:
        client.get(url)
    deputy = f.UserFactory(username="dieter", display_name="Dieter Vertreter")
    f.membership(deputy, body, Role.DEPUTY_MEMBER, partner=world.wernigerode, deputy_for=seat)
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = client.get(url).content.decode()
    assert "Dieter Vertreter" in html
    assert "Stellvertretung für AG-Mitglied" in html


@pytest.mark.django_db
def test_its_members_are_in_the_role_order_of_in_role_order(client, world):
    """The page sorts by role in Python (`sorted_by_role`); the order is the database's
    `in_role_order`: by role rank, then partner, name and key."""
    body = world.working_group.body
    seat = None
    for name, role, partner in [
        ("Zora Gast", Role.GUEST, None),
        ("Carl Mitglied", Role.MEMBER, world.halberstadt),
        ("Anna Stellv", Role.DEPUTY_MEMBER, world.halberstadt),
        ("Bert Leitung", Role.LEAD, world.wernigerode),
        ("Alma Mitglied", Role.MEMBER, world.wernigerode),
        ("Dora Mitglied", Role.MEMBER, None),
        ("Gerd Gast", Role.GUEST, world.wernigerode),
    ]:
        deputy_for = seat if role == Role.DEPUTY_MEMBER else None
        user = f.UserFactory(display_name=name)
        seat = f.membership(user, body, role, partner=partner, deputy_for=deputy_for)
    expected = [str(m.user) for m in Membership.objects.current().filter(body=body).in_role_order()]
    assert len(expected) > 6
    client.force_login(world.board_member)
    html = client.get(reverse("workinggroups:group_detail", args=[world.working_group.pk]))
    table = html.content.decode().split('id="group-detail-table-1"')[1].split("</table>")[0]
    rows = [row.split("</th>")[0] for row in table.split('<th scope="row">')[1:]]
    assert rows == [escape(name) for name in expected]


def _task_numbers(page):
    table = page.split('id="group-detail-table-2"')[1].split("</table>")[0]
    return [row.split('">')[1].split("</a>")[0] for row in table.split('<th scope="row">')[1:]]


def test_it_lists_only_open_tasks_and_counts_every_task(client, world):
    """Closed tasks never fill the list's rows when fewer are open than it shows, and
    the counts take every task, beyond those listed."""
    from workinggroups.selectors.groups import OPEN_TASKS

    today = timezone.localdate()
    Decision.objects.filter(pk=world.decision.pk).update(status=DecisionStatus.DONE)
    done = [_commission(world, f"Erledigt {n}", status=DecisionStatus.DONE) for n in range(3)]
    urgent = _commission(world, "Dringend", due=today - datetime.timedelta(days=1))
    later = _commission(world, "Später", due=today + datetime.timedelta(days=9))

    page = _page(client, world, world.board_member)

    assert _task_numbers(page) == [urgent.number, later.number]
    assert not {d.number for d in done} & set(_task_numbers(page))
    assert "2 von 6 beauftragten Beschlüssen noch offen." in page

    opened = [
        _commission(world, f"Offen {n}", due=today + datetime.timedelta(days=20 + n))
        for n in range(OPEN_TASKS)
    ]
    page = _page(client, world, world.board_member)

    assert _task_numbers(page) == [urgent.number, later.number] + [
        d.number for d in opened[: OPEN_TASKS - 2]
    ]
    assert f"{OPEN_TASKS + 2} von {OPEN_TASKS + 6} beauftragten Beschlüssen noch offen." in page
    chart = picture(page, "chart-tasks")
    assert chart.shapes == {"done": 4, "open": OPEN_TASKS + 1, "overdue": 1}


@pytest.mark.django_db
def test_its_task_counts_are_those_of_the_conditions_of_open_and_overdue(world):
    """`task_progress` tallies a row per status and result in Python: the same numbers
    as counting with `still_open_condition` and `overdue_condition`, for every status,
    result and due date."""
    from django.db.models import Count, Q

    from meetings.models import DecisionResult, overdue_condition, still_open_condition
    from workinggroups.selectors.groups import task_progress

    today = timezone.localdate()
    for status in DecisionStatus.values:
        for result in DecisionResult.values:
            for due in (None, today - datetime.timedelta(days=1), today, today.replace(day=1)):
                decision = _commission(world, f"{status} {result} {due}", status=status, due=due)
                Decision.objects.filter(pk=decision.pk).update(result=result)
    tasks = Decision.objects.filter(commissioned_groups=world.working_group.pk)
    expected = tasks.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=DecisionStatus.DONE)),
        dropped=Count("pk", filter=Q(status=DecisionStatus.DROPPED)),
        still_open=Count("pk", filter=still_open_condition()),
        overdue=Count("pk", filter=overdue_condition(today)),
    )
    expected["open"] = expected.pop("still_open") - expected["overdue"]
    assert expected["open"] and expected["overdue"] and expected["total"] > 30

    assert task_progress(tasks, on=today) == expected
