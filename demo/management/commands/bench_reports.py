"""Benchmark the council report: data, HTML and WeasyPrint, over a period of ~100 pages.

Meant for the scale data (`manage.py seed_scale --years 10`). It prints the time to
collect the data, to render the HTML and for WeasyPrint alone (layout + writing the
PDF), the total, the page count, the peak memory of the rendering process and the
query count of the data step, for the period and for much shorter and longer ones,
and checks the targets of issue 5:

* collecting the data and rendering the HTML take at most 10 % of the total;
* the rendering process peaks below 1 GiB (`ru_maxrss`);
* the data step runs the same number of queries whatever the number of decisions.

The period: `--period-from`/`--period-until`, or chosen automatically as the last N
whole months up to yesterday, N fitted to `--pages` (default 100): two layout-only
trial runs over the last 3 and 12 months give pages per month and the fixed part
(cover, contents, matrix); the period is clamped to the months that have data.

The measured report is rendered in a fresh process (this command again with
`--measure-only`), so its peak memory is that of one report, as in the worker;
`--in-process` renders here instead (tests; the peak then covers this process's life).
"""

from __future__ import annotations

import calendar
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Max, Min
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.pdf import html_to_pdf
from documents.council_report import ReportParams, collect, render_html
from meetings.models import Meeting

SHARE_TARGET = 0.10
MEMORY_TARGET_MIB = 1024
TRIAL_MONTHS = (3, 12)
AUTHOR = "IMPULS bench_reports"


class _LaidOut(Exception):
    """Stops `html_to_pdf` after the layout: only the page count is wanted."""

    def __init__(self, pages: int):
        super().__init__(pages)
        self.pages = pages


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Kein Datum (JJJJ-MM-TT): {value}") from None


def months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_months(until: datetime.date, months: int) -> tuple[datetime.date, datetime.date]:
    """The `months` whole months ending on `until`."""
    return months_before(until, months) + datetime.timedelta(days=1), until


def measure(params: ReportParams) -> dict:
    """Collect, render and print one report; times in seconds, memory in MiB."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        data = collect(params)
    collected = time.perf_counter()
    html = render_html(data, created=timezone.now(), author=AUTHOR)
    rendered = time.perf_counter()
    pdf = html_to_pdf(html)
    finished = time.perf_counter()
    return {
        "collect": collected - started,
        "html": rendered - collected,
        "layout": pdf.layout_seconds,
        "write": pdf.write_seconds,
        "total": finished - started,
        "pages": pdf.page_count,
        "bytes": len(pdf.content),
        "queries": len(queries),
        "decisions": data.decision_count,
        "findings": data.finding_count,
        "meetings": len(data.meetings),
        # Linux reports KiB.
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def layout_pages(params: ReportParams) -> int:
    """The page count of a report, laid out but not written."""

    def stop(pages):
        raise _LaidOut(pages)

    html = render_html(collect(params), created=timezone.now(), author=AUTHOR)
    try:
        pdf = html_to_pdf(html, on_layout_done=stop)
    except _LaidOut as done:
        return done.pages
    return pdf.page_count


def data_step(params: ReportParams) -> tuple[int, int, float]:
    """The queries of the data step, the number of decisions it found and its time."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        data = collect(params)
    return len(queries), data.decision_count, time.perf_counter() - started


class Command(BaseCommand):
    help = (
        "Benchmark the council report over the scale data: time to collect the data, to "
        "render the HTML and for WeasyPrint, total, pages, peak memory and the query count "
        "of the data step; checks the targets of issue 5."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period-from", type=_date, help="First day (YYYY-MM-DD).")
        parser.add_argument("--period-until", type=_date, help="Last day (YYYY-MM-DD).")
        parser.add_argument(
            "--pages",
            type=int,
            default=100,
            help="Page count the automatic period aims at (default 100).",
        )
        parser.add_argument(
            "--edition", choices=("internal", "public"), default="internal", help="Edition."
        )
        parser.add_argument(
            "--check", action="store_true", help="Exit with status 1 when a target is missed."
        )
        parser.add_argument(
            "--in-process",
            action="store_true",
            help="Render in this process instead of a fresh one (peak memory less exact).",
        )
        parser.add_argument("--measure-only", action="store_true", help="Internal: child mode.")

    def handle(self, *args, **options):
        period_from, period_until = options["period_from"], options["period_until"]
        if (period_from is None) != (period_until is None):
            raise CommandError("Bitte --period-from und --period-until zusammen angeben.")
        edition = options["edition"]
        if options["measure_only"]:
            params = ReportParams(period_from, period_until, None, edition)
            self.stdout.write(json.dumps(measure(params)))
            return

        write = self.stdout.write
        if period_from is None:
            period_from, period_until, note = self.choose_period(edition, options["pages"])
        else:
            if period_until < period_from:
                raise CommandError("Der Zeitraum endet vor seinem Beginn.")
            note = "angegeben"
        params = ReportParams(period_from, period_until, None, edition)
        write(f"Zeitraum: {period_from:%d.%m.%Y} – {period_until:%d.%m.%Y} ({note})")
        write(f"Datenbank: {connection.vendor}")

        if options["in_process"]:
            result = measure(params)
            process = "dieser Prozess"
        else:
            result = self.measure_in_child(params)
            process = "eigener Prozess"

        quarter = last_months(period_until, 3)
        quarter_params = ReportParams(max(quarter[0], period_from), quarter[1], None, edition)
        quarter_queries, quarter_decisions, _seconds = data_step(quarter_params)
        everything = self.data_range()
        all_queries, all_decisions, all_seconds = (
            data_step(ReportParams(everything[0], everything[1], None, edition))
            if everything
            else (result["queries"], result["decisions"], result["collect"])
        )

        weasy = result["layout"] + result["write"]
        share = (result["collect"] + result["html"]) / result["total"] if result["total"] else 0
        write(
            f"Inhalt: {result['meetings']} Gremiumssitzungen, {result['decisions']} Beschlüsse, "
            f"{result['findings']} Befunde"
        )
        write(f"Daten sammeln:          {result['collect']:8.2f} s")
        write(f"HTML erzeugen:          {result['html']:8.2f} s")
        write(
            f"WeasyPrint allein:      {weasy:8.2f} s "
            f"(Layout {result['layout']:.2f} s, Schreiben {result['write']:.2f} s)"
        )
        setup = result["total"] - result["collect"] - result["html"] - weasy
        write(f"WeasyPrint-Vorbereitung:{setup:8.2f} s (CSS und Schriften laden)")
        write(f"Gesamt:                 {result['total']:8.2f} s")
        write(f"Seiten:                 {result['pages']:8d}")
        write(f"PDF-Größe:              {result['bytes'] / 1024:8.0f} KiB")
        write(f"Spitzenspeicher:        {result['peak_mib']:8.0f} MiB (ru_maxrss, {process})")
        write(f"Anteil Daten + HTML:    {share * 100:8.1f} %")
        write(
            f"Abfragen Datenschritt:  {result['queries']:8d} "
            f"(Zeitraum, {result['decisions']} Beschlüsse)"
        )
        write(
            f"Abfragen kurzer Zeitraum: {quarter_queries:6d} "
            f"({quarter_params.period_from:%d.%m.%Y} – {quarter_params.period_until:%d.%m.%Y}, "
            f"{quarter_decisions} Beschlüsse)"
        )
        if everything:
            write(
                f"Abfragen ganzer Bestand: {all_queries:7d} "
                f"({everything[0]:%d.%m.%Y} – {everything[1]:%d.%m.%Y}, "
                f"{all_decisions} Beschlüsse, Datenschritt {all_seconds:.2f} s)"
            )

        targets = [
            (
                share <= SHARE_TARGET,
                f"Daten + HTML ≤ {SHARE_TARGET * 100:.0f} % der Gesamtzeit ({share * 100:.1f} %)",
            ),
            (
                result["peak_mib"] < MEMORY_TARGET_MIB,
                f"Spitzenspeicher < 1 GiB ({result['peak_mib']:.0f} MiB)",
            ),
            (
                result["queries"] == quarter_queries == all_queries,
                "Abfragen des Datenschritts unabhängig von der Zahl der Beschlüsse "
                f"({quarter_queries} / {result['queries']} / {all_queries})",
            ),
        ]
        write("")
        write("Ziele:")
        for passed, label in targets:
            write(f"{'PASS' if passed else 'FAIL'}  {label}")
        failed = [label for passed, label in targets if not passed]
        if failed and options["check"]:
            raise CommandError(f"{len(failed)} Ziel(e) verfehlt.", returncode=1)

    # --- Helpers ---------------------------------------------------------------------

    def data_range(self) -> tuple[datetime.date, datetime.date] | None:
        """From the first meeting to yesterday or the last meeting, whichever is later."""
        span = Meeting.objects.aggregate(first=Min("starts_at"), last=Max("starts_at"))
        if span["first"] is None:
            return None
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        return (
            timezone.localtime(span["first"]).date(),
            max(yesterday, timezone.localtime(span["last"]).date()),
        )

    def choose_period(self, edition: str, pages: int):
        until = timezone.localdate() - datetime.timedelta(days=1)
        first = self.data_range()
        available = 12
        if first is not None:
            available = max(1, (until.year - first[0].year) * 12 + until.month - first[0].month + 1)
        trials = {}
        for months in TRIAL_MONTHS:
            months = min(months, available)
            if months in trials:
                continue
            start, end = last_months(until, months)
            trials[months] = layout_pages(ReportParams(start, end, None, edition))
        (m1, p1), *rest = sorted(trials.items())
        if rest:
            m2, p2 = rest[-1]
            per_month = (p2 - p1) / (m2 - m1)
        else:
            m2, p2, per_month = m1, p1, 0
        if per_month <= 0:
            months = available
        else:
            fixed = p1 - per_month * m1
            months = round((pages - fixed) / per_month)
        months = min(max(months, 1), available)
        start, end = last_months(until, months)
        tried = ", ".join(f"{m} Monate → {p} Seiten" for m, p in sorted(trials.items()))
        note = (
            f"automatisch: die letzten {months} Monate, Ziel {pages} Seiten; "
            f"Probeläufe ohne Schreiben: {tried}"
        )
        return start, end, note

    def measure_in_child(self, params: ReportParams) -> dict:
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench_reports",
            "--measure-only",
            "--period-from",
            params.period_from.isoformat(),
            "--period-until",
            params.period_until.isoformat(),
            "--edition",
            params.edition,
        ]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, cwd=settings.BASE_DIR, check=False
        )
        if done.returncode != 0:
            raise CommandError(f"Der Messprozess ist gescheitert:\n{done.stderr}")
        return json.loads(done.stdout.strip().splitlines()[-1])
