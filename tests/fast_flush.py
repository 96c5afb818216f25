"""A transactional test (live server, threads, other processes) empties the database
afterwards: Django's `flush` after each TransactionTestCase. On PostgreSQL, flush is one
TRUNCATE of every table, which replaces the files of all of them (well over a hundred,
with their indexes) and took 2–4 s per test however few rows the test wrote.

Here, in the tests only, the flush after such a test deletes the rows of the tables that
have any instead (one query finds them): the same empty tables afterwards, the same
post_migrate signal (content types, permissions, triggers) as before, and no sequence
is reset by either. The foreign keys Django creates on PostgreSQL are checked at commit
(DEFERRABLE INITIALLY DEFERRED), so the order of the deletes does not matter, and no
table has a DELETE trigger. A flush asked for otherwise (`manage.py flush`, the tests
of backup and restore, `reset_sequences`, `available_apps`) is Django's own.
"""

import contextlib

from django.db.backends.postgresql.operations import DatabaseOperations
from django.test import TransactionTestCase

_tearing_down = False


def _tables_with_rows(connection, tables) -> list[str]:
    if not tables:
        return []
    qn = connection.ops.quote_name
    probes = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {qn(table)})" for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(probes, list(tables))
        return [row[0] for row in cursor.fetchall()]


_django_sql_flush = DatabaseOperations.sql_flush
_django_fixture_teardown = TransactionTestCase._fixture_teardown


def _sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if not _tearing_down or reset_sequences or allow_cascade:
        return _django_sql_flush(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    return [
        f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')} "
        f"{style.SQL_FIELD(self.quote_name(table))};"
        for table in _tables_with_rows(self.connection, tables)
    ]


def _fixture_teardown(self):
    global _tearing_down
    _tearing_down = True
    try:
        _django_fixture_teardown(self)
    finally:
        _tearing_down = False


def install() -> None:
    DatabaseOperations.sql_flush = _sql_flush
    TransactionTestCase._fixture_teardown = _fixture_teardown


@contextlib.contextmanager
def as_after_a_transactional_test():
    """The flush as after a transactional test (tests/core/test_fast_flush.py)."""
    global _tearing_down
    _tearing_down = True
    try:
        yield
    finally:
        _tearing_down = False
