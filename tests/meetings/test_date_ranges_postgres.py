"""Meeting times from before the year 1 in UTC, stored before dates were limited.

PostgreSQL keeps them as "BC" timestamps that psycopg cannot read; every page loading
the meeting or its history (the dashboard's recent changes) failed. Migration
meetings 0003 moves them to the earliest readable moment. SQLite never stored such
values, so the test runs on PostgreSQL only (CI sets DATABASE_URL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/impuls_dev \
        .venv/bin/python -m pytest --create-db tests/meetings/test_date_ranges_postgres.py
"""

import datetime
import importlib

import pytest
from django.db import connection
from django.urls import reverse

from meetings.models import Meeting

from .. import factories as f

pytestmark = pytest.mark.django_db

repair = importlib.import_module("meetings.migrations.0003_readable_meeting_times")


def test_the_migration_makes_bc_meeting_times_readable(client, world):
    if connection.vendor != "postgresql":
        pytest.skip("BC timestamps exist only on PostgreSQL")
    meeting = f.MeetingFactory(body=world.board, title="Sitzung im Jahr 1")
    with connection.cursor() as cursor:  # what the unvalidated form stored
        for table in repair.TABLES:
            cursor.execute(
                f"UPDATE {table} SET starts_at = '0001-01-01 00:00+01 BC', "
                f"ends_at = '0001-01-01 00:30+01 BC' WHERE id = %s",
                [meeting.pk],
            )
    client.force_login(world.office)
    client.raise_request_exception = False
    assert client.get(reverse("cooperation:dashboard")).status_code == 500

    with connection.schema_editor() as editor:
        repair.make_times_readable(None, editor)

    stored = Meeting.objects.get(pk=meeting.pk)
    earliest = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
    assert (stored.starts_at, stored.ends_at) == (earliest, earliest)
    assert stored.history.first().starts_at == earliest
    for url in (
        reverse("cooperation:dashboard"),
        meeting.get_absolute_url(),
        reverse("meetings:meeting_update", args=[meeting.pk]),
        reverse("meetings:meeting_ics", args=[meeting.pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert world.meeting.starts_at == Meeting.objects.get(pk=world.meeting.pk).starts_at
