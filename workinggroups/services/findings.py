"""Writes for findings: record, edit (version-checked), status, discussion, attachments."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.tracking import apply_changes, save_tracked
from core.uploads import store_upload

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


def _set_relations(finding, *, facilities, partners, actor, recorded_by_save=False) -> bool:
    """Set the concerned facilities and partners; True if anything changed. With
    `recorded_by_save`, the caller saves the finding afterwards, and that one history
    entry records the links (instead of one entry per added or removed link)."""
    changed = False
    for name, values in (("facilities", facilities), ("partners", partners)):
        if values is None:
            continue
        wanted = {obj.pk for obj in values}
        if set(getattr(finding, name).values_list("pk", flat=True)) != wanted:
            finding._history_user = actor
            if not recorded_by_save:
                getattr(finding, name).set(wanted)
            else:
                finding.skip_history_when_saving = True
                try:
                    getattr(finding, name).set(wanted)
                finally:
                    del finding.skip_history_when_saving
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
        raise Conflict(_("Someone else has saved this finding in the meantime."), code="conflict")
    changed = apply_changes(finding, data)
    relations_changed = _set_relations(
        finding, facilities=facilities, partners=partners, actor=actor, recorded_by_save=True
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
    """Same path as meeting papers (`core.uploads.store_upload`): type by content, size
    limit, random stored name, nothing left behind when refused."""
    attachment = FindingAttachment(finding=finding, title=title)
    store_upload(attachment, uploaded_file, actor=actor)
    return attachment
