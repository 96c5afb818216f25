"""factory_boy factories. Memberships and staff links go through the services,
so that permissions are granted exactly as in the application."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from cooperation import services as cooperation_services
from cooperation.models import (
    Body,
    BodyKind,
    ContractClause,
    CooperationPhase,
    CooperationPhaseKind,
    Partner,
    PartnerKind,
    PartnerStatus,
    QuorumRule,
    SpatialPlanningContract,
)
from functions.models import CentralFunction, Facility, FunctionArea
from meetings.models import AgendaItem, Meeting, Paper
from workinggroups.models import WorkingGroup

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda o: o.username.title())
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Stadt Musterstadt {n}")
    short_name = factory.Sequence(lambda n: f"Musterstadt {n}")
    kind = PartnerKind.TOWN
    status = PartnerStatus.NEIGHBOUR
    # Far from the real keys the fixtures use (15085xxx), and unique for 100,000 partners.
    ags = factory.Sequence(lambda n: f"159{n % 100000:05d}")
    population = 10000
    city = "Musterstadt"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Gremium {n}")
    short_code = factory.Sequence(lambda n: f"G{n}")
    kind = BodyKind.BOARD
    quorum_rule = QuorumRule.MAJORITY_OF_SEATS


class FunctionAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FunctionArea

    name = factory.Sequence(lambda n: f"Bereich {n}")
    position = factory.Sequence(lambda n: n)


class CentralFunctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CentralFunction

    area = factory.SubFactory(FunctionAreaFactory)
    name = factory.Sequence(lambda n: f"Funktion {n}")
    position = factory.Sequence(lambda n: n)


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Einrichtung {n}")
    central_function = factory.SubFactory(CentralFunctionFactory)
    partner = factory.SubFactory(PartnerFactory)
    city = "Musterstadt"
    latitude = Decimal("51.895000")
    longitude = Decimal("11.046000")


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    body = factory.SubFactory(BodyFactory, kind=BodyKind.WORKING_GROUP, quorum_rule="none")
    function_area = factory.SubFactory(FunctionAreaFactory)
    lead_partner = factory.SubFactory(PartnerFactory)
    mandate = "Bestandsaufnahme erstellen"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpatialPlanningContract

    title = "Raumordnerischer Vertrag"
    signed_on = datetime.date(2025, 3, 1)
    valid_from = datetime.date(2025, 4, 1)


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractClause

    contract = factory.SubFactory(ContractFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = "Gegenstand"
    text = "Die Partner nehmen oberzentrale Funktionen gemeinsam wahr."


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationPhase

    phase = CooperationPhaseKind.START
    since = datetime.date(2025, 1, 1)
    reason = "Vertrag unterzeichnet"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"{n}. Sitzung")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=14)).replace(
            hour=14, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Rathaus Halberstadt, Ratssaal"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Vorlage {n}")
    file = factory.django.FileField(filename="vorlage.pdf", data=PDF_BYTES)
    original_name = "vorlage.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


def membership(user, body, role, *, partner=None, deputy_for=None, **kwargs):
    return cooperation_services.membership_create(
        user=user,
        body=body,
        role=role,
        partner=partner,
        deputy_for=deputy_for,
        actor=None,
        **kwargs,
    )


def staff(user, partner, *, is_admin=False, position=""):
    return cooperation_services.staff_link_set(
        user=user, partner=partner, is_admin=is_admin, position=position, actor=None
    )


def callbacks_other_than_pdf_jobs(callbacks) -> list:
    """On-commit callbacks other than handing work to the worker (e.g. e-mails): documents
    for the PDF worker, the text extraction of uploaded files, a written procedure's
    reminder and close, and a priority round's result paper are left out."""
    from core.tasks import schedule_text_extraction
    from documents.services import _enqueue
    from meetings.services.procedures import procedure_start
    from priorities.services import result_paper_request

    worker_jobs = {
        _enqueue.__qualname__ + ".<locals>.send",
        schedule_text_extraction.__qualname__ + ".<locals>.<lambda>",
        procedure_start.__qualname__ + ".<locals>.schedule",
        result_paper_request.__qualname__ + ".<locals>.<lambda>",
    }
    return [callback for callback in callbacks if callback.__qualname__ not in worker_jobs]


def participant_account(**kwargs):
    """A participant account (settings.PARTICIPANT_GROUP; a participation procedure's
    invited organisation), with a password: no member of the cooperation."""
    from django.conf import settings
    from django.contrib.auth.models import Group

    user = UserFactory(**kwargs)
    group, _created = Group.objects.get_or_create(name=settings.PARTICIPANT_GROUP)
    user.groups.add(group)
    return user
