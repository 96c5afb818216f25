"""Make meeting times from before the year 1 (in UTC) readable again, on PostgreSQL.

Before dates were limited (0002), a meeting could start early on 1 January of the
year 1, Berlin time: in UTC that is 31 December of the year 0, which PostgreSQL stores
as a "BC" timestamp and psycopg cannot read. Every page that loads such a row – the
meeting, the list, the dashboard through its recent changes – failed. Such times are
moved to the earliest readable moment (1 January of the year 1, 00:00 UTC, less than
an hour later), in the meeting and in its history, so the office can see the meeting
and correct it. SQLite never stored such values (the conversion failed on saving).
"""

from django.db import migrations

EARLIEST_READABLE = "0001-01-01 00:00:00+00"
TABLES = ("meetings_meeting", "meetings_historicalmeeting")
COLUMNS = ("starts_at", "ends_at")


def make_times_readable(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in TABLES:
            for column in COLUMNS:
                cursor.execute(
                    f"UPDATE {quote(table)} SET {quote(column)} = %s::timestamptz "
                    f"WHERE {quote(column)} < %s::timestamptz",
                    [EARLIEST_READABLE, EARLIEST_READABLE],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_date_ranges"),
    ]

    operations = [
        migrations.RunPython(make_times_readable, migrations.RunPython.noop, elidable=True),
    ]
