"""Who may edit the legal texts and read the feedback on barriers.

Everybody, logged in or not, reads the texts and sends feedback (public pages). The
office edits the texts (`legal.change_legaltext`) and reads and answers the feedback
(`legal.view_accessibilityfeedback`, `legal.change_accessibilityfeedback`): model-level
permissions of the office's role group (`cooperation.permissions.ROLE_GROUP_PERMISSIONS`),
given by `sync_user_permissions` like every right. Everyone else gets 403 on these
pages, which exist for everybody in the same way (nothing to hide by a 404).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import SLUG_KINDS, AccessibilityFeedback, LegalText

CHANGE_TEXT = "legal.change_legaltext"
VIEW_FEEDBACK = "legal.view_accessibilityfeedback"
CHANGE_FEEDBACK = "legal.change_accessibilityfeedback"


def can_edit_legal_texts(user) -> bool:
    return user.has_perm(CHANGE_TEXT)


def can_read_feedback(user) -> bool:
    return user.has_perm(VIEW_FEEDBACK)


def require_text_editor(user) -> None:
    if not can_edit_legal_texts(user):
        raise PermissionDenied


def require_feedback_reader(user) -> None:
    if not can_read_feedback(user):
        raise PermissionDenied


def get_text_for_editing(user, slug: str, *, create: bool = True) -> LegalText:
    """The text of the kind named in the address, for its editor. A text not written yet
    is an unsaved row of version 0 (its first save names version 0), unless `create` is
    False (then 404)."""
    kind = SLUG_KINDS.get(slug)
    if kind is None:
        raise Http404
    require_text_editor(user)
    text = LegalText.objects.filter(kind=kind).first()
    if text is None:
        if not create:
            raise Http404
        text = LegalText(kind=kind, version=0)
    return text


def get_feedback_for_user(user, pk, *, perm="view", queryset=None) -> AccessibilityFeedback:
    if not can_read_feedback(user):
        raise PermissionDenied
    if perm == "change" and not user.has_perm(CHANGE_FEEDBACK):
        raise PermissionDenied
    return get_object_or_404(
        queryset if queryset is not None else AccessibilityFeedback.objects, pk=pk
    )
