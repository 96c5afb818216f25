"""Decision numbers are unique and gapless per body and year, also when several people
record at the same moment (PostgreSQL: the counter row is locked with SELECT … FOR UPDATE).

The threaded test needs a real database server; SQLite serialises all writers and
is skipped. CI runs it on PostgreSQL (DATABASE_URL is set there). Locally:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/impuls_dev \
        .venv/bin/python -m pytest --create-db tests/meetings/test_decision_numbers_postgres.py
"""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from cooperation.models import Role
from meetings import services
from meetings.models import AgendaItem, AttendanceStatus, Decision, DecisionCounter, MeetingStatus
from tests import factories as f

THREADS = 8


def _board_with_quorum(short_code="KG", starts_at=None):
    """A board (one voting member, present), an invited meeting and an agenda item."""
    office = f.UserFactory()
    member = f.UserFactory()
    board = f.BodyFactory(short_code=short_code)
    f.membership(office, board, Role.OFFICE)
    seat = f.membership(member, board, Role.MEMBER)
    extra = {"starts_at": starts_at} if starts_at else {}
    meeting = f.MeetingFactory(body=board, status=MeetingStatus.INVITED, **extra)
    services.attendance_record(
        meeting=meeting, entries=[(seat, AttendanceStatus.PRESENT, None)], actor=office
    )
    item = f.AgendaItemFactory(meeting=meeting)
    return board, meeting, item, office


def _record(item, office, title="Beschluss"):
    return services.decision_record(votes_yes=1, item=item, title=title, text="Text", actor=office)


def _numbers(body):
    return sorted(Decision.objects.filter(body=body).values_list("number", flat=True))


class Rollback(Exception):
    pass


# --- Runs everywhere ------------------------------------------------------------------


@pytest.mark.django_db
def test_it_numbers_decisions_per_body_and_year_without_gaps():
    board, meeting, item, office = _board_with_quorum("KG")
    year = timezone.localtime(meeting.starts_at).year
    numbers = [_record(item, office).number for _ in range(3)]
    assert numbers == [f"KG-{year}/001", f"KG-{year}/002", f"KG-{year}/003"]

    # Another body counts on its own.
    _other, _meeting, other_item, other_office = _board_with_quorum("AGV")
    assert _record(other_item, other_office).number == f"AGV-{year}/001"

    # A meeting in the next year starts again at 001.
    next_year = meeting.starts_at.replace(year=meeting.starts_at.year + 1)
    later = f.MeetingFactory(
        body=board,
        status=MeetingStatus.INVITED,
        starts_at=next_year,
        ends_at=next_year + datetime.timedelta(hours=2),
    )
    seat = board.memberships.get(role=Role.MEMBER)
    services.attendance_record(
        meeting=later, entries=[(seat, AttendanceStatus.PRESENT, None)], actor=office
    )
    later_item = f.AgendaItemFactory(meeting=later)
    assert _record(later_item, office).number == f"KG-{year + 1}/001"
    assert _record(item, office).number == f"KG-{year}/004"


@pytest.mark.django_db
def test_it_leaves_no_gap_when_a_recording_fails():
    board, meeting, item, office = _board_with_quorum("KG")
    year = timezone.localtime(meeting.starts_at).year
    _record(item, office)
    with pytest.raises(Rollback), transaction.atomic():
        taken = _record(item, office, title="Wird verworfen")
        assert taken.number == f"KG-{year}/002"
        raise Rollback
    assert _record(item, office).number == f"KG-{year}/002"
    assert _numbers(board) == [f"KG-{year}/001", f"KG-{year}/002"]
    assert DecisionCounter.objects.get(body=board, year=year).last_number == 2


# --- PostgreSQL: parallel transactions ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_it_keeps_numbers_unique_and_gapless_when_recorded_in_parallel():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL (row locks between parallel transactions); "
            "set DATABASE_URL to a PostgreSQL database to run it."
        )
    board, meeting, item, office = _board_with_quorum("KG")
    year = timezone.localtime(meeting.starts_at).year
    item_pk, office_pk = item.pk, office.pk

    start = threading.Barrier(THREADS)
    failing_took_number = threading.Event()
    results, failed_numbers, errors = [], [], []

    def load():
        from accounts.models import User

        return (
            AgendaItem.objects.select_related("meeting__body").get(pk=item_pk),
            User.objects.get(pk=office_pk),
        )

    def failing():
        # Takes the first number, holds the counter's lock while the others queue up
        # behind it, then fails: its number must go to one of them.
        from django.db import connection

        try:
            own_item, own_office = load()
            with transaction.atomic():
                decision = _record(own_item, own_office, title="Scheitert")
                failed_numbers.append(decision.number)
                failing_took_number.set()
                start.wait(timeout=30)  # everyone else is about to record
                threading.Event().wait(0.5)  # …and is now waiting for the lock
                raise Rollback
        except Rollback:
            pass
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
            failing_took_number.set()
        finally:
            connection.close()

    def recording(index):
        from django.db import connection

        try:
            own_item, own_office = load()
            failing_took_number.wait(timeout=30)
            if index:
                start.wait(timeout=30)
            results.append(_record(own_item, own_office, title=f"Beschluss {index}").number)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    # THREADS - 1 recorders meet the failing thread at the barrier; recorder 0 starts
    # as soon as the number is taken, without waiting, so that it certainly queues.
    threads = [threading.Thread(target=failing)] + [
        threading.Thread(target=recording, args=(i,)) for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    expected = [f"KG-{year}/{n:03d}" for n in range(1, THREADS + 1)]
    assert failed_numbers == [f"KG-{year}/001"]
    assert sorted(results) == expected  # the failed 001 was given again, no duplicates
    assert _numbers(board) == expected
    assert DecisionCounter.objects.get(body=board, year=year).last_number == THREADS
