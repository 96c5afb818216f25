"""The public pages' gates: an object is there when its `published()` queryset has it,
and a 404 otherwise (whether it exists unpublished is nobody's business)."""

from __future__ import annotations

from django.http import Http404

from . import selectors


def _get(queryset, pk):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def get_published_meeting(pk):
    return _get(selectors.published_meeting_queryset(), pk)


def get_published_paper(pk):
    return _get(selectors.published_paper_queryset(), pk)


def get_published_decision(pk):
    return _get(selectors.published_decision_queryset(), pk)


def get_published_finding(pk):
    return _get(selectors.published_finding_queryset(), pk)


def get_published_report(pk):
    return _get(selectors.published_report_queryset(), pk)


def get_published_chapter(pk):
    chapter = selectors.published_chapter(pk)
    if chapter is None:
        raise Http404
    return chapter


def get_public_body(pk):
    page = selectors.body_page(pk)
    if page is None:
        raise Http404
    return page


def get_public_procedure(pk):
    """A participation procedure that is published or open to the public now."""
    return _get(selectors.public_procedure_queryset(), pk)


def get_published_table(pk):
    """The published table of a published procedure (404 before, or for an older build)."""
    procedure = _get(selectors.public_procedure_queryset().exclude(published_at=None), pk)
    table = selectors.published_table(procedure)
    if table is None:
        raise Http404
    return table


def get_procedure_open_to_public(pk):
    """A procedure running now and open to statements of the public."""
    procedure = get_public_procedure(pk)
    if not (procedure.public_may_comment and procedure.is_running()):
        raise Http404
    return procedure
