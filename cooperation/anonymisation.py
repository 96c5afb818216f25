"""Anonymising a person who has left the cooperation (GDPR Art. 17).

Minutes, decisions, attendance lists and every history name people by their user row
(a foreign key), never by a copy of their name. So one change of that row, in one
transaction, turns the name everywhere into the former office ("ehem. Mitglied
Kooperationsgremium (Halberstadt)") while every record keeps its author, its date and
its meaning:

* the user row: name, e-mail and user name replaced, login disabled (inactive,
  unusable password, new calendar token, no staff flag, no direct permissions);
* the user row's own history: the old names and e-mail addresses are overwritten with
  the new values in every historical row (the dates and the other fields stay);
* staff links are removed (recorded in their history), then the permission sync takes
  away every group and object permission;
* the `person_anonymised` signal lets other apps remove their copies (the e-mail
  address on sent invitations; second-factor devices, lock-out records, sessions and
  the old name in the access log);
* the Django admin's log names the user row, memberships and staff links as they are
  called now;
* a `PersonAnonymisation` row records who did it, when and why.

It is refused while the person holds a current or future membership: ending a seat
changes quorum and deputies from a date the office chooses on the membership page, and
anonymising is irreversible, so it is kept for people whose departure is already on
record.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User, new_calendar_token
from accounts.personal_data import scrub_user_history
from core.errors import Conflict
from core.personal_data import person_anonymised

from .models import Membership, PartnerStaff, PersonAnonymisation
from .permissions import can_manage_cooperation, sync_user_permissions

FORMER = gettext_lazy("former")  # German: "ehem."
# Values shorter than this are not searched for in the office's texts (a user name
# such as "ob" would match ordinary words).
MIN_TOKEN = 3


def can_anonymise_persons(user) -> bool:
    """Only the office (the office role on the board) anonymises."""
    return user.is_authenticated and can_manage_cooperation(user)


def former_office_suggestion(person) -> str:
    """The former office for the confirmation page, from the last staff link with a
    position ("ehem. Oberbürgermeister:in Halberstadt"), else the last membership
    ("ehem. Mitglied Kooperationsgremium (Halberstadt)"). The office may change it."""
    link = (
        PartnerStaff.objects.filter(user=person)
        .exclude(position="")
        .select_related("partner")
        .order_by("-created", "-pk")
        .first()
    )
    if link is not None:
        return f"{FORMER} {link.position} {link.partner.short_name}"[:150]
    membership = (
        Membership.objects.filter(user=person)
        .select_related("body", "partner")
        .order_by("-valid_until", "-valid_from", "-pk")
        .first()
    )
    if membership is not None:
        text = f"{FORMER} {membership.get_role_display()} {membership.body.name}"
        if membership.partner is not None:
            text += f" ({membership.partner.short_name})"
        return text[:150]
    return _("former account %(number)s") % {"number": person.pk}


def _lasting_memberships(person):
    today = timezone.localdate()
    return Membership.objects.filter(user=person).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


def departed_persons():
    """People the office may anonymise: they had a membership or have a staff link,
    hold no current or future membership, and are not anonymised yet (technical
    administrators excluded). Ordered by name, with their staff links: those have no
    end date, so the list shows them for the office to check that the person has left."""
    today = timezone.localdate()
    lasting = Membership.objects.filter(user=OuterRef("pk")).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    had_role = Exists(Membership.objects.filter(user=OuterRef("pk"))) | Exists(
        PartnerStaff.objects.filter(user=OuterRef("pk"))
    )
    staff_links = PartnerStaff.objects.select_related("partner").order_by("partner__name")
    return (
        User.objects.filter(had_role, is_superuser=False, is_staff=False)
        .prefetch_related(Prefetch("staff_links", queryset=staff_links))
        .exclude(Exists(lasting))
        .exclude(Exists(PersonAnonymisation.objects.filter(person=OuterRef("pk"))))
        .order_by("display_name", "username", "pk")
    )


def staff_links_of(person) -> list[PartnerStaff]:
    return list(
        PartnerStaff.objects.filter(user=person).select_related("partner").order_by("partner__name")
    )


def person_for_anonymisation(pk):
    """The account the office's anonymisation page acts on (any account; `refusal()`
    says whether it may be anonymised), or 404."""
    return get_object_or_404(User, pk=pk)


def refusal(person, actor) -> Conflict | None:
    """Why this person cannot be anonymised (now), or None: the account's state refuses
    it (409), whatever the form says."""
    if person.pk == actor.pk:
        return Conflict(_("You cannot anonymise your own account."), code="self")
    if person.is_superuser or person.is_staff:
        return Conflict(
            _("Technical administrators are not anonymised here. Remove their admin rights first."),
            code="staff",
        )
    if PersonAnonymisation.objects.filter(person=person).exists():
        return Conflict(_("This person has already been anonymised."), code="done")
    if _lasting_memberships(person).exists():
        return Conflict(
            _(
                "This person still holds a current or future membership. End every "
                "membership on the body's page first; then the person can be anonymised."
            ),
            code="current_membership",
        )
    return None


def _personal_tokens(person) -> list[str]:
    values = [person.username, person.first_name, person.last_name, person.email]
    if person.email and "@" in person.email:
        values.append(person.email.split("@", 1)[0])
    return [v.strip().lower() for v in values if v and len(v.strip()) >= MIN_TOKEN]


def _check_texts(person, *, former_office: str, reason: str) -> None:
    """The office's texts must not carry the data being removed."""
    tokens = _personal_tokens(person)
    errors = {}
    if any(token in former_office.lower() for token in tokens):
        errors["former_office"] = ValidationError(
            _("The former office must not contain the person's name, user name or e-mail."),
            code="personal_in_office",
        )
    name = person.display_name.strip().lower()
    reason_tokens = tokens + ([name] if name and name not in former_office.lower() else [])
    if any(token in reason.lower() for token in reason_tokens):
        errors["reason"] = ValidationError(
            _("The reason is kept; it must not contain the person's name, user name or e-mail."),
            code="personal_in_reason",
        )
    if errors:
        raise ValidationError(errors)


def _scrub_admin_log(person, staff_link_pks) -> None:
    """The Django admin's log keeps each object's name as it was ("Dr. … – Kooperations-
    gremium (Mitglied)"): rename the entries of the person's user row, memberships and
    staff links to what they are called now."""
    if not apps.is_installed("django.contrib.admin"):
        return
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    memberships = Membership.objects.filter(user=person).select_related("body")
    names = [(User, person.pk, str(person))]
    names += [(Membership, m.pk, str(m)) for m in memberships]
    names += [(PartnerStaff, pk, f"{person} – {partner}") for pk, partner in staff_link_pks]
    for model, pk, name in names:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
        ).update(object_repr=name[:200])


@transaction.atomic
def person_anonymise(*, person, actor, former_office: str, reason: str) -> PersonAnonymisation:
    """Anonymise `person` (see the module's docstring). Raises PermissionDenied for
    anyone but the office, ValidationError when it is refused or a text is unfit."""
    if not can_anonymise_persons(actor):
        raise PermissionDenied
    person = User.objects.select_for_update().get(pk=person.pk)
    problem = refusal(person, actor)
    if problem is not None:
        raise problem
    former_office = former_office.strip()
    reason = reason.strip()
    _check_texts(person, former_office=former_office, reason=reason)
    record = PersonAnonymisation(
        person=person, former_office=former_office, reason=reason, performed_by=actor
    )
    record.full_clean()

    staff_links = list(PartnerStaff.objects.filter(user=person).select_related("partner"))
    staff_link_pks = [(link.pk, link.partner) for link in staff_links]
    for link in staff_links:
        link._history_user = actor
        link.delete()

    # Handed to the signal's receivers only (rows keyed by the old user name or address,
    # e.g. a lock-out table), never stored.
    former_identifiers = {"username": person.username, "email": person.email}
    values = {
        "username": f"ehemalig-{person.pk}",
        "display_name": former_office,
        "first_name": "",
        "last_name": "",
        "email": "",
    }
    for name, value in values.items():
        setattr(person, name, value)
    person.is_active = False
    person.is_staff = False
    person.last_login = None
    person.calendar_token = new_calendar_token()
    person.set_unusable_password()
    person._history_user = actor
    person._change_reason = _("Anonymised")
    person.save()
    person.user_permissions.clear()
    scrub_user_history(person, values)

    _scrub_admin_log(person, staff_link_pks)

    record._history_user = actor
    record.save()
    sync_user_permissions(person, actor=actor)
    person_anonymised.send(
        sender=PersonAnonymisation,
        user=person,
        actor=actor,
        former_office=former_office,
        former_identifiers=former_identifiers,
    )
    return record
