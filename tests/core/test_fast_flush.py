"""The flush after a transactional test (tests/fast_flush.py): the rows of the tables
that have any are deleted, and the database ends as Django's TRUNCATE would leave it."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.db import connection

from cooperation.models import Partner
from tests import factories as f
from tests.fast_flush import as_after_a_transactional_test

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the fast flush is PostgreSQL's"
)


def test_after_a_transactional_test_it_deletes_only_from_the_tables_with_rows(db):
    f.PartnerFactory()

    with as_after_a_transactional_test():
        statements = sql_flush(no_style(), connection, reset_sequences=False)

    assert all(statement.startswith("DELETE FROM ") for statement in statements)
    tables = {statement.removeprefix("DELETE FROM ").rstrip(";") for statement in statements}
    quote = connection.ops.quote_name
    assert quote(Partner._meta.db_table) in tables
    assert quote(ContentType._meta.db_table) in tables
    assert quote("meetings_meeting") not in tables  # empty: left alone


def test_otherwise_it_is_djangos_truncate(db):
    statements = sql_flush(no_style(), connection, reset_sequences=False)

    assert statements[0].startswith("TRUNCATE ")


@pytest.mark.django_db(transaction=True)
def test_it_leaves_every_table_empty_and_content_types_and_permissions_recreated():
    f.PartnerFactory()
    permissions = Permission.objects.count()

    with as_after_a_transactional_test():
        call_command("flush", verbosity=0, interactive=False, reset_sequences=False)

    assert not Partner.objects.exists()
    assert not Partner.history.exists()
    assert Permission.objects.count() == permissions > 0
    assert ContentType.objects.get_for_model(Partner, for_concrete_model=True)
