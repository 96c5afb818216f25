"""Generated documents in "Meine Daten" (see core/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import register, take

from .models import Document


def export_documents(user) -> dict:
    return {
        "documents_requested": take(
            Document.objects.filter(requested_by=user)
            .order_by("created", "pk")
            .values("kind", "edition", "title", "status", "created", "generated_at")
        ),
    }


register("documents", export_documents, title=_("Generated documents"), order=50)
