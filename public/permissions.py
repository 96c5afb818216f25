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
