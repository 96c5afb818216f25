"""Validation rules of the cooperation's core records, as the office meets them in forms."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import override

from cooperation.models import Membership, PartnerKind, PartnerStatus, Role, validate_ags
from functions.models import Facility

from .. import factories as f

pytestmark = pytest.mark.django_db


def _errors(instance) -> dict[str, list[str]]:
    """The German messages full_clean() reports, by field ({} when valid)."""
    with override("de"):
        try:
            instance.full_clean()
        except ValidationError as error:
            return error.message_dict
    return {}


def _partner(kind, ags, **kwargs):
    status = (
        PartnerStatus.REGIONAL_ACTOR if kind == PartnerKind.REGIONAL_ACTOR else PartnerStatus.JOINT
    )
    return f.PartnerFactory.build(kind=kind, ags=ags, status=status, **kwargs)


# --- Official municipality key (AGS) ---------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "ags"),
    [
        (PartnerKind.TOWN, "15085135"),
        (PartnerKind.MUNICIPALITY, "15085228"),
        (PartnerKind.DISTRICT, "15085"),
        (PartnerKind.PLANNING_COMMUNITY, ""),
        (PartnerKind.REGIONAL_ACTOR, ""),
    ],
)
def test_it_accepts_a_valid_key_for_each_kind_of_partner(kind, ags):
    assert _errors(_partner(kind, ags)) == {}


@pytest.mark.parametrize(
    ("kind", "ags", "length"),
    [
        (PartnerKind.TOWN, "1508513", 8),
        (PartnerKind.MUNICIPALITY, "150851", 8),
        (PartnerKind.TOWN, "15085", 8),
        (PartnerKind.DISTRICT, "150851", 5),
        (PartnerKind.DISTRICT, "15085135", 5),
        (PartnerKind.TOWN, "1508513A", 8),
        (PartnerKind.TOWN, "15 08513", 8),
        (PartnerKind.DISTRICT, "15O85", 5),
    ],
)
def test_it_rejects_a_key_of_the_wrong_length_or_with_non_digits(kind, ags, length):
    errors = _errors(_partner(kind, ags))
    assert errors.get("ags") == [
        f"Der Amtliche Gemeindeschlüssel muss aus genau {length} Ziffern bestehen."
    ]


@pytest.mark.parametrize(("kind", "ags"), [(PartnerKind.TOWN, "03101000"), ("district", "16061")])
def test_it_rejects_a_key_outside_saxony_anhalt(kind, ags):
    errors = _errors(_partner(kind, ags))
    assert errors.get("ags") == ["Schlüssel aus Sachsen-Anhalt beginnen mit 15."]


@pytest.mark.parametrize(
    ("kind", "length"),
    [(PartnerKind.TOWN, 8), (PartnerKind.MUNICIPALITY, 8), (PartnerKind.DISTRICT, 5)],
)
def test_it_requires_a_key_for_towns_municipalities_and_districts(kind, length):
    errors = _errors(_partner(kind, ""))
    assert errors.get("ags") == [
        f"Bitte geben Sie den Amtlichen Gemeindeschlüssel (AGS) mit {length} Ziffern ein."
    ]


@pytest.mark.parametrize("kind", [PartnerKind.PLANNING_COMMUNITY, PartnerKind.REGIONAL_ACTOR])
@pytest.mark.parametrize("ags", ["15085", "15085135"])
def test_it_forbids_a_key_for_planning_communities_and_regional_actors(kind, ags):
    errors = _errors(_partner(kind, ags))
    assert errors.get("ags") == [
        "Nur Städte, Gemeinden und Landkreise haben einen Amtlichen Gemeindeschlüssel."
    ]


def test_it_validates_the_key_through_the_shared_helper_with_a_machine_readable_code():
    # Forms and services catch the error by code, not by its (translated) text.
    with pytest.raises(ValidationError) as caught:
        validate_ags(ags="1508513", kind=PartnerKind.TOWN)
    assert [error.code for error in caught.value.error_dict["ags"]] == ["ags_length"]


def test_it_rejects_a_key_another_partner_already_has_with_a_german_message():
    f.PartnerFactory(name="Stadt Halberstadt", ags="15085135")
    duplicate = _partner(PartnerKind.TOWN, "15085135", name="Stadt Halbestadt (Tippfehler)")

    errors = _errors(duplicate)

    messages = [message for field_messages in errors.values() for message in field_messages]
    assert messages, "a second partner with the same key must not pass validation"
    # The office must understand what is wrong, not read the constraint's internal name.
    assert "Ein Partner mit diesem Amtlichen Gemeindeschlüssel ist bereits erfasst." in messages, (
        messages
    )
    assert not any("partner_ags_unique_when_set" in message for message in messages), messages


def test_it_refuses_a_duplicate_key_in_the_database_too():
    f.PartnerFactory(ags="15085135")
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PartnerFactory(ags="15085135")


def test_it_allows_several_partners_without_a_key():
    f.PartnerFactory(kind=PartnerKind.PLANNING_COMMUNITY, ags="")
    f.PartnerFactory(kind=PartnerKind.REGIONAL_ACTOR, status=PartnerStatus.REGIONAL_ACTOR, ags="")
    third = _partner(PartnerKind.REGIONAL_ACTOR, "")

    assert _errors(third) == {}
    third.save()
    assert third.pk is not None


# --- Memberships -----------------------------------------------------------------------


def test_it_requires_a_deputy_member_to_name_the_member_they_stand_in_for(world):
    deputy = Membership(user=f.UserFactory(), body=world.board, role=Role.DEPUTY_MEMBER)
    assert _errors(deputy).get("deputy_for") == [
        "Bitte wählen Sie das Mitglied aus, das diese Stellvertretung vertritt."
    ]


def test_it_accepts_a_deputy_for_a_member_of_the_same_body(world):
    member = world.board_member.memberships.get(body=world.board)
    deputy = Membership(
        user=f.UserFactory(),
        body=world.board,
        role=Role.DEPUTY_MEMBER,
        partner=world.halberstadt,
        deputy_for=member,
    )
    assert _errors(deputy) == {}


def test_it_rejects_a_deputy_for_a_member_of_another_body(world):
    wg_membership = world.wg_member.memberships.get()
    deputy = Membership(
        user=f.UserFactory(), body=world.board, role=Role.DEPUTY_MEMBER, deputy_for=wg_membership
    )
    assert _errors(deputy).get("deputy_for") == [
        "Eine Stellvertretung vertritt ein Mitglied desselben Gremiums."
    ]


def test_it_rejects_a_deputy_link_on_a_role_other_than_deputy_member(world):
    member = world.board_member.memberships.get(body=world.board)
    guest = Membership(user=f.UserFactory(), body=world.board, role=Role.GUEST, deputy_for=member)
    assert _errors(guest).get("deputy_for") == [
        "Nur ein stellvertretendes Mitglied vertritt ein anderes Mitglied."
    ]


def test_it_rejects_a_membership_that_ends_before_it_starts(world):
    membership = Membership(
        user=f.UserFactory(),
        body=world.board,
        role=Role.MEMBER,
        valid_from=datetime.date(2026, 3, 1),
        valid_until=datetime.date(2026, 2, 28),
    )
    assert _errors(membership).get("valid_until") == [
        "Das Ende der Mitgliedschaft darf nicht vor ihrem Beginn liegen."
    ]


def test_it_accepts_a_membership_of_a_single_day(world):
    day = datetime.date(2026, 3, 1)
    membership = Membership(
        user=f.UserFactory(), body=world.board, role=Role.GUEST, valid_from=day, valid_until=day
    )
    assert _errors(membership) == {}


# --- Facilities ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [PartnerKind.TOWN, PartnerKind.MUNICIPALITY, PartnerKind.DISTRICT])
def test_it_locates_a_facility_in_a_territorial_partner(kind):
    partner = f.PartnerFactory(
        kind=kind, ags="15085" if kind == PartnerKind.DISTRICT else "15085001"
    )
    facility = f.FacilityFactory.build(partner=partner, central_function=f.CentralFunctionFactory())
    assert _errors(facility) == {}


@pytest.mark.parametrize("kind", [PartnerKind.REGIONAL_ACTOR, PartnerKind.PLANNING_COMMUNITY])
def test_it_refuses_to_locate_a_facility_in_a_regional_actor(kind):
    actor = f.PartnerFactory(kind=kind, status=PartnerStatus.REGIONAL_ACTOR, ags="")
    facility = f.FacilityFactory.build(partner=actor, central_function=f.CentralFunctionFactory())
    assert _errors(facility).get("partner") == [
        "Eine Einrichtung liegt in einer Stadt, einer Gemeinde oder einem Landkreis."
    ]


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(Decimal("51.9"), None), (None, Decimal("11.04"))]
)
def test_it_requires_both_coordinates_or_neither(world, latitude, longitude):
    facility = world.facility_halberstadt
    facility.latitude, facility.longitude = latitude, longitude

    messages = [m for field_messages in _errors(facility).values() for m in field_messages]

    assert (
        "Bitte geben Sie entweder Breiten- und Längengrad oder keine der beiden Angaben an."
        in messages
    )


def test_it_keeps_half_coordinates_out_of_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Facility.objects.filter(pk=world.facility_halberstadt.pk).update(longitude=None)


def test_it_accepts_a_facility_without_coordinates(world):
    facility = world.facility_halberstadt
    facility.latitude = facility.longitude = None
    assert _errors(facility) == {}


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [("latitude", Decimal("90.5"), 90), ("longitude", Decimal("-180.5"), -180)],
)
def test_it_rejects_coordinates_outside_the_globe(world, field, value, limit):
    facility = world.facility_halberstadt
    setattr(facility, field, value)
    errors = _errors(facility)
    assert field in errors
    assert str(limit) in errors[field][0]
