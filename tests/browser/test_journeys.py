"""The portal's main jobs, done in a real browser as the personas do them."""

import re
from pathlib import Path

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.models import AttendanceStatus, Decision, Meeting, MeetingStatus
from tests.factories import PDF_BYTES
from workinggroups.models import Finding

from .helpers import axe_violations, focused, tab_to


def test_a_board_member_reads_the_next_meeting_and_downloads_a_paper_by_keyboard_only(
    page, log_in, world
):
    log_in(world.board_member)
    page.goto("/")
    tab_to(page, world.meeting.title)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{world.meeting.get_absolute_url()}")
    assert world.meeting.title in page.locator("h1").inner_text()
    assert page.get_by_text(world.public_item.title).first.is_visible()

    tab_to(page, world.public_paper.original_name)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert Path(download.value.path()).read_bytes() == PDF_BYTES


def test_a_working_group_member_writes_a_finding(page, log_in, world):
    log_in(world.wg_member)
    page.goto(reverse("workinggroups:group_detail", args=[world.working_group.pk]))
    page.get_by_role("link", name="Befund erfassen").first.click()
    page.wait_for_url("**/befunde/neu/")

    # Submitted empty: the error summary takes the focus and leads to the fields.
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_load_state()
    assert "error-summary" in focused(page)["classes"]
    summary = page.locator(".error-summary")
    summary.get_by_role("link", name="Titel").focus()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_title"

    page.keyboard.type("Fehlende Ladesäulen am Bahnhof")
    page.locator("#id_type").select_option(label="Hemmnis")
    page.locator("#id_text").fill("Am **Bahnhof Halberstadt** gibt es keine Ladesäulen.")
    page.locator("#id_function_area").select_option(str(world.working_group.function_area_id))
    page.get_by_label("Stadt Halberstadt").check()
    page.get_by_role("button", name="Entwurf speichern").click()

    page.wait_for_url(re.compile(r"/befunde/\d+/(#.*)?$"))
    finding = Finding.objects.get(title="Fehlende Ladesäulen am Bahnhof")
    assert finding.get_absolute_url() in page.url
    assert finding.author == world.wg_member
    assert list(finding.partners.all()) == [world.halberstadt]
    assert page.locator("h1").inner_text() == "Fehlende Ladesäulen am Bahnhof"
    assert page.locator("strong", has_text="Bahnhof Halberstadt").is_visible()


def test_the_office_builds_a_council_report_and_downloads_it(page, log_in, world):
    log_in(world.office)
    page.goto("/berichte/")
    page.locator('main a[href="/berichte/neu/"]').click()
    page.wait_for_url("**/berichte/neu/")
    page.get_by_label("Zeitraum von").fill("2026-01-01")
    page.get_by_label("Zeitraum bis").fill("2026-12-31")
    # Tests run the worker's job at once, inside the request (the immediate backend):
    # the answer comes when WeasyPrint has built the PDF.
    page.get_by_role("button", name="Bericht erstellen").click(timeout=60_000)
    page.wait_for_url(re.compile(r"/dokumente/\d+/$"), timeout=60_000)

    link = page.get_by_role("link", name=re.compile("PDF herunterladen"))
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.endswith(".pdf")


def test_the_office_builds_a_meeting_invites_records_attendance_and_a_decision(
    page, log_in, world, settings, live_server
):
    settings.PORTAL_BASE_URL = live_server.url  # the e-mail's link, as the member follows it
    board = world.board
    day = timezone.localdate()
    log_in(world.office)
    # axe on the pages of the journey in the states only it reaches (a planned meeting,
    # its invitation page, a decision just recorded), reported together at the end.
    problems = []

    def check_page():
        problems.extend(f"{page.url}: {v}" for v in axe_violations(page))

    def status():
        """The status the meeting page shows."""
        return page.locator("dl.facts dt:has-text('Status') + dd").inner_text()

    # A new board meeting, through the "Neue Sitzung" menu of the meeting list.
    page.goto(reverse("meetings:meeting_list"))
    page.locator("summary", has_text="Neue Sitzung").click()
    page.get_by_role("link", name=board.name).click()
    page.wait_for_url(f"**{reverse('meetings:meeting_create', args=[board.pk])}")
    check_page()
    page.locator("#id_title").fill("Sondersitzung Mobilität")
    page.locator("#id_starts_at").fill(f"{day.isoformat()}T09:00")
    page.locator("#id_ends_at").fill(f"{day.isoformat()}T11:00")
    page.locator("#id_location").fill("Rathaus Wernigerode")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(r"/sitzungen/\d+/$"))
    meeting = Meeting.objects.get(title="Sondersitzung Mobilität")
    assert meeting.body == board
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.get_absolute_url() in page.url
    assert status() == "Geplant"
    check_page()

    # One agenda item.
    page.get_by_role("link", name="Tagesordnungspunkt hinzufügen").click()
    page.wait_for_url(f"**{reverse('meetings:agenda_item_create', args=[meeting.pk])}")
    page.locator("#id_title").fill("Radverkehrskonzept Harz")
    page.locator("#id_description").fill("Vorstellung des Entwurfs durch die AG.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(rf"/sitzungen/{meeting.pk}/(#.*)?$"))
    (item,) = meeting.agenda_items.all()
    assert item.title == "Radverkehrskonzept Harz"
    assert page.get_by_role("heading", name="TOP 1: Radverkehrskonzept Harz").is_visible()

    # The invitation, after its confirmation page; the PDF is built at once (the
    # immediate task backend) and the e-mails go out with it.
    page.get_by_role("link", name="Einladen").click()
    page.wait_for_url(f"**{reverse('meetings:meeting_invite', args=[meeting.pk])}")
    assert page.locator("h1").inner_text() == "Zur Sitzung einladen"
    check_page()
    page.get_by_role("button", name="Einladung versenden").click(timeout=60_000)
    page.wait_for_url(re.compile(rf"/sitzungen/{meeting.pk}/$"), timeout=60_000)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.INVITED
    assert meeting.invited_at is not None
    assert status().startswith("Eingeladen (eingeladen am ")
    to_member = [m for m in mail.outbox if m.to == [world.board_member.email]]
    assert len(to_member) == 1
    # The link leads to this portal's meeting page; no warning about non-public items
    # (the agenda has none).
    assert f"{live_server.url}{meeting.get_absolute_url()}\n" in to_member[0].body
    assert "nicht öffentlich" not in to_member[0].body.lower()
    assert any(
        name.endswith(".pdf") and content.startswith(b"%PDF")
        for name, content, _type in (a for a in to_member[0].attachments if isinstance(a, tuple))
    )

    # Attendance: the board's one voting seat is present, so the board has its quorum.
    page.get_by_role("link", name="Anwesenheit erfassen").click()
    page.wait_for_url(f"**{reverse('meetings:attendance', args=[meeting.pk])}")
    seat = board.memberships.get(user=world.board_member)
    check_page()
    page.get_by_label(f"Anwesenheit von {world.board_member}").select_option("present")
    page.get_by_role("button", name="Anwesenheit speichern").click()
    page.wait_for_url(re.compile(rf"/sitzungen/{meeting.pk}/#anwesenheit$"))
    assert [(a.membership, a.status) for a in meeting.attendances.all()] == [
        (seat, AttendanceStatus.PRESENT)
    ]
    row = page.locator("#anwesenheit table").get_by_role("row", name=str(world.board_member))
    assert row.get_by_text("Anwesend").is_visible()

    # The decision on the agenda item, with the vote: the board's next number.
    year = timezone.localtime(meeting.starts_at).year
    taken = Decision.objects.filter(body=board, year=year).values_list("sequence", flat=True)
    expected = Decision(body=board, year=year, sequence=len(taken) + 1).format_number()
    assert sorted(taken) == list(range(1, len(taken) + 1))
    page.get_by_role("link", name="Beschluss erfassen TOP 1").click()
    page.wait_for_url(f"**{reverse('meetings:decision_create', args=[item.pk])}")
    # The board has its quorum: no reason for deciding without one is asked for.
    assert page.locator("#id_quorum_override_reason").count() == 0
    check_page()
    page.get_by_label("Betreff").fill("Radverkehrskonzept beschließen")
    page.get_by_label("Beschlusstext").fill("Das Gremium beschließt das Radverkehrskonzept.")
    page.get_by_label("Ja-Stimmen").fill("1")
    page.get_by_role("button", name="Beschluss eintragen").click()
    page.wait_for_url(re.compile(r"/beschluesse/\d+/$"))
    decision = Decision.objects.get(agenda_item=item)
    assert decision.number == decision.format_number() == expected
    assert (decision.votes_yes, decision.votes_no, decision.votes_abstain) == (1, 0, 0)
    assert decision.recorded_by == world.office
    assert decision.get_absolute_url() in page.url
    assert page.get_by_text(f"Beschluss {expected} gefasst.").is_visible()
    assert page.locator("h1").inner_text() == f"Radverkehrskonzept beschließen ({expected})"
    vote = page.locator("section", has=page.get_by_role("heading", name="Abstimmung"))
    assert vote.locator("dt:has-text('Ja-Stimmen') + dd").inner_text() == "1"
    check_page()

    # Afterwards: the meeting has been held, with the quorum of the day frozen.
    page.get_by_role("link", name=meeting.title).first.click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Sitzung durchgeführt").click()
    page.wait_for_url(f"**{reverse('meetings:meeting_held', args=[meeting.pk])}")
    page.get_by_role("button", name="Sitzung hat stattgefunden").click()
    page.wait_for_url(re.compile(rf"/sitzungen/{meeting.pk}/$"))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert status().startswith("Durchgeführt (eingeladen am ")
    assert (meeting.quorum_present, meeting.quorum_seat_ids) == (1, [seat.pk])
    assert page.get_by_role("link", name=expected).is_visible()
    check_page()
    assert not problems, "\n".join(problems)
