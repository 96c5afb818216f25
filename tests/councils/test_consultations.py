"""Council consultations: requiring the councils, recording a council's result (only
that partner's administrators and the office), the rule "wirksam / blockiert", the
overdue highlighting and reminders, the pages that show them."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from councils import services
from councils.models import (
    ApprovalRule,
    Consultation,
    ConsultationStatus,
    CouncilRequirement,
    Effect,
    MinutesExtract,
    Scope,
    evaluate,
)
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
A, AC, R, P, ON_AGENDA, D = (
    ConsultationStatus.APPROVED,
    ConsultationStatus.APPROVED_WITH_CHANGES,
    ConsultationStatus.REJECTED,
    ConsultationStatus.PENDING,
    ConsultationStatus.ON_AGENDA,
    ConsultationStatus.DEFERRED,
)


def require(world, **kwargs):
    kwargs.setdefault("scope", Scope.ALL)
    kwargs.setdefault("planned_date", TODAY() + datetime.timedelta(days=14))
    return services.requirement_create(decision=world.decision, actor=world.office, **kwargs)


def consultation_of(world, partner):
    return Consultation.objects.get(requirement__decision=world.decision, partner=partner)


def record_url(consultation):
    return reverse("councils:consultation_record", args=[consultation.pk])


def record_data(consultation, **overrides):
    data = {
        "council_name": consultation.council_name,
        "planned_date": "",
        "status": "approved",
        "resolution_number": "SR-2026/114",
        "resolution_date": TODAY().isoformat(),
        "note": "",
    }
    data.update(overrides)
    return data


def approve(world, partner, status=A):
    consultation = consultation_of(world, partner)
    services.consultation_record(
        consultation=consultation,
        data={
            "council_name": consultation.council_name,
            "planned_date": consultation.planned_date,
            "status": status,
            "resolution_number": "1/2026",
            "resolution_date": TODAY(),
            "note": "",
        },
        actor=world.office,
    )
    return consultation


# --- the rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "needed", "statuses", "effect"),
    [
        (ApprovalRule.ALL, None, [A, A, A, A], Effect.EFFECTIVE),
        (ApprovalRule.ALL, None, [A, AC, A, A], Effect.EFFECTIVE),
        (ApprovalRule.ALL, None, [A, A, A, P], Effect.PENDING),
        (ApprovalRule.ALL, None, [A, A, A, D], Effect.PENDING),
        (ApprovalRule.ALL, None, [A, A, A, R], Effect.BLOCKED),
        (ApprovalRule.ALL, None, [R, P, ON_AGENDA, P], Effect.BLOCKED),
        (ApprovalRule.MINIMUM, 3, [A, A, A, R], Effect.EFFECTIVE),
        (ApprovalRule.MINIMUM, 3, [A, A, R, P], Effect.PENDING),
        (ApprovalRule.MINIMUM, 3, [A, A, R, R], Effect.BLOCKED),
        (ApprovalRule.ALL, None, [], Effect.PENDING),
    ],
)
def test_it_decides_wirksam_and_blockiert_by_the_rule(rule, needed, statuses, effect):
    assert evaluate(rule, needed, statuses) == effect


def test_scope_all_asks_every_partner_with_a_council_and_names_it(world):
    requirement = require(world)
    names = sorted(requirement.consultations.values_list("council_name", flat=True))
    assert names == ["Regionalversammlung RPG Harz", "Stadtrat Halberstadt", "Stadtrat Wernigerode"]
    assert requirement.effect == Effect.PENDING
    assert requirement.history.first().history_user == world.office


def test_the_decision_turns_wirksam_when_the_last_council_approves(world):
    require(world, scope=Scope.NAMED, partners=[world.halberstadt, world.wernigerode])
    approve(world, world.halberstadt)
    assert CouncilRequirement.objects.get().effect == Effect.PENDING
    approve(world, world.wernigerode, AC)
    requirement = CouncilRequirement.objects.get()
    assert requirement.effect == Effect.EFFECTIVE
    assert requirement.history.first().history_change_reason == "Wirkung: Wirksam"


def test_one_rejection_blocks_the_decision(world):
    require(world)
    approve(world, world.halberstadt)
    approve(world, world.wernigerode, R)
    assert CouncilRequirement.objects.blocked().get().decision == world.decision


def test_it_refuses_a_second_requirement_and_a_minimum_above_the_councils(client, world):
    client.force_login(world.office)
    url = reverse("councils:requirement_create", args=[world.decision.pk])
    response = client.post(url, {"scope": "joint", "rule": "minimum", "required_approvals": "5"})
    assert response.status_code == 400
    assert "Es werden nur 2 Räte gefragt." in response.content.decode()
    assert not CouncilRequirement.objects.exists()
    response = client.post(url, {"scope": "named", "rule": "all"})
    assert response.status_code == 400
    assert "Bitte mindestens einen Partner auswählen." in response.content.decode()
    assert client.post(url, {"scope": "all", "rule": "all"}).status_code == 302
    response = client.post(url, {"scope": "all", "rule": "all"})
    assert response.status_code == 409
    assert CouncilRequirement.objects.count() == 1


# --- who records ---------------------------------------------------------------------------


def test_the_partners_administrator_records_the_approval_with_the_extract(client, world):
    require(world, scope=Scope.NAMED, partners=[world.wernigerode])
    consultation = consultation_of(world, world.wernigerode)
    client.force_login(world.admin_wernigerode)
    data = record_data(consultation)
    data["extract"] = SimpleUploadedFile("auszug.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(record_url(consultation), data)
    assert response.status_code == 302, response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == A
    assert consultation.resolution_number == "SR-2026/114"
    assert consultation.history.first().history_user == world.admin_wernigerode
    assert CouncilRequirement.objects.get().effect == Effect.EFFECTIVE
    extract = MinutesExtract.objects.get()
    assert extract.uploaded_by == world.admin_wernigerode
    # Every member of the cooperation may read it; it is served as a download.
    client.force_login(world.board_member)
    response = client.get(reverse("councils:extract_download", args=[extract.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "SR-2026/114" in page and "wirksam" in page


def test_another_partners_administrator_is_refused_and_changes_nothing(client, world):
    require(world)
    consultation = consultation_of(world, world.wernigerode)
    client.force_login(world.admin_halberstadt)
    before = list(Consultation.history.values_list("pk", flat=True))
    assert client.get(record_url(consultation)).status_code == 403
    response = client.post(record_url(consultation), record_data(consultation))
    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == P
    assert list(Consultation.history.values_list("pk", flat=True)) == before
    # ... while recording their own partner's council.
    own = consultation_of(world, world.halberstadt)
    assert client.post(record_url(own), record_data(own)).status_code == 302


@pytest.mark.parametrize("persona", ["board_member", "wg_member", "other_wg_member"])
def test_members_without_the_partners_right_may_read_but_not_record(client, world, persona):
    require(world)
    consultation = consultation_of(world, world.halberstadt)
    client.force_login(getattr(world, persona))
    assert client.get(consultation.get_absolute_url()).status_code == 200
    assert client.post(record_url(consultation), record_data(consultation)).status_code == 403
    assert consultation_of(world, world.halberstadt).status == P


def test_anonymous_visitors_go_to_login(client, world):
    require(world)
    consultation = consultation_of(world, world.halberstadt)
    response = client.post(record_url(consultation), record_data(consultation))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert consultation_of(world, world.halberstadt).status == P


def test_consultations_of_a_non_public_decision_are_hidden(client, world):
    from meetings import services as meeting_services

    decision = meeting_services.decision_record(
        item=world.confidential_item, title="Vertraulich", text="…", votes_yes=1, actor=world.office
    )
    services.requirement_create(decision=decision, scope=Scope.ALL, actor=world.office)
    consultation = Consultation.objects.get(
        requirement__decision=decision, partner=world.wernigerode
    )
    client.force_login(world.admin_wernigerode)
    assert client.get(consultation.get_absolute_url()).status_code == 404
    assert client.post(record_url(consultation), record_data(consultation)).status_code == 404
    response = client.get(reverse("councils:council_list"))
    assert "Vertraulich" not in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"resolution_date": ""}, "Bitte das Datum des Ratsbeschlusses angeben."),
        ({"resolution_date": "2101-01-01"}, "zwischen"),
        ({"resolution_date": "kein Datum"}, "Datum"),
        ({"status": "vertagt"}, "keine gültige Auswahl"),
        ({"council_name": ""}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_bad_input_is_refused_in_german_and_changes_nothing(client, world, overrides, message):
    require(world)
    consultation = consultation_of(world, world.wernigerode)
    client.force_login(world.admin_wernigerode)
    response = client.post(record_url(consultation), record_data(consultation, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert consultation_of(world, world.wernigerode).status == P
    assert CouncilRequirement.objects.get().effect == Effect.PENDING


# --- overdue and reminders ----------------------------------------------------------------


def test_overdue_consultations_are_highlighted_and_reminded_once_a_week(client, world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    require(world, planned_date=TODAY() - datetime.timedelta(days=3))
    approve(world, world.halberstadt)
    world.wernigerode.staff.exclude(user=world.admin_wernigerode).delete()
    client.force_login(world.board_member)
    page = client.get(reverse("councils:council_list") + "?ueberfaellig=on").content.decode()
    assert "Stadtrat Wernigerode" in page and "überfällig" in page
    assert "Stadtrat Halberstadt" not in page  # approved: nothing left to decide

    mail.outbox.clear()
    assert services.send_overdue_reminders() == 1  # Wernigerode; RPG Harz has no administrator
    [message] = mail.outbox
    assert message.to == [world.admin_wernigerode.email]
    assert "Überfällige Beratungen" in message.subject
    assert world.decision.number in message.body
    assert "Stadtrat Wernigerode" in message.body and "Stadtrat Halberstadt" not in message.body
    # Not again within the week, again after it.
    assert services.send_overdue_reminders() == 0
    assert services.send_overdue_reminders(on=TODAY() + datetime.timedelta(days=7)) == 1
    assert consultation_of(world, world.wernigerode).history.first().history_user is None


def test_no_reminder_names_a_decision_on_a_non_public_item(world, settings):
    from meetings import services as meeting_services

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    decision = meeting_services.decision_record(
        item=world.confidential_item, title="Vertraulich", text="…", votes_yes=1, actor=world.office
    )
    services.requirement_create(
        decision=decision,
        scope=Scope.ALL,
        planned_date=TODAY() - datetime.timedelta(days=3),
        actor=world.office,
    )
    mail.outbox.clear()
    assert services.send_overdue_reminders() == 0
    assert mail.outbox == []


def test_the_command_sends_the_reminders(world, settings):
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    require(world, planned_date=TODAY() - datetime.timedelta(days=1))
    mail.outbox.clear()
    call_command("remind_consultations", stdout=io.StringIO())
    assert len(mail.outbox) == 2  # Halberstadt and Wernigerode


# --- where the effect shows ---------------------------------------------------------------


def test_the_follow_up_list_shows_which_councils_a_decision_waits_for(client, world):
    require(world, scope=Scope.NAMED, partners=[world.halberstadt, world.wernigerode])
    approve(world, world.halberstadt)
    client.force_login(world.board_member)
    page = client.get(reverse("meetings:decision_list")).content.decode()
    assert "wartet auf die Räte" in page
    assert "Stadtrat Wernigerode" in page and "Stadtrat Halberstadt" not in page
    detail = client.get(world.decision.get_absolute_url()).content.decode()
    assert "Stadtrat Halberstadt" in detail and "Räte der Partner" in detail


def test_the_public_decision_page_shows_the_councils(client, world):
    require(world, scope=Scope.NAMED, partners=[world.wernigerode])
    approve(world, world.wernigerode, R)
    page = client.get(reverse("public:decision_detail", args=[world.decision.pk])).content.decode()
    assert "Stadtrat Wernigerode" in page and "blockiert" in page
