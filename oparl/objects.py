"""The OParl 1.1 objects: the portal's published record as JSON (see docs/oparl.md).

Each object type (`Kind`) has one or more sources (a queryset from `oparl.selectors` and
a function turning one row into the object) and the sources of its tombstones. Objects
embedded in another carry their own `id`, `type`, `created` and `modified`. URLs are
absolute, built from `settings.PORTAL_BASE_URL`, and stable: they name the row's primary
key only. The portal's own data OParl has no field for goes under `impuls:` keys.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import BodyKind, SpatialPlanningContract
from core.links import portal_url
from core.timezone import BERLIN
from meetings.selectors.quorum import quorum

from . import selectors

OPARL = "https://schema.oparl.org/1.1/"
BODY_KEY = "impuls"
BOARD_PREFIX = "gremium-"
PARTNER_PREFIX = "partner-"
COUNCIL_PREFIX = "rat-"


def type_url(name: str) -> str:
    return OPARL + name


def api_url(*parts) -> str:
    """`<PORTAL_BASE_URL>/oparl/v1/<part>/<part>/`."""
    root = portal_url("oparl:system")
    return root + "".join(f"{part}/" for part in parts)


def web_url(name: str, *args) -> str:
    return portal_url(name, *args)


def stamp(value) -> str | None:
    """A date-time in Berlin time with its offset, to the second."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value, BERLIN).isoformat(timespec="seconds")
    return datetime.datetime.combine(value, datetime.time(), tzinfo=BERLIN).isoformat()


def day(value) -> str | None:
    return value.isoformat() if value else None


def _base(kind: str, key, obj, name: str, *, created=None, modified=None) -> dict:
    return {
        "id": api_url(kind, key),
        "type": type_url(name),
        "created": stamp(created or obj.created),
        # With the embedded objects' changes where the selector computed them.
        "modified": stamp(modified or getattr(obj, "oparl_modified", None) or obj.modified),
    }


def _clean(data: dict) -> dict:
    """Leave out empty optional fields (OParl: absent rather than null)."""
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def tombstone(kind: str, key, name: str, when) -> dict:
    return {
        "id": api_url(kind, key),
        "type": type_url(name),
        "deleted": True,
        "modified": stamp(when),
    }


# --- URLs of objects ------------------------------------------------------------------


def body_url() -> str:
    return api_url("body", BODY_KEY)


def organization_url(body) -> str:
    return api_url("organization", f"{BOARD_PREFIX}{body.pk}")


def partner_url(partner) -> str:
    return api_url("organization", f"{PARTNER_PREFIX}{partner.pk}")


def _url(kind: str, pk) -> str:
    return api_url(kind, pk)


def council_consultation_url(consultation) -> str:
    return api_url("consultation", f"{COUNCIL_PREFIX}{consultation.pk}")


# --- Serialisers -----------------------------------------------------------------------


# Stored names are random and never reused for other content
# (`core.uploads.private_upload_to`), so a stored name (with the storage's place and the
# size) identifies the content: each digest is computed once per process, not for every
# list that embeds the file. Bounded; a missing file is not remembered.
_CHECKSUMS: dict[tuple, str] = {}
_CHECKSUMS_MAX = 100_000


def _checksum(paper) -> str | None:
    """SHA-512 of the paper's stored file; None if it is missing (the row still shows)."""
    name = paper.file.name
    if not name:
        return None
    key = (str(settings.MEDIA_ROOT), name, paper.size)
    if key in _CHECKSUMS:
        return _CHECKSUMS[key]
    digest = hashlib.sha512()
    try:
        with default_storage.open(name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
    except (OSError, ValueError):
        return None
    if len(_CHECKSUMS) >= _CHECKSUMS_MAX:
        _CHECKSUMS.clear()
    _CHECKSUMS[key] = digest.hexdigest()
    return _CHECKSUMS[key]


def file_object(paper) -> dict:
    download = web_url("public:paper_download", paper.pk)
    # The paper's own row (embedded in a Paper too, whose `modified` counts its councils).
    data = _base("file", paper.pk, paper, "File", modified=paper.modified) | {
        "name": paper.title,
        "fileName": paper.original_name,
        "mimeType": paper.content_type,
        "size": paper.size,
        "date": day(timezone.localtime(paper.created, BERLIN).date()),
        "sha512Checksum": _checksum(paper),
        "accessUrl": download,
        "downloadUrl": download,
        "paper": [_url("paper", paper.pk)],
        "meeting": [_url("meeting", paper.meeting_id)],
        "agendaItem": [_url("agendaitem", paper.agenda_item_id)] if paper.agenda_item_id else [],
    }
    return _clean(data)


def consultation_object(paper) -> dict:
    item = paper.agenda_item
    data = _base("consultation", paper.pk, paper, "Consultation", modified=paper.modified) | {
        "paper": _url("paper", paper.pk),
        "agendaItem": _url("agendaitem", item.pk),
        "meeting": _url("meeting", paper.meeting_id),
        "organization": [organization_url(paper.meeting.body)],
        "web": web_url("public:meeting_detail", paper.meeting_id) + f"#top-{item.pk}",
    }
    return data


def council_consultation_object(consultation, paper=None) -> dict:
    """A partner's council's consultation of a published decision (`councils`): the
    council's own session is not in the portal, so no meeting and no agenda item.
    `paper`: the key of the paper that embeds it (else the selector's `oparl_paper_id`)."""
    decision = consultation.requirement.decision
    partner = consultation.partner
    key = f"{COUNCIL_PREFIX}{consultation.pk}"
    paper = paper or getattr(consultation, "oparl_paper_id", None)
    data = _base("consultation", key, consultation, "Consultation") | {
        "paper": _url("paper", paper) if paper else None,
        "organization": [partner_url(partner)] if partner.is_active else [],
        "authoritative": True,
        "role": _("Approval of the council"),
        "web": web_url("public:decision_detail", decision.pk),
        "impuls:councilName": consultation.council_name,
        "impuls:status": consultation.status,
        "impuls:statusLabel": str(consultation.get_status_display()),
        "impuls:overdue": consultation.is_overdue(),
        "impuls:plannedDate": day(consultation.planned_date),
        "impuls:resolutionNumber": consultation.resolution_number,
        "impuls:resolutionDate": day(consultation.resolution_date),
        "impuls:decision": {
            "number": decision.format_number(),
            "name": decision.title,
            "web": web_url("public:decision_detail", decision.pk),
        },
    }
    return _clean(data)


def _council_consultations(paper) -> list[dict]:
    """The councils' consultations of the item's decisions, if this is the item's first
    published paper (`selectors.paper_list`); none otherwise."""
    if not paper.agenda_item_id or getattr(paper, "oparl_first_paper_id", None) != paper.pk:
        return []
    return [
        council_consultation_object(c, paper.pk)
        for decision in paper.agenda_item.oparl_council_decisions
        if getattr(decision, "council_requirement", None) is not None
        for c in decision.council_requirement.consultations.all()
    ]


def paper_object(paper) -> dict:
    data = _base("paper", paper.pk, paper, "Paper") | {
        "body": body_url(),
        "name": paper.title,
        "date": day(timezone.localtime(paper.created, BERLIN).date()),
        "paperType": "Sitzungsunterlage",
        "mainFile": file_object(paper),
        "underDirectionOf": [organization_url(paper.meeting.body)],
        "consultation": (
            [consultation_object(paper), *_council_consultations(paper)]
            if paper.agenda_item_id
            else []
        ),
        "web": web_url("public:meeting_detail", paper.meeting_id)
        + (f"#top-{paper.agenda_item_id}" if paper.agenda_item_id else ""),
    }
    return _clean(data)


def _quorum(meeting) -> dict | None:
    """The quorum as frozen when the meeting was held (`meetings.selectors.quorum`, which
    reads nothing for a held meeting); none while the meeting is still to be held."""
    if not meeting.quorum_is_frozen:
        return None
    q = quorum(meeting)
    return {
        "rule": q.rule,
        "votingSeats": q.seats,
        "present": q.present,
        "required": q.required,
        "reached": q.reached,
    }


def _council_approval(decision) -> dict | None:
    """The decision's consultations in the partners' councils (`councils`), with its
    effect as the portal stores it; None when it needs no council's approval."""
    requirement = getattr(decision, "council_requirement", None)
    if requirement is None:
        return None
    return _clean(
        {
            "effect": requirement.effect,
            "effectLabel": str(requirement.get_effect_display()),
            "rule": requirement.rule,
            "requiredApprovals": requirement.required_approvals,
            "consultations": [
                _clean(
                    {
                        "consultation": council_consultation_url(c),
                        "organization": (partner_url(c.partner) if c.partner.is_active else None),
                        "name": c.council_name,
                        "plannedDate": day(c.planned_date),
                        "status": c.status,
                        "statusLabel": str(c.get_status_display()),
                        "overdue": c.is_overdue(),
                        "resolutionNumber": c.resolution_number,
                        "resolutionDate": day(c.resolution_date),
                        "created": stamp(c.created),
                        "modified": stamp(c.modified),
                    }
                )
                for c in requirement.consultations.all()
            ],
            "created": stamp(requirement.created),
            "modified": stamp(requirement.modified),
        }
    )


def _decision(decision, meeting) -> dict:
    return _clean(
        {
            "web": web_url("public:decision_detail", decision.pk),
            "number": decision.format_number(),
            "name": decision.title,
            "text": decision.text,
            "status": decision.status,
            "statusLabel": str(decision.get_status_display()),
            "kind": decision.kind,
            "kindLabel": str(decision.get_kind_display()),
            "result": decision.result,
            "resultLabel": str(decision.get_result_display()),
            "majorityRequired": decision.majority,
            "majorityLabel": str(decision.get_majority_display()),
            "votingSeats": decision.seats,
            "dueDate": day(decision.due_date),
            "overdue": decision.is_overdue(),
            "voteCounts": {
                "yes": decision.votes_yes,
                "no": decision.votes_no,
                "abstain": decision.votes_abstain,
                "notVoting": decision.not_voting_count,
            },
            "quorum": _quorum(meeting),
            "commissionedWorkingGroups": [
                organization_url(group) for group in decision.commissioned_groups.all()
            ],
            "progress": [
                {
                    "date": day(entry.date),
                    "note": entry.note,
                    "status": entry.status,
                    "statusLabel": str(entry.get_status_display()),
                    "created": stamp(entry.created),
                    "modified": stamp(entry.modified),
                }
                for entry in decision.public_progress
            ],
            "councilApproval": _council_approval(decision),
            "created": stamp(decision.created),
            "modified": stamp(decision.modified),
        }
    )


def _minutes(item) -> dict | None:
    """The item's approved minutes (Markdown, as written) with their corrections."""
    try:
        minutes = item.minutes  # prefetched: approved minutes only
    except ObjectDoesNotExist:
        return None
    if minutes is None:
        return None
    return {
        "text": minutes.text,
        "corrections": [
            {
                "correctedOn": day(c.corrected_on),
                "reason": c.reason,
                "text": c.text,
                "created": stamp(c.created),
                "modified": stamp(c.modified),
            }
            for c in minutes.corrections.all()
        ],
        "created": stamp(minutes.created),
        "modified": stamp(minutes.modified),
    }


def agenda_item_object(item, meeting=None) -> dict:
    meeting = meeting or item.meeting
    decisions = [_decision(d, meeting) for d in item.oparl_decisions]
    data = _base("agendaitem", item.pk, item, "AgendaItem") | {
        "meeting": _url("meeting", meeting.pk),
        "number": str(item.position),
        "order": item.position,
        "name": item.title,
        "public": True,
        "resolutionText": "\n\n".join(d.text for d in item.oparl_decisions),
        "auxiliaryFile": [file_object(p) for p in item.oparl_papers],
        "start": stamp(meeting.starts_at),
        "web": web_url("public:meeting_detail", meeting.pk) + f"#top-{item.pk}",
        "impuls:description": item.description,
        "impuls:decisions": decisions,
        "impuls:minutes": _minutes(item),
    }
    return _clean(data)


def location_object(meeting) -> dict:
    # The place is the meeting's own field: its row's `modified`, embedded or not.
    return _base("location", meeting.pk, meeting, "Location", modified=meeting.modified) | {
        "description": meeting.location,
        "meetings": [_url("meeting", meeting.pk)],
    }


def meeting_object(meeting) -> dict:
    data = _base("meeting", meeting.pk, meeting, "Meeting") | {
        "name": meeting.title,
        "meetingState": str(meeting.get_status_display()),
        "cancelled": meeting.is_cancelled,
        "start": stamp(meeting.starts_at),
        "end": stamp(meeting.ends_at),
        "location": location_object(meeting) if meeting.location else None,
        "organization": [organization_url(meeting.body)],
        "auxiliaryFile": [file_object(p) for p in meeting.oparl_meeting_papers],
        "agendaItem": [agenda_item_object(i, meeting) for i in meeting.oparl_items],
        "web": web_url("public:meeting_detail", meeting.pk),
        "impuls:quorum": _quorum(meeting),
    }
    return _clean(data)


def body_organization_object(body) -> dict:
    group = getattr(body, "working_group", None)
    data = _base("organization", f"{BOARD_PREFIX}{body.pk}", body, "Organization") | {
        "body": body_url(),
        "name": body.name,
        "shortName": body.short_code,
        "organizationType": "Gremium" if body.is_board else "Arbeitsgruppe",
        "classification": str(body.get_kind_display()),
        "membership": [_url("membership", m.pk) for m in body.current_memberships],
        "web": web_url("public:body_detail", body.pk),
        "impuls:description": body.description,
        "impuls:active": body.is_active,
    }
    if group is not None:
        data |= {
            "impuls:mandate": group.mandate,
            "impuls:functionArea": group.function_area.name,
            "impuls:leadPartner": partner_url(group.lead_partner)
            if group.lead_partner.is_active
            else None,
        }
    return _clean(data)


def partner_organization_object(partner) -> dict:
    data = _base("organization", f"{PARTNER_PREFIX}{partner.pk}", partner, "Organization") | {
        "body": body_url(),
        "name": partner.name,
        "organizationType": "Partner",
        "classification": str(partner.get_status_display()),
    }
    return data


def membership_object(membership) -> dict:
    partner = membership.partner
    board = membership.body.kind == BodyKind.BOARD
    data = _base("membership", membership.pk, membership, "Membership") | {
        "person": _url("person", membership.pk) if board else None,
        "organization": organization_url(membership.body),
        "role": str(membership.get_role_display()),
        "votingRight": membership.has_voting_seat,
        "startDate": day(membership.valid_from),
        "endDate": day(membership.valid_until),
        "onBehalfOf": partner_url(partner) if partner and partner.is_active else None,
        "impuls:publicName": membership.public_name(),
    }
    return _clean(data)


def person_object(membership) -> dict:
    data = _base("person", membership.pk, membership, "Person") | {
        "body": body_url(),
        "name": membership.public_name(),
        "membership": [membership_object(membership)],
    }
    return data


def legislative_term_object(contract) -> dict:
    data = _base("legislativeterm", contract.pk, contract, "LegislativeTerm") | {
        "body": body_url(),
        "name": contract.title,
        "startDate": day(contract.valid_from),
        "endDate": day(contract.valid_until),
    }
    return _clean(data)


def system_object() -> dict:
    times = selectors.timestamps()
    now = timezone.now()
    return _clean(
        {
            "id": api_url(),
            "type": type_url("System"),
            "oparlVersion": OPARL,
            "name": "IMPULS Kooperationsportal",
            "body": api_url("body"),
            "website": web_url("public:home"),
            "created": stamp(times["created"] or now),
            "modified": stamp(times["modified"] or now),
        }
    )


def body_object() -> dict:
    times = selectors.timestamps()
    now = timezone.now()
    contract = selectors.contract_in_force()
    data = {
        "id": body_url(),
        "type": type_url("Body"),
        "system": api_url(),
        "shortName": "IMPULS",
        "name": "Kooperation IMPULS – gemeinsames Oberzentrum in der Planungsregion Harz",
        "website": web_url("public:home"),
        "classification": "Interkommunale Kooperation",
        "organization": api_url("organization"),
        "person": api_url("person"),
        "meeting": api_url("meeting"),
        "paper": api_url("paper"),
        "agendaItem": api_url("agendaitem"),
        "consultation": api_url("consultation"),
        "file": api_url("file"),
        "locationList": api_url("location"),
        "legislativeTermList": api_url("legislativeterm"),
        "membership": api_url("membership"),
        "legislativeTerm": [legislative_term_object(contract)] if contract else [],
        "created": stamp(times["created"] or now),
        "modified": stamp(times["modified"] or now),
    }
    return {k: v for k, v in data.items() if v is not None}


# --- The object types ------------------------------------------------------------------


@dataclass
class Source:
    queryset: Callable
    serialise: Callable
    prefix: str = ""  # of the key, where one type has several sources (organisations)


@dataclass
class Kind:
    name: str
    sources: list[Source]
    tombstones: list[tuple[str, Callable]] = field(default_factory=list)

    def find(self, key: str):
        """The object with this key, or None (published ones only)."""
        for source in self.sources:
            if source.prefix and not key.startswith(source.prefix):
                continue
            pk = key[len(source.prefix) :]
            if not (pk.isascii() and pk.isdigit()) or len(pk) > 12:
                continue
            obj = source.queryset().filter(pk=int(pk)).first()
            if obj is not None:
                return source.serialise(obj)
        return None


def _contracts():
    contract = selectors.contract_in_force()
    return SpatialPlanningContract.objects.filter(pk=contract.pk if contract else None)


KINDS: dict[str, Kind] = {
    "organization": Kind(
        "Organization",
        [
            Source(selectors.bodies, body_organization_object, BOARD_PREFIX),
            Source(selectors.partners, partner_organization_object, PARTNER_PREFIX),
        ],
        [
            (BOARD_PREFIX, selectors.withdrawn_bodies),
            (PARTNER_PREFIX, selectors.withdrawn_partners),
        ],
    ),
    "person": Kind(
        "Person",
        [Source(selectors.persons, person_object)],
        [("", lambda s, u: selectors.withdrawn_memberships(s, u, board_only=True))],
    ),
    "membership": Kind(
        "Membership",
        [Source(selectors.memberships, membership_object)],
        [("", selectors.withdrawn_memberships)],
    ),
    "legislativeterm": Kind("LegislativeTerm", [Source(_contracts, legislative_term_object)]),
    "meeting": Kind(
        "Meeting",
        [Source(selectors.meetings, meeting_object)],
        [("", selectors.withdrawn_meetings)],
    ),
    "agendaitem": Kind(
        "AgendaItem",
        [Source(selectors.agenda_items, agenda_item_object)],
        [("", selectors.withdrawn_agenda_items)],
    ),
    "paper": Kind(
        "Paper", [Source(selectors.paper_list, paper_object)], [("", selectors.withdrawn_papers)]
    ),
    "consultation": Kind(
        "Consultation",
        [
            Source(selectors.consultations, consultation_object),
            Source(selectors.council_consultations, council_consultation_object, COUNCIL_PREFIX),
        ],
        [
            ("", lambda s, u: selectors.withdrawn_papers(s, u, on_items_only=True)),
            (COUNCIL_PREFIX, selectors.withdrawn_council_consultations),
        ],
    ),
    "file": Kind(
        "File", [Source(selectors.papers, file_object)], [("", selectors.withdrawn_papers)]
    ),
    "location": Kind(
        "Location",
        [Source(selectors.locations, location_object)],
        [("", selectors.withdrawn_locations)],
    ),
}
