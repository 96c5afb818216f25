"""Writes for the partner profiles, and the two actions on a match."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.i18n import portal_language
from core.tracking import apply_changes, save_tracked
from meetings import services as meeting_services
from meetings.models import AgendaProposal, ProposalStatus
from workinggroups import services as wg_services
from workinggroups.models import Finding, FindingType

from .models import PartnerProfile, ProfileEntry

ENTRY_FIELDS = ("central_function", "title", "description", "urgency", "capacity", "conditions")


@transaction.atomic
def profile_save(*, partner, strengths: str, weaknesses: str, actor) -> PartnerProfile:
    profile = PartnerProfile.objects.select_for_update().filter(partner=partner).first()
    if profile is None:
        profile = PartnerProfile(partner=partner, strengths=strengths, weaknesses=weaknesses)
        save_tracked(profile, actor=actor)
        return profile
    changed = apply_changes(profile, {"strengths": strengths, "weaknesses": weaknesses})
    if changed:
        save_tracked(profile, actor=actor, update_fields=changed)
    return profile


@transaction.atomic
def entry_create(*, partner, kind: str, actor, **data) -> ProfileEntry:
    entry = ProfileEntry(partner=partner, kind=kind, **data)
    save_tracked(entry, actor=actor)
    return entry


@transaction.atomic
def entry_update(*, entry: ProfileEntry, data: dict, actor) -> ProfileEntry:
    changed = apply_changes(entry, data)
    if changed:
        save_tracked(entry, actor=actor, update_fields=changed)
    return entry


@transaction.atomic
def entry_delete(*, entry: ProfileEntry, actor) -> None:
    """Withdraw a need or an offer; the history keeps it, with who withdrew it."""
    entry._history_user = actor
    entry.delete()


# --- A match becomes a finding or an agenda proposal ----------------------------------


def _match_text(match) -> str:
    """The finding's and the proposal's text, in German whatever the request's language."""
    with portal_language():
        offer, need = match.offer, match.need
        lines = [
            _("**Offer** of %(partner)s: %(title)s")
            % {"partner": offer.partner.name, "title": offer.title},
        ]
        if offer.capacity:
            lines.append(_("Capacity: %(capacity)s") % {"capacity": offer.capacity})
        if offer.conditions:
            lines.append(_("Conditions: %(conditions)s") % {"conditions": offer.conditions})
        if offer.description:
            lines.append(offer.description)
        lines += [
            "",
            _("**Need** of %(partner)s: %(title)s (urgency: %(urgency)s)")
            % {
                "partner": need.partner.name,
                "title": need.title,
                "urgency": need.get_urgency_display(),
            },
        ]
        if need.description:
            lines.append(need.description)
        return "\n\n".join(line for line in lines if line is not None)


def match_title(match) -> str:
    with portal_language():
        title = _("Win-win: %(offerer)s offers “%(offer)s”, %(needer)s needs “%(need)s”") % {
            "offerer": match.offer.partner.short_name or match.offer.partner.name,
            "offer": match.offer.title,
            "needer": match.need.partner.short_name or match.need.partner.name,
            "need": match.need.title,
        }
    return title if len(title) <= 250 else f"{title[:249]}…"


@transaction.atomic
def match_to_finding(*, match, group, actor) -> Finding:
    """A draft solution approach of the working group, naming the function and both
    partners, written through the findings' own service (so the group edits it further)."""
    title = match_title(match)
    if Finding.objects.filter(group=group, title=title).exists():
        raise Conflict(
            _("The working group already has a finding on this match."), code="duplicate"
        )
    return wg_services.finding_create(
        group=group,
        author=actor,
        type=FindingType.SOLUTION,
        title=title,
        text=_match_text(match),
        function_area=match.central_function.area,
        central_function=match.central_function,
        partners=[match.offer.partner, match.need.partner],
        actor=actor,
    )


@transaction.atomic
def match_to_proposal(*, match, meeting, actor) -> AgendaProposal:
    """A proposal for the board's next meeting, through the meetings' own service; the
    office decides on it as on every proposal. Not public: the partners' needs are
    internal until the board decides to say more."""
    if meeting is None:
        raise Conflict(
            _("No board meeting that takes proposals is planned; please try again later."),
            code="no_meeting",
        )
    title = match_title(match)
    if AgendaProposal.objects.filter(
        meeting=meeting, title=title, status=ProposalStatus.PENDING
    ).exists():
        raise Conflict(
            _("This match has already been proposed for the next board meeting."),
            code="duplicate",
        )
    return meeting_services.proposal_create(
        meeting=meeting,
        proposed_by=actor,
        title=title,
        description=_match_text(match),
        is_public=False,
        actor=actor,
    )
