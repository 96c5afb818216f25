"""Working groups in "Meine Daten" (see core/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import register, take

from .models import Finding, FindingAttachment, FindingComment, WorkingGroupReport


def export_workinggroups(user) -> dict:
    return {
        "findings": take(
            Finding.objects.filter(author=user)
            .order_by("created", "pk")
            .values("group__body__name", "type", "title", "text", "status", "created")
        ),
        "comments": take(
            FindingComment.objects.filter(author=user)
            .order_by("created", "pk")
            .values("finding__title", "text", "created")
        ),
        "attachments_uploaded": take(
            FindingAttachment.objects.filter(uploaded_by=user)
            .order_by("created", "pk")
            .values("finding__title", "title", "original_name", "size", "created")
        ),
        "reports_submitted": take(
            WorkingGroupReport.objects.filter(submitted_by=user)
            .order_by("submitted_at", "pk")
            .values("group__body__name", "version", "period_from", "period_until", "submitted_at")
        ),
    }


register("workinggroups", export_workinggroups, title=_("Working groups"), order=40)
