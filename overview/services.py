"""Writes for the joint regional development concept (edited by the office)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.tracking import apply_changes, save_tracked
from workinggroups.models import FindingStatus

from .models import ConceptChapter


def _check_new_findings(chapter: ConceptChapter | None, findings) -> None:
    """A chapter cites agreed findings only. Findings it already cites may stay even
    if their group has reopened them since (nothing is dropped behind the editor's back)."""
    already = set(chapter.findings.values_list("pk", flat=True)) if chapter else set()
    if any(f.status != FindingStatus.AGREED for f in findings if f.pk not in already):
        raise ValidationError(
            {"findings": _("A chapter can only cite agreed findings.")}, code="findings"
        )


def _set_relations(chapter: ConceptChapter, *, function_areas, findings, actor) -> list[str]:
    """Set the many-to-many fields that differ; return the names of those changed."""
    changed = []
    for name, values in (("function_areas", function_areas), ("findings", findings)):
        if values is None:
            continue
        wanted = {obj.pk for obj in values}
        if set(getattr(chapter, name).values_list("pk", flat=True)) != wanted:
            chapter._history_user = actor
            getattr(chapter, name).set(wanted)
            changed.append(name)
    return changed


def _m2m_differs(chapter: ConceptChapter, *, function_areas, findings) -> bool:
    for name, values in (("function_areas", function_areas), ("findings", findings)):
        if values is not None and set(getattr(chapter, name).values_list("pk", flat=True)) != {
            obj.pk for obj in values
        }:
            return True
    return False


@transaction.atomic
def chapter_create(
    *, position: int, title: str, text: str, function_areas=(), findings=(), actor
) -> ConceptChapter:
    findings = list(findings)
    _check_new_findings(None, findings)
    chapter = ConceptChapter(position=position, title=title, text=text)
    save_tracked(chapter, actor=actor)
    _set_relations(chapter, function_areas=list(function_areas), findings=findings, actor=actor)
    return chapter


@transaction.atomic
def chapter_update(
    *, chapter: ConceptChapter, data: dict, function_areas=None, findings=None,
    expected_version: int, actor,
) -> ConceptChapter:  # fmt: skip
    """Save a new version of the chapter unless someone else saved it since
    `expected_version` was read (then `Conflict`, code "conflict")."""
    current = ConceptChapter.objects.select_for_update().get(pk=chapter.pk)
    if current.version != expected_version:
        raise Conflict(_("Someone else has saved this chapter in the meantime."), code="conflict")
    findings = list(findings) if findings is not None else None
    function_areas = list(function_areas) if function_areas is not None else None
    if findings is not None:
        _check_new_findings(chapter, findings)
    changed = apply_changes(chapter, data)
    if changed or _m2m_differs(chapter, function_areas=function_areas, findings=findings):
        chapter.version = current.version + 1
        save_tracked(chapter, actor=actor, update_fields=[*changed, "version"])
    _set_relations(chapter, function_areas=function_areas, findings=findings, actor=actor)
    return chapter


@transaction.atomic
def chapter_publish(*, chapter: ConceptChapter, expected_version: int, actor) -> ConceptChapter:
    """Publish the chapter's current version: its title and text are copied, so a later
    edit stays internal until published again. Refused (`Conflict`) when someone saved
    since `expected_version` was read: the office publishes what it saw."""
    current = ConceptChapter.objects.select_for_update().get(pk=chapter.pk)
    if current.version != expected_version:
        raise Conflict(_("Someone else has saved this chapter in the meantime."), code="conflict")
    if current.published_version == current.version:
        raise Conflict(_("This version is already published."), code="published")
    current.published_version = current.version
    current.published_title = current.title
    current.published_text = current.text
    current.published_at = timezone.now()
    current.published_by = actor
    save_tracked(
        current,
        actor=actor,
        reason=_("Version %(version)s published") % {"version": current.version},
        update_fields=[
            "published_version",
            "published_title",
            "published_text",
            "published_at",
            "published_by",
        ],
    )
    return current
