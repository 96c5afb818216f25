"""The council report's content: rendered to real PDFs and read back with pypdf."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from core.pdf import html_to_pdf
from documents import council_report as cr
from meetings import services as meeting_services
from meetings.models import AttendanceStatus, DecisionStatus, Meeting
from workinggroups import services as wg_services
from workinggroups.models import FindingStatus, FindingType, WorkingGroupReport

CREATED = datetime.datetime(2031, 1, 15, 9, 30, tzinfo=datetime.UTC)
AUTHOR = "Geschäftsstelle IMPULS"
CHAPTERS = [
    "1 Kennzahlen des Berichtszeitraums",
    "2 Sitzungen des Kooperationsgremiums",
    "3 Beschlüsse des Berichtszeitraums",
    "4 Vereinbarte Erkenntnisse der Arbeitsgruppen",
    "5 Funktionsmatrix",
    "6 Ausblick: offene und überfällige Beschlüsse",
    "7 Beratungen in den Räten der Partner",
    "8 Anhang: Vorlagen der Sitzungen",
]


@pytest.fixture
def report_world(world):
    """The world's board meeting held, with a decision on its non-public item too, progress
    on both decisions, a finding under discussion and a report to the non-public item."""
    office = world.office
    seat = world.board.memberships.get(user=world.board_member)
    meeting_services.attendance_record(
        meeting=world.meeting,
        entries=[(seat, AttendanceStatus.PRESENT, None)],
        actor=office,
    )
    world.secret_decision = meeting_services.decision_record(
        item=world.confidential_item,
        title="Vertrauliche Personalentscheidung",
        text="Die Stelle wird intern besetzt.",
        votes_yes=1,
        actor=office,
    )
    meeting_services.meeting_mark_held(meeting=world.meeting, actor=office)
    day = timezone.localtime(world.meeting.starts_at).date()
    meeting_services.decision_progress_add(
        decision=world.decision,
        note="Bestandsaufnahme begonnen",
        status=DecisionStatus.IN_PROGRESS,
        actor=office,
        date=day + datetime.timedelta(days=1),
    )
    meeting_services.decision_progress_add(
        decision=world.secret_decision,
        note="Geheime Fortschrittsnotiz",
        status=DecisionStatus.IN_PROGRESS,
        actor=office,
        date=day + datetime.timedelta(days=1),
    )
    discussed = wg_services.finding_create(
        group=world.working_group,
        author=world.wg_member,
        type=FindingType.INVENTORY,
        title="In Diskussion: Parkraum am Bahnhof",
        text="Noch nicht abgestimmt.",
        function_area=world.working_group.function_area,
        actor=world.wg_member,
    )
    discussed.status = FindingStatus.DISCUSSION
    discussed.save()
    WorkingGroupReport.objects.create(
        group=world.working_group,
        version=1,
        period_from=day,
        period_until=day,
        summary="",
        agenda_item=world.confidential_item,
        submitted_at=world.meeting.starts_at,
        submitted_by=office,
    )
    return world


def params_for(world, edition="public", partner=None, foreword=""):
    today = timezone.localdate()
    return cr.ReportParams(
        period_from=today - datetime.timedelta(days=30),
        period_until=today + datetime.timedelta(days=60),
        partner_id=partner.pk if partner else None,
        edition=edition,
        foreword=foreword,
    )


def render(params):
    html = cr.render_html(cr.collect(params), created=CREATED, author=AUTHOR)
    return html, html_to_pdf(html)


def pages_text(content: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(content))
    return reader, [page.extract_text() for page in reader.pages]


def flatten(outline):
    for entry in outline:
        if isinstance(entry, list):
            yield from flatten(entry)
        else:
            yield entry


def test_it_renders_a_paginated_report_whose_contents_point_at_the_chapters(report_world):
    params = params_for(report_world, "internal", foreword="## Vorwort\n\nLiebe **Räte**,")
    _html, pdf = render(params)
    reader, texts = pages_text(pdf.content)

    assert pdf.page_count == len(reader.pages) > 1
    toc_index = next(i for i, text in enumerate(texts) if "Inhalt" in text.splitlines())
    toc_lines = texts[toc_index].splitlines()
    bookmarks = {
        entry.title: reader.get_destination_page_number(entry) + 1
        for entry in flatten(reader.outline)
    }
    for chapter in CHAPTERS:
        line = next(line for line in toc_lines if line.startswith(chapter))
        toc_page = int(re.search(r"(\d+)\s*$", line).group(1))
        heading_page = next(
            i + 1 for i, text in enumerate(texts) if i > toc_index and chapter in text
        )
        assert toc_page == heading_page, chapter
        assert bookmarks[chapter] == heading_page, chapter
    # The running header names the chapter, the footer counts the pages.
    assert f"Seite 2 von {pdf.page_count}" in texts[1]
    assert "Liebe Räte" in texts[0]


def test_it_lists_the_decisions_with_vote_status_and_progress(report_world):
    _html, pdf = render(params_for(report_world, "public"))
    text = "\n".join(pages_text(pdf.content)[1])

    assert report_world.decision.number in text
    assert "Arbeitsgruppe beauftragen" in text
    assert "1 / 0 / 0" in text
    assert "Bestandsaufnahme begonnen" in text
    assert "In Bearbeitung" in text
    assert "Empfehlung: Stundentakt nach Hannover" in text
    assert "Bericht der Geschäftsstelle" in text


def test_the_public_edition_lacks_every_non_public_item(report_world):
    w = report_world
    # A meeting held by video: its link would admit anyone to the non-public part too.
    Meeting.objects.filter(pk=w.meeting.pk).update(
        location="", video_url="https://video.example.org/vorstand-geheim"
    )
    secrets = [
        "https://video.example.org/vorstand-geheim",
        w.confidential_item.title,
        w.secret_decision.number,
        w.secret_decision.title,
        "Geheime Fortschrittsnotiz",
        w.confidential_paper.title,
        "[nicht öffentlich]",
    ]
    never = [w.draft_finding.title, "In Diskussion: Parkraum am Bahnhof"]

    public_html, public_pdf = render(params_for(w, "public"))
    public_text = "\n".join(pages_text(public_pdf.content)[1])
    for secret in secrets + never:
        assert secret not in public_html
        assert secret not in public_text
    data = cr.collect(params_for(w, "public"))
    assert data.reports == []

    internal_html, internal_pdf = render(params_for(w, "internal"))
    internal_text = "\n".join(pages_text(internal_pdf.content)[1])
    for secret in secrets[1:]:
        assert secret in internal_text
    assert "Videokonferenz" in internal_text
    assert "video.example.org" not in internal_html  # links are sent with the invitation
    for draft in never:
        assert draft not in internal_html
    assert [r.version for r in cr.collect(params_for(w, "internal")).reports] == [1]


def test_it_names_the_addressed_council_and_marks_the_findings_concerning_it(report_world):
    w = report_world
    html, pdf = render(params_for(w, "public", partner=w.wernigerode))
    text = "\n".join(pages_text(pdf.content)[1])
    assert '<span class="council">Stadtrat</span><br>Stadt Wernigerode' in html
    assert "betrifft Stadt Wernigerode" in text

    html = cr.render_html(
        cr.collect(params_for(w, "public", partner=w.halberstadt)), created=CREATED, author=AUTHOR
    )
    assert '<span class="council">Stadtrat</span><br>Stadt Halberstadt' in html
    assert 'class="concerns"' not in html

    html = cr.render_html(cr.collect(params_for(w, "public")), created=CREATED, author=AUTHOR)
    assert "Räte aller Partner" in html


def test_it_writes_metadata_bookmarks_and_the_same_bytes_for_the_same_request(report_world):
    params = params_for(report_world, "public")
    _html, first = render(params)
    _html, second = render(params)
    reader = PdfReader(io.BytesIO(first.content))

    assert reader.metadata.title == cr.title(params)
    assert reader.metadata.title.startswith("Bericht an die kommunalen Räte")
    assert reader.metadata.author == AUTHOR
    assert reader.trailer["/Root"]["/Lang"] == "de"
    titles = [entry.title for entry in flatten(reader.outline)]
    assert all(chapter in titles for chapter in CHAPTERS)
    assert first.content == second.content


def test_it_reads_with_a_fixed_number_of_queries_and_renders_without_any(
    report_world, django_assert_num_queries
):
    w = report_world
    params = params_for(w, "public", partner=w.wernigerode)
    with django_assert_num_queries(cr.QUERY_COUNT):
        cr.collect(params)

    for n in range(29):
        decision = meeting_services.decision_record(
            item=w.public_item,
            title=f"Beschluss {n}",
            text="Text",
            votes_yes=1,
            commissioned_groups=[w.working_group.body],
            actor=w.office,
        )
        meeting_services.decision_progress_add(
            decision=decision, note="Begonnen", status=DecisionStatus.IN_PROGRESS, actor=w.office
        )
    with django_assert_num_queries(cr.QUERY_COUNT):
        data = cr.collect(params)
    assert data.decision_count == 30

    with CaptureQueriesContext(connection) as queries:
        cr.render_html(data, created=CREATED, author=AUTHOR)
    assert len(queries) == 0


def test_params_round_trip_and_name_the_file(report_world):
    params = cr.ReportParams(
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2026, 12, 31),
        partner_id=None,
        edition="public",
        foreword="Hallo",
    )
    assert cr.ReportParams.from_json(params.to_json()) == params
    assert cr.file_name(params) == "ratsbericht-2026-01-01-2026-12-31-oeffentlich.pdf"
    assert cr.title(params) == "Bericht an die kommunalen Räte 2026 (öffentliche Fassung)"
    internal = cr.ReportParams.from_json(
        {**params.to_json(), "edition": "internal", "partner_id": report_world.halberstadt.pk}
    )
    assert cr.file_name(internal) == "ratsbericht-2026-01-01-2026-12-31-halberstadt-intern.pdf"
    assert cr.title(internal) == (
        "Bericht an die kommunalen Räte 2026 (Stadt Halberstadt, Fassung für die Mitglieder)"
    )


def test_markdown_texts_do_not_influence_each_other():
    """Reports render thousands of texts with one cached parser; each starts afresh."""
    from core.markdown import render_markdown

    first = render_markdown("Siehe [Plan][p].\n\n[p]: https://example.org/plan")
    second = render_markdown("Siehe [Plan][p].")
    assert 'href="https://example.org/plan"' in first
    assert "href" not in second
    assert (
        render_markdown("<script>alert(1)</script> [x](javascript:alert(1))").count("<script") == 0
    )


def test_it_prints_markup_in_decisions_and_findings_as_text(report_world):
    w = report_world
    w.decision.title = "Beschluss <b>fett</b>"
    w.decision.text = 'Erste Zeile <img src=x onerror="alert(1)">\nZweite <script>x()</script>'
    w.decision.save()
    w.agreed_finding.title = "Befund <i>kursiv</i>"
    w.agreed_finding.text = "Text mit <script>alert(2)</script> und <img src=y>"
    w.agreed_finding.save()

    html = cr.render_html(cr.collect(params_for(w, "internal")), created=CREATED, author=AUTHOR)

    assert "<img" not in html
    assert "<script" not in html
    assert "<b>fett</b>" not in html and "<i>kursiv</i>" not in html
    assert "Beschluss &lt;b&gt;fett&lt;/b&gt;" in html
    assert "Erste Zeile &lt;img src=x onerror=&quot;alert(1)&quot;&gt;<br>Zweite" in html
    assert "Befund &lt;i&gt;kursiv&lt;/i&gt;" in html
