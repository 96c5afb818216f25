"""The full-text search: one entry point, `search()`, for the members and the public.

On PostgreSQL it reads the stored, weighted `tsvector` columns (core/search.py) with
the `german` configuration: ranked by `SearchRank` across all kinds (a title hit, weight
A, above a body hit, B, above the text of a file, C), snippets by `SearchHeadline`. On
SQLite it falls back to `icontains` over the same columns (see the README for its
limits). Either way a fixed number of queries, whatever the number of hits:

1. for a member, the bodies they belong to (read once for every kind's gate, so that
   the statement below carries a list of ids instead of ten permission subqueries,
   which the database would plan again on every search),
2. the facet counts per kind and the page: (kind, pk, rank) of the selected kinds,
   ranked across kinds, in one UNION ALL statement,
3. one query per kind on the page for its objects and snippets.

What a user finds is exactly what the apps' gates let them see (`search.kinds`): the
member's visibility querysets, or for the public (`user=None`) the `.published()`
querysets only, so nothing hidden shows up in a hit, a snippet, the total or a facet.
"""

from __future__ import annotations

import datetime
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat, Replace
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from cooperation.permissions import remembered_bodies, remembered_body_ids, remembered_grants
from core.search import SEARCH_CONFIG, is_postgresql, matches_any

from .kinds import KINDS_BY_KEY, Kind, kinds_for
from .query import query_words, tsquery_text

PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
# Beyond any real result list; keeps the OFFSET within the database's integer range
# (a larger page number shows the last page, like every other list).
MAX_PAGE_NUMBER = 100_000
# Marks put around the matches by the database, replaced by <mark> after escaping
# (two private-use characters, removed from the source text first).
START, STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 30
# Output field of every part's kind column (one instance: building a field per part
# and search is measurable).
_KIND_FIELD = CharField()
FALLBACK_SNIPPET_CHARS = 200


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    object: object
    title: str
    date: datetime.datetime | None
    snippet: SafeString
    url: str
    rank: float


@dataclass(frozen=True)
class Facet:
    kind: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    words: list[str]
    hits: list[Hit]
    total: int
    facets: list[Facet]
    page: Page
    kinds: list[str] = field(default_factory=list)
    public: bool = False

    @property
    def has_query(self) -> bool:
        return bool(self.words)


def kind_choices(*, public: bool) -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in kinds_for(public)]


def search(
    query: str,
    *,
    user,
    kinds: Iterable[str] | None = None,
    page: int | str | None = 1,
    page_size: int = PAGE_SIZE,
    url_for: Callable[[str, object], str] | None = None,
) -> SearchResults:
    """Search everything `user` may see (`user=None`: the public, published content).

    `kinds`: keys of `search.kinds.KINDS` to limit the hits to (the facets count every
    kind); `page`: 1-based, out of range gives the last page; `url_for(kind, obj)` maps
    a hit to a URL (default: the internal page). Raises ValidationError (German
    message) for a query that is too long or an unknown kind.
    """
    public = user is None
    available = kinds_for(public)
    selected = _selected_kinds(kinds, available)
    words = query_words(query or "")
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    empty = SearchResults(
        query=query or "",
        words=words,
        hits=[],
        total=0,
        facets=[],
        page=Paginator([], page_size).get_page(1),
        kinds=[k.key for k in selected],
        public=public,
    )
    if not words:
        return empty
    backend = _Postgres(words) if is_postgresql() else _Fallback(words)
    statement = backend.statement(user, available, public)
    selected_keys = [kind.key for kind in selected if kind.key in statement.kinds]
    if not selected_keys:
        empty.facets = _facets(available, statement.kinds, {}, selected_keys)
        return empty

    # 1. Facets, total and the page in one query over the hits of every kind.
    try:
        number = min(max(1, int(page or 1)), MAX_PAGE_NUMBER)
    except (TypeError, ValueError):
        number = 1
    counts, rows = _hits_and_counts(statement, selected_keys, number, page_size)
    total = sum(counts.get(key, 0) for key in selected_keys)
    paginator = Paginator(range(total), page_size)
    current = paginator.get_page(number)
    if current.number != number and total:  # out of range: the last page, read again
        counts, rows = _hits_and_counts(statement, selected_keys, current.number, page_size)
    results = SearchResults(
        query=query,
        words=words,
        hits=[],
        total=total,
        facets=_facets(available, statement.kinds, counts, selected_keys),
        page=current,
        kinds=selected_keys,
        public=public,
    )
    if total == 0:
        return results

    # 3. The objects of the page, one query per kind, with their snippets.
    by_kind = defaultdict(list)
    for key, pk, _rank in rows:
        by_kind[key].append(pk)
    objects = {}
    for key, pks in by_kind.items():
        kind = KINDS_BY_KEY[key]
        for obj in backend.objects(kind, pks, public):
            objects[key, obj.pk] = obj
    url_for = url_for or (lambda key, obj: KINDS_BY_KEY[key].url(obj))
    for key, pk, rank in rows:
        obj = objects.get((key, pk))
        if obj is None:  # deleted between the queries
            continue
        kind = KINDS_BY_KEY[key]
        if public:
            obj = kind.for_public(obj)
        results.hits.append(
            Hit(
                kind=key,
                kind_label=kind.label,
                object=obj,
                title=kind.title_of(obj, public),
                date=kind.date_of(obj),
                snippet=backend.snippet(kind, obj, public),
                url=url_for(key, obj),
                rank=rank,
            )
        )
    return results


@dataclass(frozen=True)
class Statement:
    """The hits of every kind a user may search, as one compiled UNION ALL of the kinds'
    gated, matching and ranked rows (`sql` empty: every part refused by its gate)."""

    sql: str
    params: tuple
    # The kinds with a part in the statement (a gate that refuses a kind drops it).
    kinds: tuple[str, ...]


def compile_statement(backend, user, available, public: bool) -> Statement:
    """Build every kind's part through its gate (`search.kinds`) and compile the UNION."""
    parts = {}
    for kind in available:
        rows = kind.rows(user)
        if rows is None:
            continue
        part = (
            backend.ranked(kind, backend.matching(kind, rows, public), public)
            .order_by()
            .values_list("search_kind", "search_pk", "search_rank", "search_date")
        )
        if not part.query.is_empty():
            parts[kind.key] = part
    if not parts:
        return Statement("", (), ())
    querysets = list(parts.values())
    union = querysets[0].union(*querysets[1:], all=True) if len(querysets) > 1 else querysets[0]
    try:
        sql, params = union.query.sql_with_params()
    except EmptyResultSet:
        return Statement("", (), tuple(parts))
    return Statement(sql, tuple(params), tuple(parts))


def _hits_and_counts(statement: Statement, selected_keys: list[str], number: int, page_size):
    """One statement: the number of hits per kind, and the page's (kind, pk, rank) of the
    selected kinds ranked across kinds (a title hit above a body hit, then the newest)."""
    if not statement.sql:
        return {}, []
    placeholders = ", ".join(["%s"] * len(selected_keys))
    rest = (
        "SELECT search_kind, CAST(NULL AS BIGINT), CAST(NULL AS REAL), COUNT(*) "
        "FROM search_hits GROUP BY search_kind "
        "UNION ALL SELECT * FROM ("
        "SELECT search_kind, search_pk, search_rank, CAST(NULL AS BIGINT) FROM search_hits "
        "WHERE search_kind IN (" + placeholders + ") "
        "ORDER BY search_rank DESC, search_date DESC, search_kind, search_pk DESC "
        "LIMIT %s OFFSET %s) AS search_page"
    )
    offset = (number - 1) * page_size
    sql = "WITH search_hits AS (" + statement.sql + ") " + rest
    with connection.cursor() as cursor:
        cursor.execute(sql, [*statement.params, *selected_keys, page_size, offset])
        fetched = cursor.fetchall()
    counts = {key: count for key, pk, _rank, count in fetched if pk is None}
    rows = [(key, pk, float(rank)) for key, pk, rank, _count in fetched if pk is not None]
    return counts, rows


def _facets(available, searched: tuple[str, ...], counts, selected_keys) -> list[Facet]:
    """One facet per kind the user may search (count 0 when nothing matched)."""
    return [
        Facet(
            kind=kind.key,
            label=kind.label,
            count=counts.get(kind.key, 0),
            selected=kind.key in selected_keys,
        )
        for kind in available
        if kind.key in searched
    ]


def _selected_kinds(kinds, available) -> list[Kind]:
    if not kinds:
        return list(available)
    keys = {kind.key for kind in available}
    unknown = [key for key in kinds if key not in keys]
    if unknown:
        raise ValidationError(
            _("Unknown kind of result: %(kinds)s."),
            code="unknown_kind",
            params={"kinds": ", ".join(unknown)},
        )
    wanted = set(kinds)
    return [kind for kind in available if kind.key in wanted]


def _snippet_source(kind: Kind, public: bool):
    """The columns a snippet is cut from, as one text with the sentinels removed."""
    fields = kind.snippet_sources(public)
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(" – "))
        parts.append(F(name))
    text = Concat(*parts, output_field=TextField()) if len(parts) > 1 else F(fields[0])
    return Replace(Replace(text, Value(START), Value("")), Value(STOP), Value(""))


def marked_snippet(text: str) -> SafeString:
    """Escape `text` and turn the sentinel pairs into <mark>…</mark>."""
    pieces = []
    marked = False
    for chunk in re.split(f"([{START}{STOP}])", text or ""):
        if chunk == START:
            marked = True
        elif chunk == STOP:
            marked = False
        elif chunk:
            pieces.append(format_html("<mark>{}</mark>", chunk) if marked else escape(chunk))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def _derived_columns(model) -> list[str]:
    """Columns a hit never needs in Python: the vectors and the (long) file text."""
    names = list(model.search_sources)
    if any(f.name == "extracted_text" for f in model._meta.fields):
        names.append("extracted_text")
    return names


class StatementCache:
    """Compiled search statements per audience, kept by each process (least recently
    used first out).

    Building and compiling the kinds' gated querysets costs more than running the
    statement, and it gives the same statement for every search of the same audience:
    the words reach it only as the text of `to_tsquery` (a parameter, see
    `WORDS_STAND_IN`). A statement depends on who searches only through what the gates
    in `search.kinds` read: for the public nothing (the `.published()` querysets), for a
    member their permissions (`user.has_perm` without an object) and the bodies
    `bodies_for_user` gives per permission. An entry is keyed by the first and carries
    the second; it is used only while the bodies read now (the query the gates would
    make anyway) are the ones it was built with, so a right that is granted or withdrawn
    counts from the next search on, as without the cache. A gate that read anything
    else about the user would have to become part of the key.
    """

    def __init__(self, size: int = 256):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, user, build: Callable[[], Statement]) -> Statement:
        """The audience's statement, built by `build()` unless a current one is kept
        (call inside `remembered_bodies()`)."""
        key = self._key(user)
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None:
            statement, grants = entry
            if all(remembered_body_ids(user, perm) == ids for perm, ids in grants):
                with self._lock:
                    if key in self._entries:
                        self._entries.move_to_end(key)
                return statement
        statement = build()
        grants = remembered_grants(user) if user is not None else ()
        with self._lock:
            self._entries[key] = (statement, grants)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return statement

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def _key(user):
        if user is None:
            return ("public",)
        return (
            user.pk,
            user.is_active,
            user.is_superuser,
            frozenset(user.get_all_permissions()),
        )


statements = StatementCache()

# Stands in for the words when a statement is compiled for the cache, and is replaced
# by them in its parameters: `query_words` keeps letters and digits only, so no query's
# text is this private-use character.
WORDS_STAND_IN = "\ue002"


def _tsquery(text: str) -> SearchQuery:
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="raw")


class _Postgres:
    def __init__(self, words: list[str] | None):
        self.text = tsquery_text(words) if words is not None else WORDS_STAND_IN
        self.query = _tsquery(self.text)

    def statement(self, user, available, public: bool) -> Statement:
        """The audience's cached statement with this search's words."""
        with remembered_bodies():  # the member's bodies, read once for all gates
            compiled = statements.get(
                user, lambda: compile_statement(_Postgres(None), user, available, public)
            )
        params = tuple(self.text if value == WORDS_STAND_IN else value for value in compiled.params)
        return replace(compiled, params=params)

    def matching(self, kind: Kind, rows, public: bool):
        return rows.filter(**{kind.vector(public): self.query})

    def ranked(self, kind: Kind, rows, public: bool):
        return rows.annotate(
            search_kind=Value(kind.key, _KIND_FIELD),
            search_pk=F("pk"),
            search_rank=SearchRank(F(kind.vector(public)), self.query),
            search_date=kind.date_expression(),
        )

    def objects(self, kind: Kind, pks, public: bool):
        return (
            kind.model._base_manager.filter(pk__in=pks)
            .select_related(*kind.select_related)
            .defer(*_derived_columns(kind.model))
            .annotate(
                search_snippet=SearchHeadline(
                    _snippet_source(kind, public),
                    self.query,
                    config=SEARCH_CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_WORDS // 2,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
        )

    def snippet(self, kind: Kind, obj, public: bool) -> SafeString:
        return marked_snippet(obj.search_snippet)


class _Fallback:
    """SQLite: every word in one of the vector's source columns (case-insensitive for
    ASCII only, no stemming); a title match ranks above a body match. The words are in
    the statement's text, so it is compiled for every search."""

    def __init__(self, words: list[str]):
        self.words = words

    def statement(self, user, available, public: bool) -> Statement:
        with remembered_bodies():
            return compile_statement(self, user, available, public)

    def matching(self, kind: Kind, rows, public: bool):
        return rows.filter(matches_any(kind.searched_fields(public), self.words))

    def ranked(self, kind: Kind, rows, public: bool):
        fields = kind.model.search_sources[kind.vector(public)]
        title_fields = [name for name, weight in fields if weight == "A"]
        in_title = matches_any(title_fields, self.words) if title_fields else Q(pk__in=[])
        return rows.annotate(
            search_kind=Value(kind.key, _KIND_FIELD),
            search_pk=F("pk"),
            search_rank=Case(
                When(in_title, then=Value(1.0)), default=Value(0.4), output_field=FloatField()
            ),
            search_date=kind.date_expression(),
        )

    def objects(self, kind: Kind, pks, public: bool):
        return kind.model._base_manager.filter(pk__in=pks).select_related(*kind.select_related)

    def snippet(self, kind: Kind, obj, public: bool) -> SafeString:
        sources = kind.snippet_sources(public)
        text = " – ".join(str(getattr(obj, name) or "") for name in sources)
        text = text.replace(START, "").replace(STOP, "")
        return marked_snippet(fallback_headline(text, self.words))


def fallback_headline(text: str, words: list[str]) -> str:
    """About `FALLBACK_SNIPPET_CHARS` characters around the first match, every match
    between the sentinels."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - FALLBACK_SNIPPET_CHARS // 3)
    excerpt = text[start : start + FALLBACK_SNIPPET_CHARS]
    excerpt = ("…" if start else "") + excerpt + ("…" if start + len(excerpt) < len(text) else "")
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", excerpt)
