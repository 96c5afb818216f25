"""Writes for findings: record, edit (version-checked), status, discussion, attachments."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cooperation.services import apply_changes, save_tracked
from meetings.uploads import safe_file_name, validate_upload

from ..models import Finding, FindingAttachment, FindingComment, FindingStatus

# --- Findings -------------------------------------------------------------------------

# Who may move a finding from which status to which: members share their draft for
# discussion (or take it back); only the lead agrees a finding or reopens it.
MEMBER_TRANSITIONS = {
    (FindingStatus.DRAFT, FindingStatus.DISCUSSION),
    (FindingStatus.DISCUSSION, FindingStatus.DRAFT),
}
LEAD_TRANSITIONS = MEMBER_TRANSITIONS | {
    (FindingStatus.DISCUSSION, FindingStatus.AGREED),
    (FindingStatus.AGREED, FindingStatus.DISCUSSION),
}


@transaction.atomic
def finding_create(
    *, group, author, type, title, text, function_area, actor,
    central_function=None, facilities=(), partners=(),
) -> Finding:  # fmt: skip
    finding = Finding(
        group=group,
        author=author,
        type=type,
        title=title,
        text=text,
        function_area=function_area,
        central_function=central_function,
    )
    save_tracked(finding, actor=actor)
    _set_relations(finding, facilities=facilities, partners=partners, actor=actor)
    return finding


def _set_relations(finding, *, facilities, partners, actor) -> bool:
    """Set the concerned facilities and partners; True if anything changed."""
    changed = False
    for name, values in (("facilities", facilities), ("partners", partners)):
        if values is None:
            continue
        wanted = {obj.pk for obj in values}
        if set(getattr(finding, name).values_list("pk", flat=True)) != wanted:
            finding._history_user = actor
            getattr(finding, name).set(wanted)
            changed = True
    return changed


@transaction.atomic
def finding_update(
    *, finding, data: dict, actor, expected_version: int | None,
    facilities=None, partners=None,
) -> Finding:  # fmt: skip
    """Save a finding unless someone else saved it since `expected_version` was read."""
    current = Finding.objects.select_for_update().get(pk=finding.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            _("Someone else has saved this finding in the meantime."), code="conflict"
        )
    changed = apply_changes(finding, data)
    relations_changed = _set_relations(
        finding, facilities=facilities, partners=partners, actor=actor
    )
    if changed or relations_changed:
        # Any change, the concerned facilities and partners included, makes a new version.
        finding.version = current.version + 1
        save_tracked(finding, actor=actor, update_fields=[*changed, "version"])
    return finding


@transaction.atomic
def finding_set_status(*, finding, status: str, actor, as_lead: bool) -> Finding:
    allowed = LEAD_TRANSITIONS if as_lead else MEMBER_TRANSITIONS
    if (finding.status, status) not in allowed:
        raise ValidationError(
            _("This change of status is not possible or reserved to the group's lead."),
            code="transition",
        )
    if status == FindingStatus.DRAFT and (
        finding.reports.filter(submitted_at__isnull=False).exists() or finding.chapters.exists()
    ):
        # Once the board or the development concept relies on a finding, it stays
        # visible to the whole cooperation.
        raise ValidationError(
            _(
                "This finding has been reported to the board or is cited in the development "
                "concept; it can no longer be taken back as a draft."
            ),
            code="published",
        )
    finding.status = status
    finding.version += 1
    save_tracked(finding, actor=actor, update_fields=["status", "version"])
    return finding


@transaction.atomic
def comment_add(*, finding, author, text: str) -> FindingComment:
    if not text.strip():
        raise ValidationError({"text": _("Please write a comment.")}, code="empty")
    comment = FindingComment(finding=finding, author=author, text=text)
    save_tracked(comment, actor=author)
    return comment


@transaction.atomic
def attachment_add(*, finding, title: str, uploaded_file, actor) -> FindingAttachment:
    """Same rules as meeting papers: type by content, size limit, random stored name."""
    content_type, _extension = validate_upload(uploaded_file)
    attachment = FindingAttachment(
        finding=finding,
        title=title,
        original_name=safe_file_name(uploaded_file.name),
        content_type=content_type,
        size=uploaded_file.size,
        uploaded_by=actor,
    )
    attachment.file.save(uploaded_file.name, uploaded_file, save=False)
    try:
        save_tracked(attachment, actor=actor)
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment
