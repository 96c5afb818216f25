"""`manage.py bench_search` prints its figures (timings are not checked)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .. import factories as f

pytestmark = pytest.mark.django_db


def test_it_prints_the_figures_for_each_query(world):
    # Hits for two of the benchmark's words, one of them on two kinds of the page.
    f.AgendaItemFactory(meeting=world.meeting, position=8, title="Kooperation Bahnhof")
    f.AgendaItemFactory(meeting=world.meeting, position=9, title="Kooperation")
    out = io.StringIO()
    call_command("bench_search", "--runs", "2", "--user", world.board_member.username, stdout=out)
    text = out.getvalue()
    assert "Höchster p50:" in text
    assert text.count("öffentlich ") == 6 and text.count("Mitglied ") >= 6
    # The query count does not depend on the number of hits, for the public and a member.
    assert text.count("gleich für alle Anfragen") == 2 and "UNTERSCHIEDLICH" not in text


def test_it_refuses_an_unknown_user(world):
    with pytest.raises(CommandError):
        call_command("bench_search", "--runs", "1", "--user", "niemand", stdout=io.StringIO())
