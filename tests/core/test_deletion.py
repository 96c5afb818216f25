"""Deleting rows: their files go after commit, and lost many-to-many links are in the
history of the objects that survive."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Partner
from documents.models import Document, DocumentKind, DocumentStatus, Edition
from functions.models import Facility
from workinggroups.models import Finding

from .. import factories as f


@pytest.fixture
def admin_user(db):
    return f.UserFactory(username="root", is_staff=True, is_superuser=True)


def _document(world) -> Document:
    document = Document(
        kind=DocumentKind.COUNCIL_REPORT,
        edition=Edition.PUBLIC,
        title="Bericht an die Räte",
        parameters={},
        status=DocumentStatus.DONE,
        requested_by=world.office,
        generated_at=timezone.now(),
    )
    document.file.save("bericht.pdf", ContentFile(b"%PDF-1.7 report"), save=False)
    document._history_user = world.office
    document.save()
    return document


# --- Files ---------------------------------------------------------------------------------


def test_deleting_a_document_removes_its_file_after_commit(
    world, django_capture_on_commit_callbacks
):
    document = _document(world)
    name = document.file.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document.delete()
        assert default_storage.exists(name)  # still there until the commit
    for callback in callbacks:
        callback()

    assert not default_storage.exists(name)


def test_a_rolled_back_deletion_keeps_the_file(world, django_capture_on_commit_callbacks):
    document = _document(world)
    name = document.file.name

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Document.objects.filter(pk=document.pk).delete()
        raise RuntimeError("rolled back")

    assert Document.objects.filter(pk=document.pk).exists()
    assert default_storage.exists(name)


def test_deleting_a_document_in_the_admin_removes_its_file(
    client, world, admin_user, django_capture_on_commit_callbacks
):
    document = _document(world)
    name = document.file.name
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:documents_document_delete", args=[document.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not default_storage.exists(name)


def test_deleting_a_paper_removes_its_file_too(world, django_capture_on_commit_callbacks):
    paper = world.public_paper
    name = paper.file.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        paper.delete()

    assert not default_storage.exists(name)


# --- Many-to-many links ----------------------------------------------------------------


def _latest(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def test_deleting_a_linked_facility_is_in_the_findings_history(world):
    finding = world.agreed_finding
    finding.facilities.set([world.facility_halberstadt, world.facility_wernigerode])
    facility = Facility.objects.get(pk=world.facility_halberstadt.pk)
    facility._history_user = world.office

    facility.delete()

    record = _latest(finding)
    assert record.history_type == "~"
    assert record.history_user == world.office
    assert record.history_change_reason == (
        "Verknüpfung entfernt: Einrichtung „Bahnhof Halberstadt“ wurde gelöscht "
        "(Betroffene Einrichtungen)"
    )
    assert [link.facility_id for link in record.facilities.all()] == [world.facility_wernigerode.pk]


def test_deleting_a_contract_in_the_admin_is_in_the_parties_history(
    client, world, admin_user, django_capture_on_commit_callbacks
):
    contract = world.contract
    parties = list(contract.parties.order_by("pk"))
    before = {p.pk: p.history.count() for p in parties}
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:cooperation_spatialplanningcontract_delete", args=[contract.pk]),
            {"post": "yes"},
        )

    assert response.status_code == 302
    for party in parties:
        assert party.history.count() == before[party.pk] + 1
        record = _latest(party)
        assert record.history_user == admin_user
        assert record.history_change_reason.startswith("Verknüpfung entfernt: ")
        assert f"„{contract.title}“ wurde gelöscht (Vertragsparteien)" in (
            record.history_change_reason
        )
    # The contract's own deletion is in its history as always.
    assert contract.history.order_by("-history_id").first().history_type == "-"


def test_deleting_a_partner_is_in_the_history_of_findings_and_contract(world):
    partner = f.PartnerFactory(name="Gemeinde Huy", short_name="Huy", ags="15085190")
    world.contract.parties.add(partner)
    world.agreed_finding.partners.add(partner, world.halberstadt)
    others = set(world.agreed_finding.partners.exclude(pk=partner.pk).values_list("pk", flat=True))
    Partner.objects.get(pk=partner.pk).delete()

    contract_record = _latest(world.contract)
    assert "Partner „Gemeinde Huy“ wurde gelöscht" in contract_record.history_change_reason
    assert partner.pk not in {link.partner_id for link in contract_record.parties.all()}
    finding_record = _latest(world.agreed_finding)
    assert "Partner „Gemeinde Huy“ wurde gelöscht" in finding_record.history_change_reason
    assert {link.partner_id for link in finding_record.partners.all()} == others
    assert world.halberstadt.pk in others


def test_objects_deleted_in_the_same_deletion_get_no_extra_entry(world):
    """When both sides of a link go in one deletion (one collector, as in a cascade),
    neither gets a record after its own deletion record."""
    from django.db.models.deletion import Collector

    from workinggroups import services as wg_services

    report = wg_services.report_create(
        group=world.working_group,
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2026, 3, 31),
        summary="Kurz.",
        findings=[world.agreed_finding],
        actor=world.wg_lead,
    )
    finding = Finding.objects.get(pk=world.agreed_finding.pk)
    history_model = report.history.model
    report_pk = report.pk

    collector = Collector(using="default", origin=report)
    collector.collect([report])
    collector.collect([finding])
    collector.delete()

    types = history_model.objects.filter(id=report_pk).order_by("-history_id")
    assert types.values_list("history_type", flat=True)[0] == "-"
    assert not types.filter(history_change_reason__startswith="Verknüpfung entfernt").exists()
