"""Findings: who sees drafts, who writes, no lost updates, status, discussion, attachments."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation.models import Role
from overview import services as overview_services
from workinggroups import services as wg_services
from workinggroups.models import Finding, FindingAttachment, FindingStatus, FindingType

from .. import factories as f

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


@pytest.fixture
def other_member(world):
    """A member of another working group (and of nothing else)."""
    group = f.WorkingGroupFactory(body__name="AG Gesundheit")
    user = f.UserFactory(username="gustav", display_name="Mitglied AG Gesundheit")
    f.membership(user, group.body, Role.MEMBER, partner=world.wernigerode)
    return user


@pytest.fixture
def lead(world):
    user = f.UserFactory(username="lena", display_name="AG-Leitung")
    f.membership(user, world.working_group.body, Role.LEAD, partner=world.halberstadt)
    return user


def _url(name, obj):
    return reverse(f"workinggroups:{name}", args=[obj.pk])


def _form_data(world, finding, **changes):
    data = {
        "type": finding.type,
        "title": finding.title,
        "text": finding.text,
        "function_area": finding.function_area_id,
        "central_function": finding.central_function_id or "",
        "facilities": [world.facility_halberstadt.pk],
        "partners": [world.halberstadt.pk],
        "version": finding.version,
    }
    data.update(changes)
    return data


# --- Draft visibility ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["board_member", "office", "admin_halberstadt", "admin_wernigerode"]
)
def test_it_hides_a_draft_from_everyone_outside_the_group(client, world, persona):
    client.force_login(getattr(world, persona))
    draft = world.draft_finding

    assert client.get(_url("finding_detail", draft)).status_code == 404
    listing = client.get(reverse("workinggroups:finding_list"))
    group_page = client.get(_url("group_detail", world.working_group))

    assert draft.title not in listing.content.decode()
    assert draft.title not in group_page.content.decode()
    assert world.agreed_finding.title in listing.content.decode()
    assert world.agreed_finding.title in group_page.content.decode()


def test_it_hides_a_draft_from_a_member_of_another_group(client, world, other_member):
    client.force_login(other_member)

    assert client.get(_url("finding_detail", world.draft_finding)).status_code == 404
    listing = client.get(reverse("workinggroups:finding_list")).content.decode()
    assert world.draft_finding.title not in listing
    assert world.agreed_finding.title in listing


def test_it_shows_a_draft_to_the_members_of_the_group(client, world):
    client.force_login(world.wg_member)

    response = client.get(_url("finding_detail", world.draft_finding))

    assert response.status_code == 200
    assert "nur die Mitglieder der Arbeitsgruppe" in response.content.decode()
    listing = client.get(reverse("workinggroups:finding_list")).content.decode()
    assert world.draft_finding.title in listing


@pytest.mark.parametrize("persona", ["board_member", "office", "admin_wernigerode"])
def test_it_shows_a_finding_for_discussion_to_every_member(client, world, persona):
    wg_services.finding_set_status(
        finding=world.draft_finding,
        status=FindingStatus.DISCUSSION,
        actor=world.wg_member,
        as_lead=False,
    )
    client.force_login(getattr(world, persona))

    response = client.get(_url("finding_detail", world.draft_finding))

    assert response.status_code == 200
    assert "Abendverbindungen" in response.content.decode()


# --- Creating and editing -----------------------------------------------------------------


def test_it_lets_a_member_record_a_finding_as_a_draft(client, world):
    client.force_login(world.wg_member)
    group = world.working_group

    form = client.get(_url("finding_create", group))
    response = client.post(
        _url("finding_create", group),
        {
            "type": FindingType.INVENTORY,
            "title": "Bestand: Fernverkehrshalte",
            "text": "Halberstadt hat **keinen** IC-Halt.",
            "function_area": group.function_area_id,
            "facilities": [world.facility_halberstadt.pk],
            "partners": [world.halberstadt.pk, world.wernigerode.pk],
        },
    )

    assert form.status_code == 200
    assert f'value="{group.function_area_id}" selected' in form.content.decode()
    finding = Finding.objects.get(title="Bestand: Fernverkehrshalte")
    assert response.status_code == 302
    assert response.url == finding.get_absolute_url()
    assert finding.status == FindingStatus.DRAFT
    assert finding.author == world.wg_member
    assert set(finding.partners.all()) == {world.halberstadt, world.wernigerode}
    assert finding.history.earliest().history_user == world.wg_member
    page = client.get(finding.get_absolute_url()).content.decode()
    assert "<strong>keinen</strong>" in page


def test_it_refuses_a_finding_whose_function_belongs_to_another_area(client, world):
    client.force_login(world.wg_member)
    foreign = f.CentralFunctionFactory(name="Theater")

    response = client.post(
        _url("finding_create", world.working_group),
        {
            "type": FindingType.OBSTACLE,
            "title": "Falsch zugeordnet",
            "text": "Text",
            "function_area": world.working_group.function_area_id,
            "central_function": foreign.pk,
        },
    )

    assert response.status_code == 400
    assert "gehört zu einem anderen Funktionsbereich" in response.content.decode()
    assert not Finding.objects.filter(title="Falsch zugeordnet").exists()


@pytest.mark.parametrize("persona", ["board_member", "office"])
def test_it_refuses_editing_by_non_members(client, world, persona):
    client.force_login(getattr(world, persona))
    finding = world.agreed_finding

    response = client.post(
        _url("finding_update", finding), _form_data(world, finding, title="Übernommen")
    )

    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.title == "Empfehlung: Stundentakt nach Hannover"
    assert client.get(_url("finding_create", world.working_group)).status_code == 403


def test_it_saves_an_edit_by_a_member_with_history(client, world):
    client.force_login(world.wg_member)
    finding = world.draft_finding

    form = client.get(_url("finding_update", finding)).content.decode()
    response = client.post(
        _url("finding_update", finding),
        _form_data(world, finding, text="Abends fährt nach 20 Uhr kein Zug mehr."),
    )

    # The form starts from the saved facilities, partners and version.
    # The facilities are checkboxes (the area's facilities only, the finding's ticked).
    assert re.search(rf'value="{world.facility_halberstadt.pk}"[^>]*checked', form)
    assert not re.search(rf'value="{world.facility_wernigerode.pk}"[^>]*checked', form)
    assert 'name="version" value="1"' in form
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.text == "Abends fährt nach 20 Uhr kein Zug mehr."
    assert finding.version == 2
    assert finding.history.latest().history_user == world.wg_member


def test_one_save_of_a_finding_writes_one_history_entry_with_its_links(client, world):
    client.force_login(world.wg_member)
    finding = world.draft_finding
    before = finding.history.count()

    response = client.post(
        _url("finding_update", finding),
        _form_data(
            world, finding, text="Neuer Text.",
            facilities=[world.facility_wernigerode.pk], partners=[world.wernigerode.pk],
        ),
    )  # fmt: skip

    assert response.status_code == 302
    assert finding.history.count() == before + 1
    entry = finding.history.latest()
    assert entry.history_user == world.wg_member
    assert [link.facility_id for link in entry.facilities.all()] == [world.facility_wernigerode.pk]
    assert [link.partner_id for link in entry.partners.all()] == [world.wernigerode.pk]
    previous = entry.prev_record
    assert [link.facility_id for link in previous.facilities.all()] == [
        world.facility_halberstadt.pk
    ]


# --- No lost updates ---------------------------------------------------------------------


def test_it_refuses_the_second_of_two_concurrent_edits_and_keeps_both_texts(client, world):
    client.force_login(world.wg_member)
    finding = world.draft_finding
    url = _url("finding_update", finding)
    # Both tabs opened the form at version 1.
    first_tab = _form_data(world, finding, text="Text aus dem ersten Tab.")
    second_tab = _form_data(world, finding, text="Text aus dem zweiten Tab.")

    first = client.post(url, first_tab)
    second = client.post(url, second_tab)

    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "Jemand anderes hat diesen Befund inzwischen gespeichert" in page
    assert "Gespeicherte Fassung" in page and "Ihre Fassung" in page
    assert "Text aus dem ersten Tab." in page  # the saved version
    assert page.count("Text aus dem zweiten Tab.") >= 2  # shown and kept in the form
    assert 'name="version" value="2"' in page
    finding.refresh_from_db()
    assert finding.text == "Text aus dem ersten Tab."

    # Saving again from the conflict page (with the version it now carries) succeeds.
    merged = _form_data(world, finding, text="Zusammengeführt aus beiden Tabs.", version=2)
    third = client.post(url, merged)

    assert third.status_code == 302
    finding.refresh_from_db()
    assert finding.text == "Zusammengeführt aus beiden Tabs."
    assert finding.version == 3


def test_it_refuses_an_edit_without_a_version(client, world):
    client.force_login(world.wg_member)
    finding = world.draft_finding
    data = _form_data(world, finding, text="Ohne Version")
    del data["version"]

    response = client.post(_url("finding_update", finding), data)

    assert response.status_code == 400
    assert "Das Formular ist unvollständig" in response.content.decode()
    finding.refresh_from_db()
    assert finding.text != "Ohne Version"


# --- Status ------------------------------------------------------------------------------


def test_it_lets_a_member_share_a_draft_but_not_agree_it(client, world):
    client.force_login(world.wg_member)
    finding = world.draft_finding
    url = _url("finding_status", finding)

    shared = client.post(url, {"status": FindingStatus.DISCUSSION})
    agreed = client.post(url, {"status": FindingStatus.AGREED})

    assert shared.status_code == 302
    assert agreed.status_code == 400
    assert "der Leitung der Arbeitsgruppe vorbehalten" in agreed.content.decode()
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DISCUSSION


def test_it_lets_the_lead_agree_a_finding_and_reopen_it(client, world, lead):
    client.force_login(lead)
    finding = world.draft_finding
    url = _url("finding_status", finding)

    page = client.get(_url("finding_detail", finding)).content.decode()
    client.post(url, {"status": FindingStatus.DISCUSSION})
    agreed = client.post(url, {"status": FindingStatus.AGREED})

    assert "Zur Diskussion stellen" in page
    assert agreed.status_code == 302
    finding.refresh_from_db()
    assert finding.status == FindingStatus.AGREED
    assert "Wieder zur Diskussion stellen" in client.get(agreed.url).content.decode()
    assert client.post(url, {"status": FindingStatus.DISCUSSION}).status_code == 302


def test_it_refuses_status_changes_by_outsiders_and_by_get(client, world):
    client.force_login(world.board_member)
    url = _url("finding_status", world.agreed_finding)

    assert client.post(url, {"status": FindingStatus.DISCUSSION}).status_code == 403
    assert client.get(url).status_code == 405
    world.agreed_finding.refresh_from_db()
    assert world.agreed_finding.status == FindingStatus.AGREED


# --- Discussion ---------------------------------------------------------------------------


def test_it_shows_the_discussion_thread_with_authors(client, world):
    finding = world.agreed_finding
    client.force_login(world.board_member)
    client.post(_url("comment_create", finding), {"text": "Gilt das auch am Wochenende?"})
    client.force_login(world.wg_member)
    client.post(_url("comment_create", finding), {"text": "Ja, samstags ebenso."})

    page = client.get(_url("finding_detail", finding)).content.decode()

    assert page.index("Gilt das auch am Wochenende?") < page.index("Ja, samstags ebenso.")
    assert "Oberbürgermeister:in" in page and "AG-Mitglied" in page
    assert [c.author for c in finding.comments.all()] == [world.board_member, world.wg_member]


def test_it_refuses_an_empty_comment_and_comments_on_hidden_drafts(client, world):
    client.force_login(world.wg_member)
    empty = client.post(_url("comment_create", world.agreed_finding), {"text": "  "})
    client.force_login(world.board_member)
    hidden = client.post(_url("comment_create", world.draft_finding), {"text": "Hallo"})

    assert empty.status_code == 400
    assert hidden.status_code == 404
    assert not world.agreed_finding.comments.exists()
    assert not world.draft_finding.comments.exists()


# --- Attachments ---------------------------------------------------------------------------


def _attach(client, finding, name, data):
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(_url("attachment_upload", finding), {"title": "Fahrplan", "file": upload})


def test_it_rejects_an_attachment_whose_content_is_not_what_its_name_says(client, world):
    client.force_login(world.wg_member)

    response = _attach(client, world.draft_finding, "fahrplan.pdf", PNG)

    assert response.status_code == 400
    assert not FindingAttachment.objects.exists()


def test_it_stores_an_attachment_and_serves_it_to_those_who_see_the_finding(client, world):
    client.force_login(world.wg_member)

    uploaded = _attach(client, world.agreed_finding, "Fahrplan 2026.pdf", f.PDF_BYTES)

    assert uploaded.status_code == 302
    attachment = FindingAttachment.objects.get()
    client.force_login(world.board_member)
    response = client.get(_url("attachment_download", attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == f.PDF_BYTES
    # Sandboxed on top of the portal's policy (tests/core/test_security_headers.py).
    assert "sandbox" in response["Content-Security-Policy"].split("; ")
    assert "default-src 'self'" in response["Content-Security-Policy"].split("; ")
    assert "Fahrplan_2026.pdf" in response["Content-Disposition"]


def test_it_hides_a_drafts_attachment_from_non_members(client, world, other_member):
    client.force_login(world.wg_member)
    _attach(client, world.draft_finding, "entwurf.pdf", f.PDF_BYTES)
    attachment = FindingAttachment.objects.get()
    url = _url("attachment_download", attachment)

    assert client.get(url).status_code == 200
    for user in (world.board_member, world.office, other_member):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_it_refuses_uploads_by_non_members(client, world):
    client.force_login(world.board_member)

    response = _attach(client, world.agreed_finding, "fahrplan.pdf", f.PDF_BYTES)

    assert response.status_code == 403
    assert not FindingAttachment.objects.exists()


def test_it_answers_404_when_an_attachments_file_is_missing(client, world):
    client.force_login(world.wg_member)
    _attach(client, world.agreed_finding, "fahrplan.pdf", f.PDF_BYTES)
    attachment = FindingAttachment.objects.get()
    attachment.file.delete(save=False)

    assert client.get(_url("attachment_download", attachment)).status_code == 404


def test_it_refuses_a_second_save_that_changes_only_the_partners(world):
    finding = world.draft_finding
    version = finding.version
    wg_services.finding_update(
        finding=finding,
        data={},
        partners=[world.wernigerode],
        expected_version=version,
        actor=world.wg_member,
    )
    with pytest.raises(ValidationError) as error:
        wg_services.finding_update(
            finding=finding,
            data={},
            partners=[world.rpg],
            expected_version=version,
            actor=world.wg_member,
        )
    assert error.value.code == "conflict"
    assert list(finding.partners.all()) == [world.wernigerode]


def test_it_keeps_a_finding_cited_in_the_concept_out_of_the_drafts(world):
    finding = world.agreed_finding
    overview_services.chapter_create(
        position=1,
        title="Ausgangslage",
        text="Text",
        function_areas=[],
        findings=[finding],
        actor=world.office,
    )
    wg_services.finding_set_status(
        finding=finding, status="discussion", actor=world.office, as_lead=True
    )
    with pytest.raises(ValidationError) as error:
        wg_services.finding_set_status(
            finding=finding, status="draft", actor=world.wg_member, as_lead=False
        )
    assert error.value.code == "published"
