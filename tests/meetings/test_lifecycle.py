"""The meeting lifecycle has one home, the predicates of `Meeting`: each predicate per
status, the services refusing exactly when a predicate says no, and the meeting page
showing each button exactly when its predicate allows it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import InvitationKind, Meeting, MeetingStatus, Minutes, MinutesStatus
from meetings.services import invitations

from .. import factories as f

pytestmark = pytest.mark.django_db

PLANNED, INVITED, HELD = MeetingStatus.PLANNED, MeetingStatus.INVITED, MeetingStatus.HELD
APPROVED, CANCELLED = MeetingStatus.MINUTES_APPROVED, MeetingStatus.CANCELLED
STATUSES = [PLANNED, INVITED, HELD, APPROVED, CANCELLED]

# predicate -> the statuses in which it holds
EXPECTED = {
    "accepts_changes": {PLANNED, INVITED, HELD},
    "accepts_agenda_changes": {PLANNED, INVITED, HELD},
    "accepts_proposals": {PLANNED, INVITED},
    "can_be_cancelled": {PLANNED, INVITED},
    "can_mark_held": {PLANNED, INVITED},
    "can_invite": {PLANNED},
    "accepts_decisions": {INVITED, HELD},
    "can_approve_minutes": {HELD},
    "accepts_reports": {PLANNED, INVITED},
    "has_taken_place": {HELD, APPROVED},
    "is_frozen": {APPROVED},
    "is_cancelled": {CANCELLED},
    "is_invited": {INVITED},
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("predicate", sorted(EXPECTED))
def test_each_predicate_holds_in_its_statuses(predicate, status):
    meeting = Meeting(status=status)
    assert getattr(meeting, predicate) is (status in EXPECTED[predicate])


@pytest.mark.parametrize(
    ("status", "kind"),
    [(PLANNED, InvitationKind.INVITATION), (INVITED, InvitationKind.UPDATE)]
    + [(status, None) for status in (HELD, APPROVED, CANCELLED)],
)
def test_the_next_invitation_follows_the_status(status, kind):
    assert Meeting(status=status).next_invitation_kind == kind


def test_the_querysets_agree_with_the_predicates(world):
    meetings = {
        status: f.MeetingFactory(body=world.board, status=status, cancellation_reason="x")
        for status in STATUSES
    }
    mine = Meeting.objects.filter(pk__in=[m.pk for m in meetings.values()])
    for queryset, predicate in (
        (mine.open(), "accepts_changes"),
        (mine.accepting_reports(), "accepts_reports"),
        (mine.held(), "has_taken_place"),
    ):
        expected = {m.pk for m in meetings.values() if getattr(m, predicate)}
        assert set(queryset.values_list("pk", flat=True)) == expected, predicate


def _meeting(world, status):
    meeting = f.MeetingFactory(body=world.board, status=status, cancellation_reason="Ausfall")
    item = f.AgendaItemFactory(meeting=meeting, position=1)
    return meeting, item


def _mark_held(meeting, world):
    services.meeting_mark_held(meeting=meeting, actor=world.office)


def _cancel(meeting, world):
    services.meeting_cancel(meeting=meeting, reason="Ausfall", actor=world.office)


def _propose(meeting, world):
    services.proposal_create(
        meeting=meeting, proposed_by=world.board_member, title="Antrag", actor=world.board_member
    )


def _add_item(meeting, world):
    services.agenda_item_create(meeting=meeting, title="Neu", actor=world.office)


def _invite(meeting, world):
    invitations.send_invitations(meeting, actor=world.office)


def _decide(meeting, world):
    services.decision_record(
        votes_yes=1,
        item=meeting.agenda_items.get(),
        title="Beschluss",
        text="Text",
        actor=world.office,
        quorum_override_reason="Eilfall",
        may_override_quorum=True,
    )


def _approve(meeting, world):
    item = meeting.agenda_items.get()
    Minutes.objects.create(agenda_item=item, text="Beraten.", status=MinutesStatus.CIRCULATED)
    services.minutes_approve(
        meeting=meeting, approved_on=meeting.starts_at.date(), approved_in=None, actor=world.office
    )


SERVICES = [
    (_mark_held, "can_mark_held"),
    (_cancel, "can_be_cancelled"),
    (_propose, "accepts_proposals"),
    (_add_item, "accepts_agenda_changes"),
    (_invite, "can_invite"),
    (_decide, "accepts_decisions"),
    (_approve, "can_approve_minutes"),
]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize(
    ("service", "predicate"), SERVICES, ids=lambda v: getattr(v, "__name__", v)
)
def test_the_service_refuses_exactly_when_the_predicate_says_no(
    world, status, service, predicate, django_capture_on_commit_callbacks
):
    meeting, _item = _meeting(world, status)
    allowed = getattr(meeting, predicate)
    if allowed:
        with django_capture_on_commit_callbacks():
            service(meeting, world)
    else:
        with pytest.raises(ValidationError):
            service(meeting, world)
        meeting.refresh_from_db()
        assert meeting.status == status  # unchanged


BUTTONS = {
    "meetings:meeting_held": "can_mark_held",
    "meetings:meeting_cancel": "can_be_cancelled",
    "meetings:minutes_approve": "can_approve_minutes",
    "meetings:meeting_update": "accepts_changes",
    "meetings:agenda_item_create": "accepts_agenda_changes",
}


@pytest.mark.parametrize("status", STATUSES)
def test_the_page_shows_each_button_exactly_when_its_predicate_allows(client, world, status):
    meeting, item = _meeting(world, status)
    Minutes.objects.create(agenda_item=item, text="Beraten.")
    client.force_login(world.office)
    page = client.get(meeting.get_absolute_url()).content.decode()
    for name, predicate in BUTTONS.items():
        url = reverse(name, args=[meeting.pk])
        assert (f'href="{url}"' in page) is getattr(meeting, predicate), (name, status)
    decide = reverse("meetings:decision_create", args=[item.pk])
    assert (f'href="{decide}"' in page) is (meeting.accepts_changes and meeting.accepts_decisions)
    invite = reverse("meetings:meeting_invite", args=[meeting.pk])
    if meeting.accepts_changes:
        label = "Einladen" if meeting.can_invite else "Einladungen"
        assert f'href="{invite}">{label}<' in page

    client.force_login(world.board_member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    propose = reverse("meetings:proposal_create", args=[meeting.pk])
    assert (f'href="{propose}"' in page) is meeting.accepts_proposals


def test_the_quorum_fragment_says_when_a_body_needs_no_quorum(client, world):
    from cooperation.models import QuorumRule

    url = reverse("meetings:quorum", args=[world.meeting.pk])
    client.force_login(world.office)
    assert "keine Beschlussfähigkeit erforderlich" not in client.get(url).content.decode()
    world.board.quorum_rule = QuorumRule.NONE
    world.board.save()
    assert "keine Beschlussfähigkeit erforderlich" in client.get(url).content.decode()
