"""Reads for the legal pages and the office's pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from cooperation.models import BodyKind, Membership, Role
from core.history import history_entries

from .models import KIND_SLUGS, AccessibilityFeedback, LegalText, LegalTextKind


def legal_text(kind: str) -> LegalText | None:
    """The text of one kind, or None while the office has not written it. One query."""
    return LegalText.objects.filter(kind=kind).first()


@dataclass
class TextRow:
    kind: str
    label: str
    slug: str
    text: LegalText | None


def legal_texts_by_kind() -> list[TextRow]:
    """Every kind in a fixed order, with its text or None. One query."""
    texts = {text.kind: text for text in LegalText.objects.all()}
    return [
        TextRow(kind, label, KIND_SLUGS[kind], texts.get(kind))
        for kind, label in LegalTextKind.choices
    ]


def text_history(text: LegalText) -> list:
    return history_entries(text)


def feedback_rows(*, state: str | None = None):
    """Received feedback, newest first, with who answered it."""
    rows = AccessibilityFeedback.objects.select_related("answered_by").order_by("-created", "-pk")
    if state == "open":
        rows = rows.open()
    elif state == "answered":
        rows = rows.answered()
    return rows


def open_feedback_count() -> int:
    return AccessibilityFeedback.objects.open().count()


def feedback_detail_queryset():
    return AccessibilityFeedback.objects.select_related("answered_by")


def feedback_recipients(statement: LegalText | None = None) -> list[str]:
    """Who receives a message from the feedback form: the addresses in the setting
    `ACCESSIBILITY_FEEDBACK_EMAILS`, the feedback address the accessibility statement
    publishes, and the office (the office role on an active board, current today).
    Without duplicates (compared without case), in that order. One query (two without
    the statement passed in)."""
    if statement is None:
        statement = legal_text(LegalTextKind.ACCESSIBILITY)
    addresses = list(getattr(settings, "ACCESSIBILITY_FEEDBACK_EMAILS", []))
    if statement is not None and statement.feedback_email:
        addresses.append(statement.feedback_email)
    addresses += list(
        Membership.objects.current()
        .filter(
            role=Role.OFFICE, body__kind=BodyKind.BOARD, body__is_active=True, user__is_active=True
        )
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )
    seen, result = set(), []
    for address in addresses:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            result.append(address)
    return result
