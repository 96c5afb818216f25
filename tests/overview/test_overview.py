"""The cooperation overview: phases, key figures and the development concept."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.models import CooperationPhaseKind
from meetings import services as meeting_services
from meetings.models import DecisionStatus, MeetingStatus
from overview import services
from overview.models import ConceptChapter
from workinggroups.models import FindingStatus

from .. import factories as f
from ..charts import picture

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def chapter(world, **overrides):
    data = {
        "position": 1,
        "title": "Leitbild",
        "text": "Die Partner sichern die **oberzentralen** Funktionen gemeinsam.",
        "function_areas": [world.working_group.function_area],
        "findings": [world.agreed_finding],
        "actor": world.office,
    }
    data.update(overrides)
    return services.chapter_create(**data)


def form_data(world, chapter=None, **overrides):
    data = {
        "position": 1,
        "title": "Leitbild",
        "text": "Die Partner sichern die Funktionen gemeinsam.",
        "function_areas": [world.working_group.function_area.pk],
        "findings": [world.agreed_finding.pk],
    }
    if chapter is not None:
        data["version"] = chapter.version
    data.update(overrides)
    return data


# --- The overview page -----------------------------------------------------------------


def test_it_shows_the_five_phases_in_order_and_marks_the_current_one(client, world):
    # The world recorded the start phase on 1 January 2025.
    f.PhaseFactory(
        phase=CooperationPhaseKind.FINDING,
        since=datetime.date(2024, 3, 1),
        reason="Erste Gespräche der Oberbürgermeister",
    )
    f.PhaseFactory(
        phase=CooperationPhaseKind.IMPLEMENTATION,
        since=timezone.localdate() + datetime.timedelta(days=30),
        reason="Geplant: gemeinsame Projekte",
    )
    client.force_login(world.wg_member)

    response = client.get(reverse("overview:overview"))

    assert response.status_code == 200
    steps = response.context["phases"]
    assert [s.kind for s in steps] == [value for value, _ in CooperationPhaseKind.choices]
    assert [s.kind for s in steps if s.is_current] == [CooperationPhaseKind.START]
    # The list after the picture (which has its own test below).
    content = text(response).split('id="chart-phases"', 1)[1].split("</figure>", 1)[1]
    labels = [
        "Findungsphase",
        "Start- und Euphoriephase",
        "Umsetzungs-/Implementierungsphase",
    ]
    positions = [content.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "aktuelle Phase" in content
    assert content.index("aktuelle Phase") > content.index("Start- und Euphoriephase")
    assert content.index("aktuelle Phase") < content.index("Umsetzungs-/Implementierungsphase")
    assert "seit 1. März 2024: Erste Gespräche der Oberbürgermeister" in content


def test_it_draws_the_phase_timeline_from_the_recorded_phases(client, world):
    # The world recorded the start phase on 1 January 2025.
    f.PhaseFactory(phase=CooperationPhaseKind.FINDING, since=datetime.date(2024, 3, 1))
    f.PhaseFactory(
        phase=CooperationPhaseKind.IMPLEMENTATION,
        since=timezone.localdate() + datetime.timedelta(days=30),  # planned, not reached
    )
    client.force_login(world.wg_member)

    chart = picture(client.get(reverse("overview:overview")).content.decode(), "chart-phases")

    assert chart.states == {
        "step-1": "reached",
        "step-2": "current",
        "step-3": "open",
        "step-4": "open",
        "step-5": "open",
    }
    assert chart.table["1. Findungsphase"] == ["1. März 2024", "erreicht"]
    assert chart.table["2. Start- und Euphoriephase"] == ["1. Januar 2025", "aktuelle Phase"]
    assert chart.table["3. Umsetzungs-/Implementierungsphase"] == ["–", "nicht erreicht"]
    assert "2. Start- und Euphoriephase: aktuell, seit 1. Januar 2025" in chart.desc
    assert chart.svg_attrs["role"] == "img"


def test_it_draws_no_phase_timeline_before_a_phase_is_recorded(client, world):
    from cooperation.models import CooperationPhase

    CooperationPhase.objects.all().delete()
    client.force_login(world.wg_member)

    page = client.get(reverse("overview:overview")).content.decode()

    assert picture(page, "chart-phases") is None
    assert "Es ist noch keine Phase erfasst." in page or "noch keine Phase" in page


def test_it_counts_the_key_figures_from_the_data(client, world):
    f.MeetingFactory(body=world.board, status=MeetingStatus.HELD)
    f.MeetingFactory(body=world.working_group.body, status=MeetingStatus.MINUTES_APPROVED)
    f.MeetingFactory(body=world.board, status=MeetingStatus.CANCELLED)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    meeting_services.decision_record(
        votes_yes=1,
        item=world.public_item, title="Überfällig", text="Bis gestern.", due_date=yesterday,
        actor=world.office,
    )  # fmt: skip
    done = meeting_services.decision_record(
        votes_yes=1,
        item=world.public_item, title="Erledigt", text="Bis gestern.", due_date=yesterday,
        actor=world.office,
    )  # fmt: skip
    meeting_services.decision_progress_add(
        decision=done, note="Fertig.", status=DecisionStatus.DONE, actor=world.office
    )
    # A decision on a non-public item: seen by the board, not by the working group.
    meeting_services.decision_record(
        votes_yes=1,
        item=world.confidential_item, title="Vertraulich", text="Geheim.", due_date=yesterday,
        actor=world.office,
    )  # fmt: skip
    client.force_login(world.board_member)

    figures = client.get(reverse("overview:overview")).context["figures"]

    assert figures.meetings_held == 2
    by_status = {value: n for value, _label, n in figures.decisions_by_status}
    assert by_status == {"open": 3, "in_progress": 0, "done": 1, "dropped": 0}
    assert figures.overdue_decisions == 2
    area = world.working_group.function_area
    row = next(r for r in figures.findings_by_area if r.area == area)
    # The board member is not in the group: the draft obstacle does not count.
    assert dict(row.cells) == {"inventory": 0, "obstacle": 0, "solution": 0, "recommendation": 1}

    client.force_login(world.wg_member)
    response = client.get(reverse("overview:overview"))
    figures = response.context["figures"]
    assert {value: n for value, _l, n in figures.decisions_by_status}["open"] == 2
    assert figures.overdue_decisions == 1
    row = next(r for r in figures.findings_by_area if r.area == area)
    # Its own group's draft is visible to a member, so it counts for them.
    assert dict(row.cells)["obstacle"] == 1
    content = text(response)
    assert "Durchgeführte Sitzungen" in content
    assert "Überfällige Aufträge" in content


def take_back_to_draft(finding):
    """Bypass the service (which refuses this for cited findings), as the admin could."""
    finding.status = FindingStatus.DRAFT
    finding.save(update_fields=["status"])


def test_it_never_counts_or_shows_drafts_for_non_members(client, world):
    cited = chapter(world, findings=[world.agreed_finding])
    # The services refuse to take a cited finding back to draft; the pages must not
    # leak it even if the data says so (e.g. changed in the admin).
    take_back_to_draft(world.agreed_finding)
    client.force_login(world.board_member)

    overview = client.get(reverse("overview:overview"))
    detail = client.get(reverse("overview:chapter_detail", args=[cited.pk]))

    assert overview.context["figures"].findings_total == 0
    assert [c.cited for c in overview.context["chapters"]] == [0]
    assert "0 Befunde zitiert" in text(overview)
    assert detail.status_code == 200
    assert world.agreed_finding.title not in text(detail)
    assert world.draft_finding.title not in text(overview)

    client.force_login(world.wg_member)
    detail = client.get(reverse("overview:chapter_detail", args=[cited.pk]))
    assert world.agreed_finding.title in text(detail)


# --- Chapters --------------------------------------------------------------------------


def test_it_shows_a_chapter_with_its_text_areas_findings_and_history(client, world):
    cited = chapter(world)
    client.force_login(world.admin_wernigerode)

    response = client.get(reverse("overview:chapter_detail", args=[cited.pk]))

    content = text(response)
    assert response.status_code == 200
    assert "<strong>oberzentralen</strong>" in content
    assert world.working_group.function_area.name in content
    assert reverse("workinggroups:finding_detail", args=[world.agreed_finding.pk]) in content
    assert "Änderungsverlauf" in content or "Verlauf" in content
    assert "Kapitel bearbeiten" not in content


def test_it_lets_the_office_add_a_chapter(client, world):
    client.force_login(world.office)

    form = client.get(reverse("overview:chapter_create"))
    response = client.post(reverse("overview:chapter_create"), form_data(world))

    assert form.status_code == 200
    created = ConceptChapter.objects.get()
    assert response.status_code == 302
    assert response.url == created.get_absolute_url()
    assert created.version == 1
    assert list(created.findings.all()) == [world.agreed_finding]
    assert list(created.function_areas.all()) == [world.working_group.function_area]
    assert {r.history_user for r in created.history.all()} == {world.office}
    assert "Kapitel hinzufügen" in text(client.get(reverse("overview:overview")))


def test_it_cites_agreed_findings_only(client, world):
    client.force_login(world.office)

    response = client.post(
        reverse("overview:chapter_create"), form_data(world, findings=[world.draft_finding.pk])
    )

    assert response.status_code == 400
    assert not ConceptChapter.objects.exists()
    with pytest.raises(Exception) as refused:
        chapter(world, findings=[world.draft_finding])
    assert "Ein Kapitel kann nur abgestimmte Befunde zitieren." in str(refused.value)


def test_it_saves_a_new_version_with_history_when_the_office_edits(client, world):
    edited = chapter(world)
    other_area = f.FunctionAreaFactory(name="Kultur und Sport")
    client.force_login(world.office)

    response = client.post(
        reverse("overview:chapter_update", args=[edited.pk]),
        form_data(
            world,
            edited,
            title="Leitbild und Ziele",
            function_areas=[other_area.pk],
            findings=[],
        ),
    )

    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == "Leitbild und Ziele"
    assert edited.version == 2
    assert list(edited.function_areas.all()) == [other_area]
    assert not edited.findings.exists()
    latest = edited.history.first()
    assert latest.history_user == world.office
    detail = text(client.get(edited.get_absolute_url()))
    assert "Leitbild und Ziele" in detail
    assert "Kapitel bearbeiten" in detail


def test_it_keeps_the_version_when_nothing_changed(world):
    unchanged = chapter(world)

    services.chapter_update(
        chapter=unchanged,
        data={"position": 1, "title": "Leitbild", "text": unchanged.text},
        function_areas=[world.working_group.function_area],
        findings=[world.agreed_finding],
        expected_version=1,
        actor=world.office,
    )

    unchanged.refresh_from_db()
    assert unchanged.version == 1


@pytest.mark.parametrize("persona", ["board_member", "wg_member", "admin_halberstadt"])
def test_it_lets_only_the_office_create_and_edit_chapters(client, world, persona):
    existing = chapter(world)
    client.force_login(world.personas[persona])

    create = client.post(reverse("overview:chapter_create"), form_data(world, title="Neu"))
    update = client.post(
        reverse("overview:chapter_update", args=[existing.pk]),
        form_data(world, existing, title="Geändert"),
    )

    assert create.status_code == 403
    assert update.status_code == 403
    assert list(ConceptChapter.objects.values_list("title", "version")) == [("Leitbild", 1)]


def test_it_refuses_a_concurrent_save_and_shows_both_versions(client, world):
    edited = chapter(world)
    url = reverse("overview:chapter_update", args=[edited.pk])
    client.force_login(world.office)
    # Tab 1 opens the form at version 1 ...
    assert client.get(url).context["form"].initial["version"] == 1
    # ... tab 2 saves first.
    services.chapter_update(
        chapter=ConceptChapter.objects.get(pk=edited.pk),
        data={"text": "Fassung aus dem zweiten Tab."},
        expected_version=1,
        actor=world.office,
    )

    response = client.post(url, form_data(world, edited, text="Meine Fassung aus Tab eins."))

    assert response.status_code == 409
    content = text(response)
    assert "Jemand anderes hat dieses Kapitel am" in content
    assert "Fassung aus dem zweiten Tab." in content
    assert "Meine Fassung aus Tab eins." in content
    assert response.context["form"]["text"].value() == "Meine Fassung aus Tab eins."
    assert response.context["form"]["version"].value() == 2
    edited.refresh_from_db()
    assert edited.text == "Fassung aus dem zweiten Tab."
    assert edited.version == 2

    # Saving the merged text again replaces the version that was shown.
    again = client.post(url, form_data(world, edited, text="Zusammengeführt."))
    assert again.status_code == 302
    edited.refresh_from_db()
    assert (edited.text, edited.version) == ("Zusammengeführt.", 3)


def test_it_shows_the_concept_with_areas_and_cited_counts(client, world):
    chapter(world, position=2, title="Mobilität", findings=[world.agreed_finding])
    chapter(world, position=1, title="Leitbild", findings=[], function_areas=[])
    client.force_login(world.board_member)

    response = client.get(reverse("overview:overview"))

    content = text(response)
    assert content.index("1. Leitbild") < content.index("2. Mobilität")
    assert "1 Befund zitiert" in content
    assert "Kapitel hinzufügen" not in content
    assert [c.title for c in response.context["chapters"]] == ["Leitbild", "Mobilität"]
    assert [c.cited for c in response.context["chapters"]] == [0, 1]


def test_it_names_each_chapters_areas_in_the_areas_order(client, world):
    first = f.FunctionAreaFactory(name="Anfang", position=0)
    last = f.FunctionAreaFactory(name="Zuletzt", position=99)
    chapter(world, position=1, title="Leitbild", function_areas=[last, first])
    chapter(world, position=2, title="Mobilität", function_areas=[])
    chapter(world, position=3, title="Kultur", function_areas=[world.working_group.function_area])
    client.force_login(world.board_member)

    content = " ".join(text(client.get(reverse("overview:overview"))).split())

    assert "1. Leitbild</strong></a>" in content
    assert "Funktionsbereiche: Anfang, Zuletzt;" in content
    assert "Funktionsbereiche: keine;" in content
    assert f"Funktionsbereiche: {world.working_group.function_area.name};" in content
    assert content.index("Anfang, Zuletzt") < content.index("keine;")


def test_it_keeps_a_cited_finding_the_office_may_not_see_when_it_edits(client, world):
    edited = chapter(world, findings=[world.agreed_finding])
    take_back_to_draft(world.agreed_finding)
    url = reverse("overview:chapter_update", args=[edited.pk])
    client.force_login(world.office)

    form = client.get(url)
    response = client.post(url, form_data(world, edited, title="Neu gefasst", findings=[]))

    assert world.agreed_finding.title not in text(form)
    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == "Neu gefasst"
    assert list(edited.findings.all()) == [world.agreed_finding]


def test_it_refuses_a_chapter_save_without_a_version(client, world):
    edited = chapter(world)
    services.chapter_update(
        chapter=ConceptChapter.objects.get(pk=edited.pk),
        data={"text": "Fassung aus dem zweiten Tab."},
        expected_version=1,
        actor=world.office,
    )
    client.force_login(world.office)
    data = form_data(world, text="Ohne Version gespeichert.")  # no version field

    response = client.post(reverse("overview:chapter_update", args=[edited.pk]), data)

    assert response.status_code == 400
    assert "Das Formular ist unvollständig." in text(response)
    assert response.context["form"]["text"].value() == "Ohne Version gespeichert."
    edited.refresh_from_db()
    assert (edited.text, edited.version) == ("Fassung aus dem zweiten Tab.", 2)


def test_the_dashboard_leads_working_group_members_to_their_group_page(client, world):
    client.force_login(world.wg_member)
    text = client.get(reverse("overview:dashboard")).content.decode()

    roles = text.split("Meine Gremien und Rollen", 1)[1].split("<h2", 1)[0]
    group_page = reverse("workinggroups:group_detail", args=[world.working_group.pk])
    assert f'href="{group_page}"' in roles
    assert reverse("cooperation:body_detail", args=[world.working_group.pk]) not in roles


def test_it_draws_the_decisions_per_year_by_status_for_what_the_user_may_see(client, world):
    from meetings.models import Decision

    this_year = timezone.localdate().year

    def record(title, *, item=None, year=this_year, status=DecisionStatus.OPEN):
        decision = meeting_services.decision_record(
            votes_yes=1,
            item=item or world.public_item,
            title=title,
            text="Text.",
            actor=world.office,
        )
        Decision.objects.filter(pk=decision.pk).update(year=year, status=status)

    Decision.objects.filter(pk=world.decision.pk).update(year=this_year - 1)  # open
    record("Erledigt", year=this_year - 1, status=DecisionStatus.DONE)
    record("Läuft", status=DecisionStatus.IN_PROGRESS)
    record("Verworfen", status=DecisionStatus.DROPPED)
    record("Vertraulich", item=world.confidential_item, status=DecisionStatus.DONE)
    record("Zu alt", year=this_year - 8, status=DecisionStatus.DONE)  # outside the 8 years

    def chart(user):
        client.force_login(user)
        return picture(client.get(reverse("overview:overview")).content.decode(), "chart-decisions")

    board = chart(world.board_member)
    outsider = chart(world.wg_member)

    last, now = str(this_year - 1), str(this_year)
    assert board.shapes == {
        f"{last}:open": 1,
        f"{last}:done": 1,
        f"{now}:in_progress": 1,
        f"{now}:done": 1,
        f"{now}:dropped": 1,
    }
    assert board.table[now] == ["0", "1", "1", "1", "3"]  # open, in progress, done, dropped
    assert board.table[last] == ["1", "0", "1", "0", "2"]
    assert len(board.table) == 8 and str(this_year - 8) not in board.table
    assert "Erledigt: 2" in board.legend
    # The non-public decision is not in the picture for someone outside the board.
    assert outsider.table[now] == ["0", "1", "0", "1", "2"]
    assert f"{now}:done" not in outsider.shapes


# --- Attendance per partner (the picture) ----------------------------------------------

EVIL = "<script>alert(1)</script> Markt"


@pytest.fixture
def board_year(world):
    """Three board meetings held early this year with seats valid since 1 January:
    Halberstadt present at all three, Wernigerode at two (once by its deputy), the
    partner with a typed-in script at one."""
    from cooperation.models import Role
    from meetings.models import AttendanceStatus as S

    year = timezone.localdate().year
    since = datetime.date(year, 1, 1)
    evil = f.PartnerFactory(name=EVIL, short_name="Markt")
    seats = {}
    for name, partner in (("a", world.halberstadt), ("b", world.wernigerode), ("c", evil)):
        seats[name] = f.membership(
            f.UserFactory(), world.board, Role.MEMBER, partner=partner, valid_from=since
        )
    deputy = f.membership(
        f.UserFactory(), world.board, Role.DEPUTY_MEMBER, partner=world.wernigerode,
        deputy_for=seats["b"], valid_from=since,
    )  # fmt: skip
    plan = [
        [("a", S.PRESENT, None), ("b", S.REPRESENTED, deputy), ("c", S.ABSENT, None)],
        [("a", S.PRESENT, None), ("b", S.EXCUSED, None), ("c", S.PRESENT, None)],
        [("a", S.PRESENT, None), ("b", S.PRESENT, None)],  # c not recorded
    ]
    for day, entries in enumerate(plan, start=10):
        starts = datetime.datetime(year, 1, day, 10, tzinfo=datetime.UTC)
        meeting = f.MeetingFactory(
            body=world.board, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
        )
        meeting_services.attendance_record(
            meeting=meeting,
            entries=[(seats[key], status, by) for key, status, by in entries],
            actor=world.office,
        )
        meeting_services.meeting_mark_held(meeting=meeting, actor=world.office)
    # Not counted: a meeting not held, and a held working-group meeting.
    starts = datetime.datetime(year, 1, 20, 10, tzinfo=datetime.UTC)
    planned = f.MeetingFactory(body=world.board, starts_at=starts, ends_at=starts)
    meeting_services.attendance_record(
        meeting=planned, entries=[(seats["c"], S.PRESENT, None)], actor=world.office
    )
    f.MeetingFactory(
        body=world.working_group.body, status=MeetingStatus.HELD, starts_at=starts,
        ends_at=starts,
    )  # fmt: skip
    return seats


def test_it_draws_the_share_of_board_meetings_each_partner_attended(client, world, board_year):
    client.force_login(world.wg_member)

    page = client.get(reverse("overview:overview")).content.decode()
    chart = picture(page, "chart-attendance")

    assert chart.table == {
        "Stadt Halberstadt": ["3", "3", "100 %"],
        EVIL: ["1", "3", "33 %"],
        "Stadt Wernigerode": ["2", "3", "67 %"],
    }
    # One bar per partner, in the order of the names ("<" before "S").
    assert chart.shapes == {
        "0:whole": 3, "0:part": 1, "1:whole": 3, "1:part": 3, "2:whole": 3, "2:part": 2,
    }  # fmt: skip
    assert "3 Sitzungen des Kooperationsgremiums" in " ".join(page.split()) or (
        "3 in diesem Jahr gehaltenen Sitzungen" in " ".join(page.split())
    )


def test_it_escapes_a_partner_name_typed_with_a_script(client, world, board_year):
    client.force_login(world.board_member)

    page = client.get(reverse("overview:overview")).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Markt" in page


def test_it_shows_no_attendance_to_someone_who_may_not_see_meetings(world, board_year):
    from overview.selectors import board_attendance

    chart, meetings = board_attendance(world.no_membership)

    assert meetings == 0 and chart.rows == []


def test_it_reads_the_attendance_in_a_fixed_number_of_queries(
    world, board_year, django_assert_num_queries
):
    from overview.selectors import board_attendance

    board_attendance(world.board_member)  # the user's permissions are cached by then
    with django_assert_num_queries(3):
        _chart, meetings = board_attendance(world.board_member)
    assert meetings == 3


def test_it_says_so_instead_of_an_empty_decision_picture(client, world):
    from meetings.models import Decision

    Decision.objects.all().update(year=timezone.localdate().year - 20)
    client.force_login(world.board_member)

    page = client.get(reverse("overview:overview")).content.decode()

    assert picture(page, "chart-decisions") is None
    assert "In den letzten acht Jahren wurden keine Beschlüsse gefasst" in page
