"""`manage.py bench_oparl` crawls every list of the API and prints its figures (timings
are not checked)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from meetings.models import Meeting

from ..public import helpers as h

pytestmark = pytest.mark.django_db


def test_it_crawls_every_list_page_by_page_and_prints_the_figures(world):
    for n in range(2):
        h.meeting(world.board, title=f"Weitere Sitzung {n}")
    out = io.StringIO()
    call_command("bench_oparl", "--limit", "1", "--tracemalloc", stdout=out)
    text = out.getvalue()
    [line] = [line for line in text.splitlines() if line.startswith("  meeting ")]
    words = line.split()
    meetings = Meeting.objects.published().count()
    assert meetings == 3
    # One meeting a page: every page was reached through the `next` links.
    assert int(words[1]) == meetings
    assert int(words[words.index("Seiten,") - 1]) == meetings
    for name in ("organization", "person", "membership", "paper", "agendaItem", "file"):
        assert f"  {name} " in text
    for figure in (
        "Gesamtzeit:",
        "Objekte/s:",
        "Spitze des Speichers (RSS):",
        "Python-Allokationen",
    ):
        assert figure in text


def test_it_refuses_a_limit_beyond_a_page(world):
    with pytest.raises(CommandError):
        call_command("bench_oparl", "--limit", "500", stdout=io.StringIO())
