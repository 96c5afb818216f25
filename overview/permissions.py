"""Who may see and edit the development concept.

Every member of the cooperation reads it (model-level `view_conceptchapter` from the
members' role group); the office edits it (`change_conceptchapter` from the office's
role group). Both come from `cooperation.permissions.sync_user_permissions`.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import ConceptChapter

VIEW = "overview.view_conceptchapter"
CHANGE = "overview.change_conceptchapter"


def visible_chapters(user):
    """Every chapter for members of the cooperation (the members' text, not only the
    published one)."""
    qs = ConceptChapter.objects.all()
    return qs if user.has_perm(VIEW) else qs.none()


def can_edit_concept(user) -> bool:
    return user.has_perm(CHANGE)


def get_chapter_for_user(user, pk, *, perm="view", queryset=None) -> ConceptChapter:
    chapter = get_object_or_404(queryset if queryset is not None else ConceptChapter.objects, pk=pk)
    if not user.has_perm(VIEW):
        raise Http404
    if perm == "change" and not can_edit_concept(user):
        raise PermissionDenied
    return chapter
