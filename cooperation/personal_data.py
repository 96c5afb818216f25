"""Memberships and staff links in "Meine Daten" (see core/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import register, take

from .models import Membership, PartnerStaff


def export_cooperation(user) -> dict:
    memberships = take(
        Membership.objects.filter(user=user)
        .order_by("valid_from", "pk")
        .values(
            "body__name",
            "body__kind",
            "role",
            "partner__name",
            "deputy_for__user__display_name",
            "valid_from",
            "valid_until",
        )
    )
    staff_links = take(
        PartnerStaff.objects.filter(user=user)
        .order_by("partner__name", "pk")
        .values("partner__name", "position", "is_admin", "created")
    )
    return {
        "memberships": [
            {
                "body": m["body__name"],
                "body_kind": m["body__kind"],
                "role": m["role"],
                "partner_represented": m["partner__name"],
                "deputy_for": m["deputy_for__user__display_name"],
                "valid_from": m["valid_from"],
                "valid_until": m["valid_until"],
            }
            for m in memberships
        ],
        "staff_links": [
            {
                "partner": s["partner__name"],
                "position": s["position"],
                "partner_administrator": s["is_admin"],
                "since": s["created"],
            }
            for s in staff_links
        ],
    }


register("cooperation", export_cooperation, title=_("Memberships and partners"), order=20)
