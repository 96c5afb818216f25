"""The OParl 1.1 server under `/oparl/v1/`: plain views answering JSON.

Anonymous, GET and HEAD only, the same answer for everybody: `core.caching`'s
`PublicCacheMixin` gives `Cache-Control: public`, the ETag and the 304; every answer
(errors and 304s too) carries `Access-Control-Allow-Origin: *`. Bad filter values answer
400 with a German message in `{"error": …}`; nothing raises a 500.
"""

from __future__ import annotations

import datetime
import json
import math
from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from core.caching import PublicCacheMixin
from core.timezone import BERLIN

from . import objects

CONTENT_TYPE = "application/json; charset=utf-8"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
DATE_FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


def json_response(data, status=200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body.encode(), status=status, content_type=CONTENT_TYPE)


class BadRequest(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


# Read-only: a POST is answered 405 by the view, not refused by the CSRF check first.
@method_decorator(csrf_exempt, name="dispatch")
class OparlView(PublicCacheMixin, View):
    """Answers `get_data()` as JSON; the ETag is the hash of the body. OPTIONS answers a
    browser's CORS preflight (a script that sends `If-None-Match` itself)."""

    http_method_names = ["get", "head", "options"]

    def get_data(self) -> dict:  # pragma: no cover - always overridden
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        try:
            data = self.get_data()
        except BadRequest as error:
            return json_response({"error": str(error)}, status=error.status)
        if data is None:
            return json_response({"error": _("This object does not exist.")}, status=404)
        return json_response(data)

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = json_response(
            {"error": _("The OParl interface can only be read (GET).")}, status=405
        )
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response

    def options(self, request, *args, **kwargs):
        response = HttpResponse(status=204)
        response["Allow"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response["Access-Control-Max-Age"] = "86400"
        return response

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response


class SystemView(OparlView):
    def get_data(self):
        return objects.system_object()


# --- Lists ------------------------------------------------------------------------------


def _parse_when(name: str, value: str):
    # An unencoded "+" of the offset arrives as a space.
    when = parse_datetime(value.replace(" ", "+")) if "T" in value else None
    if when is None:
        only_day = parse_date(value) if len(value) == 10 else None
        if only_day is None:
            raise BadRequest(
                _("“%(name)s” must be a date and time in ISO 8601, e.g. 2026-01-31T12:00:00+01:00.")
                % {"name": name}
            )
        when = datetime.datetime.combine(only_day, datetime.time())
    if timezone.is_naive(when):
        when = timezone.make_aware(when, BERLIN)
    when.astimezone(datetime.UTC)  # the database compares in UTC: year 1 at +14:00 overflows
    return when


def _positive(name: str, value: str | None, default: int) -> int:
    if value is None:
        return default
    if not (value.isascii() and value.isdigit()) or len(value) > 9 or int(value) < 1:
        raise BadRequest(_("“%(name)s” must be a whole number of at least 1.") % {"name": name})
    return int(value)


class ListFilters:
    """The list filters of the spec (created/modified since/until, limit) and the page."""

    def __init__(self, query):
        self.raw = {}
        self.dates = {}
        for name in DATE_FILTERS:
            value = query.get(name)
            if value is None:
                continue
            try:
                self.dates[name] = _parse_when(name, value)
            except (ValueError, OverflowError) as error:
                raise BadRequest(
                    _("“%(name)s” is not a valid date and time.") % {"name": name}
                ) from error
            self.raw[name] = value
        self.limit = min(_positive("limit", query.get("limit"), DEFAULT_LIMIT), MAX_LIMIT)
        if "limit" in query:
            self.raw["limit"] = str(self.limit)
        self.page = _positive("page", query.get("page"), 1)

    def apply(self, queryset):
        # `oparl_modified`: the row's or its embedded objects' latest change (selectors).
        modified = (
            "oparl_modified" if "oparl_modified" in queryset.query.annotations else "modified"
        )
        lookups = {
            "created_since": "created__gte",
            "created_until": "created__lte",
            "modified_since": f"{modified}__gte",
            "modified_until": f"{modified}__lte",
        }
        return queryset.filter(**{lookups[k]: v for k, v in self.dates.items()})

    @property
    def since(self):
        return self.dates.get("modified_since")

    @property
    def until(self):
        return self.dates.get("modified_until")

    def url(self, base: str, page: int) -> str:
        return base + "?" + urlencode({**self.raw, "page": page})


class ListPage:
    """One page over the sources of a type, then its tombstones (with modified_since).

    Each source is counted (one query) and only the sources the page reaches are read,
    so a page runs a fixed number of queries whatever its size."""

    def __init__(self, path: str, kind: objects.Kind, filters: ListFilters):
        self.path = path
        self.kind = kind
        self.filters = filters
        self.live = [(s, filters.apply(s.queryset()).order_by("pk")) for s in kind.sources]
        self.counts = [qs.count() for _s, qs in self.live]
        # One tombstone per object (a paper can be withheld and on an item made
        # non-public), with its latest withdrawal; oldest first.
        latest = {}
        if filters.since is not None:
            for prefix, source in kind.tombstones:
                for pk, when in source(filters.since, filters.until):
                    key = f"{prefix}{pk}"
                    latest[key] = max(when, latest.get(key, when))
        self.dead = sorted(latest.items(), key=lambda row: (row[1], row[0]))

    @property
    def total(self) -> int:
        return sum(self.counts) + len(self.dead)

    @staticmethod
    def _page(queryset, low: int, high: int):
        """The rows `low:high`. An annotated queryset (`oparl_modified`: subqueries per
        row) first takes the page's keys alone, so that the database computes the
        annotations for the page's rows only, not for all the rows OFFSET skips."""
        if not queryset.query.annotations:
            return queryset[low:high]
        keys = list(queryset.values_list("pk", flat=True)[low:high])
        return queryset.filter(pk__in=keys)

    def rows(self, start: int, stop: int):
        offset = 0
        for (source, queryset), count in zip(self.live, self.counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                yield from (source.serialise(obj) for obj in self._page(queryset, low, high))
            offset += count
        low, high = max(start - offset, 0), min(stop - offset, len(self.dead))
        for key, when in self.dead[low:high] if low < high else []:
            yield objects.tombstone(self.path, key, self.kind.name, when)


def list_answer(path: str, filters: ListFilters, page_source: ListPage | None) -> dict:
    """The list page: `data`, `pagination` and `links` (the filters kept in each link).
    Without a page source: the list of the one body."""
    total = page_source.total if page_source else 1
    limit = filters.limit
    pages = max(math.ceil(total / limit), 1)
    if filters.page > pages:
        raise BadRequest(_("This page does not exist."), status=404)
    start = (filters.page - 1) * limit
    if page_source is None:
        data = [objects.body_object()]
    else:
        data = list(page_source.rows(start, start + limit))
    base = objects.api_url(path)
    links = {"first": filters.url(base, 1), "last": filters.url(base, pages)}
    if filters.page > 1:
        links["prev"] = filters.url(base, filters.page - 1)
    if filters.page < pages:
        links["next"] = filters.url(base, filters.page + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": limit,
            "currentPage": filters.page,
            "totalPages": pages,
        },
        "links": links,
    }


class ObjectListView(OparlView):
    def get_data(self):
        path = self.kwargs["kind"]
        kind = objects.KINDS.get(path)
        if kind is None and path != "body":
            return None
        filters = ListFilters(self.request.GET)
        page = ListPage(path, kind, filters) if kind else None
        return list_answer(path, filters, page)


class ObjectView(OparlView):
    def get_data(self):
        kind_path, key = self.kwargs["kind"], self.kwargs["key"]
        if kind_path == "body":
            return objects.body_object() if key == objects.BODY_KEY else None
        kind = objects.KINDS.get(kind_path)
        return kind.find(key) if kind else None
