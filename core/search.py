"""Full-text search vectors: one mechanism for every searchable model.

A searchable model inherits `Searchable` (or `SearchableFile` for uploads, which adds
the text extracted from the file) and declares its sources::

    search_sources = {"search_vector": (("title", "A"), ("description", "B"))}

one entry per stored vector (a concept chapter has two: the members' text and the
published one), each a list of its own columns with a weight (A: title, B: body text,
C: text extracted from a file). The vector is a stored `tsvector` column with a GIN
index (`search_index`), kept current on PostgreSQL by a row trigger that this module
writes from the declaration (`install_triggers`, run after every `migrate`): every
INSERT and every UPDATE of a source column recomputes it, whether it comes from
`save()`, `QuerySet.update()`, `bulk_create()` or raw SQL, without an extra query and
without a history row (the vector and the extracted text are not copied to the
historical tables: `HistoricalRecords` below). `refresh_vectors` recomputes a whole
table in one UPDATE with the same formula (`manage.py search_reindex`).

SQLite has no `tsvector`: the columns stay empty there, the index is a plain one and
the search reads the source columns with `icontains` (see `search.selectors`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, connections, models, transaction
from django.db.models import Index, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords as BaseHistoricalRecords

logger = logging.getLogger(__name__)

# The text search configuration: German stemming ("Krankenhäuser" → "krankenhaus").
SEARCH_CONFIG = "german"
# Text extracted from an uploaded file is cut after this many characters.
EXTRACTED_TEXT_LIMIT = 200_000
WEIGHTS = ("A", "B", "C", "D")


def is_postgresql(using=None) -> bool:
    return connections[using or "default"].vendor == "postgresql"


class HistoricalRecords(BaseHistoricalRecords):
    """simple-history's records without the search vectors: a vector is derived from
    the row, so it is neither copied to the historical table nor shown in the history
    (and the trigger's or `refresh_vectors`' update of it writes no history row, as
    neither goes through `save()`). Unlike `excluded_fields`, this costs no extra query
    when a record is turned back into an instance (the vector is recomputed on save)."""

    def fields_included(self, model):
        return [
            field
            for field in super().fields_included(model)
            if not isinstance(field, SearchVectorField)
        ]


class SearchIndex(GinIndex):
    """A GIN index on a vector column on PostgreSQL; on SQLite (where the column stays
    empty and `USING gin` does not exist) a plain index, so migrations run on both."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Index.create_sql(self, model, schema_editor, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


def search_index(name: str, field: str = "search_vector") -> SearchIndex:
    """The index of one vector column (`name`: unique in the database, ≤ 30 characters)."""
    return SearchIndex(fields=[field], name=name)


class Searchable(models.Model):
    """Abstract base of a model the full-text search finds (see the module docstring)."""

    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    # {vector column: ((source column, weight), ...)}; set by every subclass.
    search_sources: dict[str, tuple[tuple[str, str], ...]] = {}

    class Meta:
        abstract = True

    @classmethod
    def search_source_fields(cls, vector: str = "search_vector") -> list[str]:
        return [name for name, _weight in cls.search_sources[vector]]


class SearchableFile(Searchable):
    """An upload the search finds by its title and the text inside the file.

    `extracted_text` is filled by the worker after the file is stored
    (`core.tasks.extract_file_text`, enqueued by `core.uploads.store_upload` on commit).
    """

    extracted_text = models.TextField(_("text of the file"), blank=True, editable=False)

    search_sources = {"search_vector": (("title", "A"), ("extracted_text", "C"))}

    class Meta:
        abstract = True


def searchable_models() -> list[type[Searchable]]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, Searchable)]


def vector_expression(model: type[Searchable], vector: str = "search_vector"):
    """The vector as a Django expression (the same formula as the trigger)."""
    parts = [
        SearchVector(name, weight=weight, config=SEARCH_CONFIG)
        for name, weight in model.search_sources[vector]
    ]
    expression = parts[0]
    for part in parts[1:]:
        expression = expression + part
    return expression


def refresh_vectors(model: type[Searchable], queryset=None) -> int:
    """Recompute the vectors of `queryset` (default: the whole table) in one UPDATE.
    PostgreSQL only; returns the number of rows (0 on other databases)."""
    if not is_postgresql():
        return 0
    queryset = queryset if queryset is not None else model._base_manager.all()
    return queryset.update(
        **{vector: vector_expression(model, vector) for vector in model.search_sources}
    )


# --- The trigger --------------------------------------------------------------------


def _trigger_sql(model: type[Searchable]) -> list[str]:
    qn = connection.ops.quote_name
    table = model._meta.db_table
    function = qn(f"{table}_search_fn")
    assignments = []
    sources: list[str] = []
    for vector, fields in model.search_sources.items():
        column = model._meta.get_field(vector).column
        terms = []
        for name, weight in fields:
            if weight not in WEIGHTS:
                raise ValueError(f"{model.__name__}: weight {weight!r} of {name}")
            source = model._meta.get_field(name).column
            sources.append(source)
            terms.append(
                f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, "
                f"COALESCE(NEW.{qn(source)}::text, '')), '{weight}')"
            )
        assignments.append(f"NEW.{qn(column)} := {' || '.join(terms)};")
    columns = ", ".join(qn(c) for c in dict.fromkeys(sources))
    trigger = qn(f"{table}_search_trg")
    return [
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {' '.join(assignments)} RETURN NEW; END $$",
        f"DROP TRIGGER IF EXISTS {trigger} ON {qn(table)}",
        f"CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE OF {columns} ON {qn(table)} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def install_triggers(models_: Iterable[type[Searchable]] | None = None, using=None) -> int:
    """Create (or replace) the trigger of every searchable model; PostgreSQL only.
    Idempotent; run after every migrate (`CoreConfig.ready`) and by search_reindex."""
    conn = connections[using or "default"]
    if conn.vendor != "postgresql":
        return 0
    existing = set(conn.introspection.table_names())
    count = 0
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        for model in models_ if models_ is not None else searchable_models():
            if model._meta.db_table not in existing:
                continue
            for statement in _trigger_sql(model):
                cursor.execute(statement)
            count += 1
    return count


def install_triggers_after_migrate(sender, using=None, **kwargs):
    """post_migrate receiver (connected for core's config only: the signal comes once per
    app, after all migrations ran, so every table exists by then)."""
    install_triggers(using=using)


def matches_any(fields: Iterable[str], words: Iterable[str]) -> Q:
    """SQLite fallback: every word in at least one of the fields (icontains)."""
    condition = Q()
    for word in words:
        per_word = Q()
        for name in fields:
            per_word |= Q(**{f"{name}__icontains": word})
        condition &= per_word
    return condition
