"""Two councils' approvals recorded at the same moment: the decision ends "wirksam".
Without the lock each transaction would count the other council as still pending and
store "waiting" last (PostgreSQL: the requirement row is locked with SELECT … FOR UPDATE
before the consultation is saved, so the evaluations run one after the other)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from cooperation.models import Role
from councils import services
from councils.models import Consultation, ConsultationStatus, CouncilRequirement, Effect, Scope
from meetings import services as meeting_services
from meetings.models import AttendanceStatus, MeetingStatus
from tests import factories as f

ROUNDS = 5


def _approve(pk, office, start, errors):
    from django.db import connection

    try:
        consultation = Consultation.objects.select_related("requirement").get(pk=pk)
        start.wait(timeout=30)
        services.consultation_record(
            consultation=consultation,
            data={
                "council_name": consultation.council_name,
                "planned_date": None,
                "status": ConsultationStatus.APPROVED,
                "resolution_number": "1/2026",
                "resolution_date": timezone.localdate(),
                "note": "",
            },
            actor=office,
        )
    except Exception as error:  # pragma: no cover - reported below
        errors.append(error)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_parallel_approvals_leave_the_decision_effective():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL (row locks between parallel transactions).")
    office, member = f.UserFactory(), f.UserFactory()
    board = f.BodyFactory(short_code="KG")
    f.membership(office, board, Role.OFFICE)
    seat = f.membership(member, board, Role.MEMBER)
    meeting = f.MeetingFactory(body=board, status=MeetingStatus.INVITED)
    meeting_services.attendance_record(
        meeting=meeting, entries=[(seat, AttendanceStatus.PRESENT, None)], actor=office
    )
    item = f.AgendaItemFactory(meeting=meeting)
    partners = [f.PartnerFactory(kind="town"), f.PartnerFactory(kind="town")]
    for _round in range(ROUNDS):
        decision = meeting_services.decision_record(item=item, title="B", text="T", actor=office)
        requirement = services.requirement_create(
            decision=decision, scope=Scope.NAMED, partners=partners, actor=office
        )
        ids = list(requirement.consultations.values_list("pk", flat=True))
        start = threading.Barrier(len(ids))
        errors = []
        threads = [
            threading.Thread(target=_approve, args=(pk, office, start, errors)) for pk in ids
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert CouncilRequirement.objects.get(pk=requirement.pk).effect == Effect.EFFECTIVE
