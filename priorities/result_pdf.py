"""The result of a priority round as a PDF (rendered by the worker, `tasks.py`),
through the print family's renderer (`core.pdf`: embedded fonts, PDF/A-3u)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import pdf
from core.i18n import portal_language
from core.tracking import save_tracked
from meetings.services import paper_add

from . import selectors
from .models import PriorityRound

logger = logging.getLogger(__name__)

AUTHOR = "IMPULS Kooperation Harz – Geschäftsstelle"


def render_result_html(round_: PriorityRound, *, created=None) -> str:
    created = created or timezone.now()
    with portal_language():
        ballots = list(round_.ballots.select_related("partner", "cast_by"))
        context = selectors.result(round_, ballots=ballots)
        context.update(
            round=round_,
            voters=selectors.participants(round_, ballots),
            voted={b.partner_id for b in ballots},
            created=created,
            pdf={
                "title": _("Result of the priority round “%(title)s”") % {"title": round_.title},
                "author": AUTHOR,
                "subject": _("Priority round"),
                "keywords": ", ".join([_("Priority round"), round_.title, round_.board.name]),
                "created": created,
                "language": "de",
            },
        )
        return render_to_string("pdf/priority_round.html", context)


def render_result_pdf(round_: PriorityRound) -> bytes:
    return pdf.html_to_pdf(render_result_html(round_)).content


def result_file_name(round_: PriorityRound) -> str:
    return f"prioritaetenrunde-{round_.pk}-{slugify(round_.title)[:40] or 'ergebnis'}.pdf"


def attach_result_paper(round_id: int, actor) -> bool:
    """The worker's side: render the PDF and attach it to the chosen meeting. False if
    there is nothing to do (attached meanwhile) or the meeting refused the paper (then
    the request is withdrawn, so the office can ask again)."""
    with transaction.atomic():
        current = (
            PriorityRound.objects.select_for_update(of=("self",))
            .select_related("board", "paper_meeting")
            .filter(pk=round_id)
            .first()
        )
        if current is None or current.paper_id is not None or current.paper_meeting is None:
            return False
        content = render_result_pdf(current)
        try:
            paper = paper_add(
                meeting=current.paper_meeting,
                agenda_item=None,
                title=_("Result of the priority round “%(title)s”") % {"title": current.title},
                uploaded_file=ContentFile(content, name=result_file_name(current)),
                actor=actor,
            )
        except ValidationError:
            logger.warning(
                "Result of round %s refused by meeting %s", round_id, current.paper_meeting_id
            )
            paper = None
        if paper is None:
            current.paper_meeting = None
            current.paper_requested_at = None
            save_tracked(
                current,
                actor=actor,
                reason=_("The meeting no longer accepts papers"),
                update_fields=["paper_meeting", "paper_requested_at"],
            )
            return False
        current.paper = paper
        try:
            save_tracked(
                current,
                actor=actor,
                reason=_("Result attached as a paper"),
                update_fields=["paper"],
            )
        except BaseException:
            paper.file.delete(save=False)
            raise
        return True
