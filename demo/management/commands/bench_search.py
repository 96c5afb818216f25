"""Benchmark the full-text search on the current database (meant for the scale data).

For one-word and three-word queries, each as the public (`user=None`) and as a board
member, it runs `search.selectors.search` N times (after one warm-up run) and prints
p50 and p95 of the wall time, the number of SQL queries of a run and the number of
hits, and checks the target of issue 11: p50 ≤ 100 ms and the same number of queries
whatever the number of hits, for the public and for the member apart (for a member one
query for their bodies, then for both one statement for the ranked page and the facets
and one per kind of hit on the page; a search without hits needs no more).
"""

from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from cooperation.models import BodyKind, Membership
from search.selectors import search

TARGET_P50_MS = 100
ONE_WORD = ("Krankenhäuser", "Bahnhof", "Kooperation")
THREE_WORDS = ("Versorgung im ländlichen", "Ärztliche Versorgung Harz", "Schulen Bildung Region")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Time the full-text search (one and three words, public and as a board member)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20, help="Runs per query (default 20).")
        parser.add_argument(
            "--user", default="", help="User name of the member (default: a board chair)."
        )

    def _member(self, username: str):
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Kein Konto „{username}“.")
            return user
        membership = (
            Membership.objects.current()
            .filter(body__kind=BodyKind.BOARD, user__is_active=True)
            .select_related("user")
            .order_by("role", "pk")
            .first()
        )
        if membership is None:
            raise CommandError(
                "Kein Mitglied des Kooperationsgremiums: erst seed_demo laufen lassen."
            )
        return membership.user

    def handle(self, *args, runs, user, **options):
        if runs < 1:
            raise CommandError("--runs muss mindestens 1 sein.")
        member = self._member(user)
        self.stdout.write(f"Suche über die aktuelle Datenbank, {runs} Läufe je Anfrage")
        self.stdout.write(f"Mitglied: {member.username}")
        rows = []
        p50s = []
        query_counts: dict[str, set[int]] = {}
        for label, queries in (("1 Wort", ONE_WORD), ("3 Wörter", THREE_WORDS)):
            for who, as_user in (("öffentlich", None), ("Mitglied", member)):
                for text in queries:
                    search(text, user=as_user)  # warm-up
                    times = []
                    with CaptureQueriesContext(connection) as captured:
                        results = search(text, user=as_user)
                    for _ in range(runs):
                        started = time.perf_counter()
                        search(text, user=as_user)
                        times.append((time.perf_counter() - started) * 1000)
                    p50, p95 = statistics.median(times), _percentile(times, 0.95)
                    p50s.append(p50)
                    if results.total:
                        kinds_on_page = len({hit.kind for hit in results.hits})
                        query_counts.setdefault(who, set()).add(
                            len(captured.captured_queries) - kinds_on_page
                        )
                    rows.append((label, who, text, results.total, len(captured), p50, p95))
        self.stdout.write("")
        self.stdout.write(
            f"{'Anfrage':<9} {'als':<10} {'Text':<26} {'Treffer':>7} {'Abfr.':>5} "
            f"{'p50 ms':>7} {'p95 ms':>7}"
        )
        for label, who, text, total, queries, p50, p95 in rows:
            self.stdout.write(
                f"{label:<9} {who:<10} {text:<26} {total:>7} {queries:>5} {p50:>7.1f} {p95:>7.1f}"
            )
        worst = max(p50s)
        self.stdout.write("")
        self.stdout.write(
            f"Höchster p50: {worst:.1f} ms (Ziel ≤ {TARGET_P50_MS} ms): "
            f"{'erreicht' if worst <= TARGET_P50_MS else 'verfehlt'}"
        )
        # A member's search reads their bodies first: one query more than the public's.
        for who in ("öffentlich", "Mitglied"):
            counts = query_counts.get(who)
            if not counts:
                self.stdout.write(f"Abfragen je Suche mit Treffern ({who}): keine Treffer")
                continue
            self.stdout.write(
                f"Abfragen je Suche mit Treffern ({who}), ohne die eine je Trefferart der "
                f"Seite: {', '.join(str(n) for n in sorted(counts))} "
                f"({'gleich' if len(counts) == 1 else 'UNTERSCHIEDLICH'} für alle Anfragen)"
            )
