"""`manage.py bench_reports` prints its figures and the targets (timings are not checked)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from demo.management.commands import bench_reports

pytestmark = pytest.mark.django_db

FIGURES = (
    "Zeitraum:",
    "Daten sammeln:",
    "HTML erzeugen:",
    "WeasyPrint allein:",
    "Gesamt:",
    "Seiten:",
    "Spitzenspeicher:",
    "Anteil Daten + HTML:",
    "Abfragen Datenschritt:",
    "Abfragen kurzer Zeitraum:",
)


def bench(*args) -> str:
    out = io.StringIO()
    call_command("bench_reports", "--in-process", *args, stdout=out)
    return out.getvalue()


def period_args():
    today = timezone.localdate()
    return (
        "--period-from",
        (today - datetime.timedelta(days=365)).isoformat(),
        "--period-until",
        (today + datetime.timedelta(days=30)).isoformat(),
    )


def test_it_prints_every_figure_and_a_verdict_per_target(world):
    output = bench(*period_args())

    for label in FIGURES:
        assert label in output, label
    pages = int(next(line for line in output.splitlines() if line.startswith("Seiten:")).split()[1])
    assert pages >= 3  # cover, contents, chapters
    verdicts = [line for line in output.splitlines() if line.startswith(("PASS", "FAIL"))]
    assert len(verdicts) == 3
    assert any("Spitzenspeicher < 1 GiB" in line for line in verdicts)


def test_it_chooses_the_period_itself_when_none_is_given(world):
    output = bench("--pages", "10")

    assert "automatisch: die letzten" in output
    assert "Probeläufe ohne Schreiben" in output
    assert "Seiten:" in output


def test_check_fails_when_a_target_is_missed(world, monkeypatch):
    monkeypatch.setattr(bench_reports, "MEMORY_TARGET_MIB", 0)

    with pytest.raises(CommandError, match="Ziel"):
        bench(*period_args(), "--check")


def test_it_refuses_half_a_period(db):
    with pytest.raises(CommandError, match="zusammen"):
        bench("--period-from", "2026-01-01")


def test_months_before_keeps_the_day_within_the_month():
    assert bench_reports.months_before(datetime.date(2026, 5, 31), 3) == datetime.date(2026, 2, 28)
    assert bench_reports.last_months(datetime.date(2026, 11, 21), 3) == (
        datetime.date(2026, 8, 22),
        datetime.date(2026, 11, 21),
    )
