"""The public pages show what their publication rule says, exactly then, and nothing else
(docs/architecture.md, "Publication" and "Public pages")."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Role
from documents.models import DocumentStatus, Edition
from meetings import services as meeting_services
from meetings.models import DecisionStatus, MeetingStatus, MinutesStatus
from workinggroups.models import FindingStatus

from .. import factories as f
from . import helpers as h

pytestmark = pytest.mark.django_db


def page(client, name, *args, query=None):
    return client.get(reverse(name, args=args), query or {})


def text(response) -> str:
    return response.content.decode()


class TestMeetings:
    def test_it_shows_an_invited_meeting_with_its_public_items_only(self, client, world):
        response = page(client, "public:meeting_detail", world.meeting.pk)
        assert response.status_code == 200
        body = text(response)
        assert world.public_item.title in body
        assert f'id="top-{world.public_item.pk}"' in body
        assert world.public_paper.title in body
        assert reverse("public:paper_download", args=[world.public_paper.pk]) in body
        assert world.confidential_item.title not in body
        assert world.confidential_paper.title not in body

    def test_it_does_not_know_a_planned_meeting(self, client, world):
        planned = h.meeting(world.board, status=MeetingStatus.PLANNED, title="Noch in Planung")
        assert page(client, "public:meeting_detail", planned.pk).status_code == 404
        assert "Noch in Planung" not in text(page(client, "public:meeting_list"))
        assert "Noch in Planung" not in text(page(client, "public:body_detail", world.board.pk))

    def test_it_shows_a_meeting_cancelled_after_its_invitation_as_cancelled(self, client, world):
        meeting_services.meeting_cancel(
            meeting=world.meeting, reason="Krankheit der Vorsitzenden", actor=world.office
        )
        body = text(page(client, "public:meeting_detail", world.meeting.pk))
        assert "Diese Sitzung wurde abgesagt." in body
        assert "Krankheit" not in body

    def test_it_never_shows_a_meeting_cancelled_while_planned(self, client, world):
        planned = h.meeting(world.board, status=MeetingStatus.PLANNED)
        meeting_services.meeting_cancel(meeting=planned, reason="Entfällt", actor=world.office)
        assert page(client, "public:meeting_detail", planned.pk).status_code == 404

    def test_it_never_shows_the_video_link(self, client, world):
        world.meeting.video_url = "https://video.example.org/geheim-raum"
        world.meeting.save()
        assert "geheim-raum" not in text(page(client, "public:meeting_detail", world.meeting.pk))

    def test_it_shows_minutes_only_once_approved_with_their_corrections(self, client, world):
        minutes = h.minutes(world.public_item, "Entwurfstext der Niederschrift", status="draft")
        url = reverse("public:meeting_detail", args=[world.meeting.pk])
        assert "Entwurfstext" not in text(client.get(url))
        minutes.status = MinutesStatus.CIRCULATED
        minutes.save()
        assert "Entwurfstext" not in text(client.get(url))
        minutes.status = MinutesStatus.APPROVED
        minutes.save()
        h.correction(minutes, "Richtig ist: 14 Uhr.", author=world.wg_lead)
        body = text(client.get(url))
        assert "Entwurfstext der Niederschrift" in body
        assert "Richtig ist: 14 Uhr." in body
        assert world.wg_lead.display_name not in body  # the correction's author

    def test_it_never_shows_approved_minutes_of_a_non_public_item(self, client, world):
        h.minutes(world.confidential_item, "Vertrauliche Beratung")
        body = text(page(client, "public:meeting_detail", world.meeting.pk))
        assert "Vertrauliche Beratung" not in body

    def test_a_withheld_paper_is_neither_listed_nor_served(self, client, world):
        meeting_services.paper_withhold(
            paper=world.public_paper, reason="Enthält Namen von Anwohnern", actor=world.office
        )
        body = text(page(client, "public:meeting_detail", world.meeting.pk))
        assert world.public_paper.title not in body
        assert "Anwohnern" not in body
        response = page(client, "public:paper_download", world.public_paper.pk)
        assert response.status_code == 404
        assert "public" not in response.get("Cache-Control", "")
        meeting_services.paper_release(paper=world.public_paper, actor=world.office)
        assert page(client, "public:paper_download", world.public_paper.pk).status_code == 200

    def test_it_serves_a_published_paper_as_a_download(self, client, world):
        response = page(client, "public:paper_download", world.public_paper.pk)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == f.PDF_BYTES
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Cache-Control"] == "public, max-age=300"
        assert "sandbox" in response["Content-Security-Policy"]

    def test_it_lists_meetings_by_year_and_body(self, client, world):
        group = world.working_group.body
        old = h.meeting(
            group, title="Sitzung im Vorjahr", starts_at=timezone.now().replace(year=2024)
        )
        listing = text(page(client, "public:meeting_list", query={"jahr": 2024}))
        assert old.title in listing and world.meeting.title not in listing
        listing = text(page(client, "public:meeting_list", query={"gremium": world.board.pk}))
        assert world.meeting.title in listing and old.title not in listing
        assert page(client, "public:meeting_list", query={"jahr": "1800"}).status_code == 400

    def test_the_meeting_list_is_paginated(self, client, world):
        for number in range(21):
            h.meeting(world.board, title=f"Reihe {number:02d}")
        first = text(page(client, "public:meeting_list"))
        assert "seite=2" in first
        second = text(page(client, "public:meeting_list", query={"seite": 2}))
        assert first.count("Reihe") + second.count("Reihe") == 21


class TestBodies:
    def test_home_names_the_seats_by_public_office_only(self, client, world):
        body = text(page(client, "public:home"))
        assert world.board_member.display_name in body  # a board seat: the office
        assert "Stadt Halberstadt (Mitglied)" in body  # a working-group seat: the partner
        for user in (world.wg_member, world.board_member, world.office, world.other_wg_member):
            assert f">{user.username}<" not in body
            assert user.email not in body
        assert world.wg_member.display_name not in body
        assert world.working_group.mandate in body
        assert world.contract.title in body

    def test_home_shows_only_the_contract_in_force(self, client, world):
        world.contract.valid_until = timezone.localdate() - datetime.timedelta(days=1)
        world.contract.save()
        body = text(page(client, "public:home"))
        assert world.contract.title not in body
        assert "Derzeit ist kein Vertrag in Kraft." in body

    def test_a_body_page_shows_its_newest_meetings_bounded(self, client, world):
        for number in range(12):
            h.meeting(world.board, title=f"Gremiumssitzung {number:02d}")
        body = text(page(client, "public:body_detail", world.board.pk))
        assert body.count("Gremiumssitzung") == 10
        assert f"?gremium={world.board.pk}" in body

    def test_a_former_member_is_not_listed(self, client, world):
        former = f.UserFactory(username="ehemals", display_name="Ehemalige Bürgermeisterin")
        f.membership(
            former,
            world.board,
            Role.MEMBER,
            partner=world.wernigerode,
            valid_from=datetime.date(2020, 1, 1),
            valid_until=datetime.date(2021, 1, 1),
        )
        assert "Ehemalige Bürgermeisterin" not in text(page(client, "public:home"))


class TestDecisions:
    def test_it_shows_a_decision_with_its_progress_but_not_who_wrote_it(self, client, world):
        meeting_services.decision_progress_add(
            decision=world.decision,
            note="Bestandsaufnahme begonnen",
            status=DecisionStatus.IN_PROGRESS,
            actor=world.wg_lead,
        )
        body = text(page(client, "public:decision_detail", world.decision.pk))
        assert world.decision.number in body and world.decision.text in body
        assert "Bestandsaufnahme begonnen" in body
        assert world.wg_lead.display_name not in body
        assert world.working_group.body.name in body
        assert f'#top-{world.public_item.pk}"' in body

    def test_it_never_shows_a_decision_on_a_non_public_item(self, client, world):
        secret = meeting_services.decision_record(
            item=world.confidential_item,
            title="Personalie",
            text="Vertraulicher Beschluss",
            votes_yes=1,
            actor=world.office,
        )
        assert page(client, "public:decision_detail", secret.pk).status_code == 404
        assert "Personalie" not in text(page(client, "public:decision_list"))
        assert "Vertraulicher Beschluss" not in text(
            page(client, "public:meeting_detail", world.meeting.pk)
        )

    def test_it_filters_by_status_year_body_group_and_overdue(self, client, world):
        late = meeting_services.decision_record(
            item=world.public_item,
            title="Längst fällig",
            text="Etwas tun.",
            votes_yes=1,
            due_date=timezone.localdate() - datetime.timedelta(days=3),
            actor=world.office,
        )
        listing = text(page(client, "public:decision_list", query={"ueberfaellig": "on"}))
        assert late.number in listing and world.decision.number not in listing
        group = world.working_group.pk
        listing = text(page(client, "public:decision_list", query={"arbeitsgruppe": group}))
        assert world.decision.number in listing and late.number not in listing
        listing = text(page(client, "public:decision_list", query={"status": "done"}))
        assert world.decision.number not in listing
        year = world.decision.year
        listing = text(
            page(client, "public:decision_list", query={"jahr": year, "gremium": world.board.pk})
        )
        assert world.decision.number in listing and late.number in listing
        assert page(client, "public:decision_list", query={"status": "x"}).status_code == 400


class TestFindingsAndMatrix:
    def test_an_agreed_finding_is_shown_and_a_draft_is_not(self, client, world):
        body = text(page(client, "public:finding_detail", world.agreed_finding.pk))
        assert world.agreed_finding.title in body
        assert world.working_group.body.name in body
        assert world.facility_wernigerode.name in body
        assert page(client, "public:finding_detail", world.draft_finding.pk).status_code == 404
        listing = text(page(client, "public:finding_list"))
        assert world.agreed_finding.title in listing
        assert world.draft_finding.title not in listing

    def test_a_reopened_finding_disappears(self, client, world):
        world.agreed_finding.status = FindingStatus.DISCUSSION
        world.agreed_finding.save()
        assert page(client, "public:finding_detail", world.agreed_finding.pk).status_code == 404

    def test_the_matrix_counts_agreed_findings_and_links_the_filtered_list(self, client, world):
        body = text(page(client, "public:matrix"))
        function = world.agreed_finding.central_function_id
        link = f"?funktion={function}&amp;partner={world.wernigerode.pk}"
        assert link in body
        assert world.agreed_finding.title not in body  # counts, not every finding
        assert world.draft_finding.title not in body
        listing = text(
            page(
                client,
                "public:finding_list",
                query={"funktion": function, "partner": world.wernigerode.pk},
            )
        )
        assert world.agreed_finding.title in listing
        listing = text(
            page(
                client,
                "public:finding_list",
                query={"funktion": function, "partner": world.halberstadt.pk},
            )
        )
        assert world.agreed_finding.title not in listing


class TestConceptAndReports:
    def test_only_the_published_version_of_a_chapter_is_shown(self, client, world):
        chapter = h.chapter(actor=world.office, title="Leitbild", text="Gemeinsam versorgen.")
        h.chapter_edit(
            chapter, actor=world.office, title="Neuer Arbeitstitel", text="Noch nicht beschlossen."
        )
        h.chapter(
            actor=world.office, title="Entwurfskapitel", text="Intern.", position=2, publish=False
        )
        for response in (
            page(client, "public:concept"),
            page(client, "public:chapter_detail", chapter.pk),
        ):
            body = text(response)
            assert "Leitbild" in body and "Gemeinsam versorgen." in body
            assert f'id="kapitel-{chapter.pk}"' in body
            assert "Arbeitstitel" not in body and "Noch nicht beschlossen" not in body
            assert "Entwurfskapitel" not in body

    def test_an_unpublished_chapter_is_unknown(self, client, world):
        draft = h.chapter(actor=world.office, title="Entwurf", text="x", publish=False)
        assert page(client, "public:chapter_detail", draft.pk).status_code == 404

    def test_only_built_public_council_reports_are_listed_and_served(self, client, world):
        public = h.report(requested_by=world.office, title="Bericht 2026")
        internal = h.report(
            requested_by=world.office, title="Mitgliederausgabe 2026", edition=Edition.INTERNAL
        )
        failed = h.report(
            requested_by=world.office, title="Gescheitert", status=DocumentStatus.FAILED
        )
        body = text(page(client, "public:report_list"))
        assert "Bericht 2026" in body and public.sha256 in body
        assert "Mitgliederausgabe" not in body and "Gescheitert" not in body
        response = page(client, "public:report_download", public.pk)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == h.PDF
        assert response["ETag"] == f'"{public.sha256}"'
        for other in (internal, failed):
            assert page(client, "public:report_download", other.pk).status_code == 404

    def test_empty_pages_say_so(self, client, db):
        assert "Es wurden noch keine Sitzungen veröffentlicht." in text(
            page(client, "public:meeting_list")
        )
        assert "Es wurde noch kein Bericht an die Räte veröffentlicht." in text(
            page(client, "public:report_list")
        )


class TestLayout:
    def test_the_frame_has_no_user_content_and_no_csrf_token(self, client, world):
        client.force_login(world.board_member)
        body = text(page(client, "public:home"))
        assert "csrfmiddlewaretoken" not in body
        assert world.board_member.username not in body
        assert 'action="/oeffentlich/suche/"' in body and 'name="q"' in body
        assert 'for="public-search-q"' in body
        assert "Anmeldung für Mitglieder" in body
        assert 'class="skip-link"' in body
        assert "style=" not in body and "<script" not in body

    def test_the_navigation_marks_the_current_section(self, client, world):
        body = text(page(client, "public:decision_detail", world.decision.pk))
        url = reverse("public:decision_list")
        assert f'<a href="{url}" aria-current="page">' in body
        assert body.count('aria-current="page"') == 1

    def test_every_public_url_refuses_a_post(self, client, world):
        from public.urls import urlpatterns

        client.force_login(world.office)
        # The one public form: a participation procedure's statement form (its POST is
        # in the permission matrix and tests/public/test_participation.py).
        takes_post = {"participation_statement"}
        for pattern in urlpatterns:
            if pattern.name in takes_post:
                continue
            args = [world.meeting.pk] if "<int:pk>" in str(pattern.pattern) else []
            url = reverse(f"public:{pattern.name}", args=args)
            assert client.post(url).status_code == 405, url


class TestInternalLinks:
    def test_a_member_is_linked_to_the_public_page_of_what_is_published(self, client, world):
        client.force_login(world.board_member)
        public = reverse("public:meeting_detail", args=[world.meeting.pk])
        body = text(client.get(world.meeting.get_absolute_url()))
        assert public in body and "Öffentliche Ansicht" in body
        body = text(client.get(world.decision.get_absolute_url()))
        assert reverse("public:decision_detail", args=[world.decision.pk]) in body
        body = text(client.get(world.agreed_finding.get_absolute_url()))
        assert reverse("public:finding_detail", args=[world.agreed_finding.pk]) in body
        for name, public_name in (
            ("workinggroups:matrix", "public:matrix"),
            ("overview:overview", "public:concept"),
            ("documents:report_list", "public:report_list"),
        ):
            assert reverse(public_name) in text(client.get(reverse(name)))
        body = text(client.get(world.board.get_absolute_url()))
        assert reverse("public:body_detail", args=[world.board.pk]) in body

    def test_nothing_unpublished_links_to_a_public_page(self, client, world):
        planned = h.meeting(world.board, status=MeetingStatus.PLANNED)
        client.force_login(world.office)
        body = text(client.get(planned.get_absolute_url()))
        assert "Öffentliche Ansicht" not in body
        secret = meeting_services.decision_record(
            item=world.confidential_item,
            title="Personalie",
            text="x",
            votes_yes=1,
            actor=world.office,
        )
        assert "Öffentliche Ansicht" not in text(client.get(secret.get_absolute_url()))
        client.force_login(world.wg_member)
        body = text(client.get(world.draft_finding.get_absolute_url()))
        assert "Öffentliche Ansicht" not in body
