"""Benchmark the portal's main pages against the floor page, per persona.

Meant for the demo with ten years of scale data (`seed_demo`, then `seed_scale --years
10`) on PostgreSQL with DEBUG off. For every main list and detail page and each main
persona (a board member, the office, a working-group member) it requests the page
`--requests` times through Django's full stack in this process (middleware, sessions,
second factor, templates; no network) and prints the query count, p50 and p95 of the
server time and the ratio of p50 to the floor page's p50 (`/status/`: a logged-in
member's cheapest page; each request of a page is paired with one of the floor page
right before it, and the ratio divides by the p50 of those, so that a change of the
machine's load during the run moves both). Detail pages are measured on their
heaviest object (the meeting with the most agenda items, the working group with the
most findings, ...). Then the worst five; with `--check` the command fails when a page
exceeds `--target` (4×) at p50.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.second_factor import VERIFIED_AT_SESSION_KEY
from cooperation.models import Body, Partner
from documents.models import Document
from functions.models import Facility, FunctionArea
from meetings.models import Decision, Meeting
from overview.models import ConceptChapter
from participation.models import ParticipationProcedure
from priorities.models import PriorityRound
from workinggroups.models import Finding, WorkingGroup

PERSONAS = {
    "Vorstand": "ob.halberstadt",
    "Geschäftsstelle": "geschaeftsstelle",
    "AG-Mitglied": "ag.bildung.mitglied",
}
TARGET = 4.0


def _heaviest(queryset, relation):
    row = queryset.annotate(n=Count(relation)).order_by("-n", "pk").values_list("pk", flat=True)
    return row.first()


def main_pages() -> list[tuple[str, str]]:
    """(label, URL) of every main list and detail page, detail pages on their heaviest
    object that every persona may see (an agreed finding, a decision on a public item);
    a page whose object does not exist is left out."""
    pages = [
        ("Übersicht (Start)", reverse("overview:dashboard")),
        ("Kooperation", reverse("overview:overview")),
        ("Partner", reverse("cooperation:partner_list")),
        ("Vertrag", reverse("cooperation:contract")),
        ("Gremien", reverse("cooperation:body_list")),
        ("Funktionen", reverse("functions:catalogue")),
        ("Funktionsmatrix", reverse("workinggroups:matrix")),
        ("Einrichtungen", reverse("functions:facility_list")),
        ("Sitzungen", reverse("meetings:meeting_list")),
        ("Beschlüsse", reverse("meetings:decision_list")),
        ("Räte", reverse("councils:council_list")),
        ("Befunde", reverse("workinggroups:finding_list")),
        ("Berichte", reverse("documents:report_list")),
        ("Prioritäten", reverse("priorities:round_list")),
        ("Beteiligung", reverse("participation:procedure_list")),
        # The search (issue 11: p50 within 4× the floor), one word and three words.
        ("Suche (1 Wort)", reverse("search:results") + "?q=Krankenhäuser"),
        ("Suche (3 Wörter)", reverse("search:results") + "?q=Versorgung+im+ländlichen"),
        ("Öffentl. Suche (1 Wort)", reverse("public:search") + "?q=Krankenhäuser"),
        ("Öffentl. Suche (3 W.)", reverse("public:search") + "?q=Versorgung+im+ländlichen"),
        ("Öffentlich: Start", reverse("public:home")),
        ("Öffentlich: Sitzungen", reverse("public:meeting_list")),
        ("Öffentlich: Beschlüsse", reverse("public:decision_list")),
        ("Öffentl.: Funktionsmatrix", reverse("public:matrix")),
    ]
    details = [
        (
            "Partner (Detail)",
            "cooperation:partner_detail",
            _heaviest(Partner.objects, "facilities"),
        ),
        ("Gremium (Detail)", "cooperation:body_detail", _heaviest(Body.objects, "memberships")),
        ("Einrichtung", "functions:facility_detail", _heaviest(Facility.objects, "findings")),
        ("Sitzung", "meetings:meeting_detail", _heaviest(Meeting.objects, "agenda_items")),
        ("Beschluss", "meetings:decision_detail", _heaviest(Decision.objects.public(), "progress")),
        (
            "Arbeitsgruppe",
            "workinggroups:group_detail",
            _heaviest(WorkingGroup.objects, "findings"),
        ),
        (
            "Befund",
            "workinggroups:finding_detail",
            _heaviest(Finding.objects.published(), "comments"),
        ),
        (
            "Konzeptkapitel",
            "overview:chapter_detail",
            _heaviest(ConceptChapter.objects, "findings"),
        ),
        (
            "Win-win (Bereich)",
            "winwin:area",
            _heaviest(FunctionArea.objects, "functions__profile_entries"),
        ),
        (
            "Prioritätenrunde",
            "priorities:round_detail",
            _heaviest(PriorityRound.objects, "ballots"),
        ),
        (
            "Beteiligungsverfahren",
            "participation:procedure_detail",
            _heaviest(ParticipationProcedure.objects.opened(), "statements"),
        ),
        (
            "Stellungnahmen",
            "participation:statement_list",
            _heaviest(ParticipationProcedure.objects.opened(), "statements"),
        ),
        (
            "Bericht (Dokument)",
            "documents:document_detail",
            Document.objects.council_reports().order_by("-pk").values_list("pk", flat=True).first(),
        ),
    ]
    pages += [(label, reverse(name, args=[pk])) for label, name, pk in details if pk is not None]
    return pages


@dataclass
class Measurement:
    label: str
    persona: str
    status: int
    queries: int
    p50: float
    p95: float
    ratio: float = 0.0


def verified_client(user: User) -> Client:
    """A client logged in as `user` past the second factor, as after a real login."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise CommandError(f"{user.username} hat keinen zweiten Faktor (seed_demo ausführen).")
    client = Client(HTTP_HOST=_host())
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT_SESSION_KEY] = time.time()
    session.save()
    return client


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")]
    return hosts[0] if hosts else "localhost"


def over_tls() -> bool:
    """Whether requests must come as over TLS: production settings (DEBUG off) redirect
    plain HTTP to HTTPS."""
    return not settings.DEBUG and getattr(settings, "SECURE_SSL_REDIRECT", False)


def measure(
    client: Client, url: str, *, requests: int, warmup: int, floor_url: str | None = None
) -> tuple[int, int, list, list]:
    """Status, query count and `requests` timings of `url`; with `floor_url`, each
    request is paired with one of the floor page right before it (its timings are
    returned second), so that the ratio compares two pages measured under the same
    load, not a page now with a floor measured minutes ago."""
    secure = over_tls()
    for _ in range(warmup):
        client.get(url, secure=secure)
    # Counted by a wrapper: the test client's request_started resets connection.queries.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        response = client.get(url, secure=secure)
    times, floor_times = [], []
    for _ in range(requests):
        if floor_url is not None:
            started = time.perf_counter()
            client.get(floor_url, secure=secure)
            floor_times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        client.get(url, secure=secure)
        times.append((time.perf_counter() - started) * 1000)
    return response.status_code, len(queries), times, floor_times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Times the main pages per persona against the floor page (p50/p95, queries, ratio)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=20, help="Requests per page (20).")
        parser.add_argument("--warmup", type=int, default=2, help="Unmeasured requests first.")
        parser.add_argument("--target", type=float, default=TARGET, help="Max. p50 / floor.")
        parser.add_argument("--check", action="store_true", help="Fail above the target.")
        parser.add_argument(
            "--persona", action="append", choices=sorted(PERSONAS), help="Only these personas."
        )
        parser.add_argument(
            "--page",
            action="append",
            metavar="TEXT",
            help="Only pages whose label contains this text (any of them; case ignored).",
        )
        parser.add_argument(
            "--as",
            dest="accounts",
            action="append",
            metavar="PERSONA=BENUTZERNAME",
            help="Another account for a persona (default: the demo's accounts).",
        )

    def handle(self, *args, requests, warmup, target, check, persona, page, accounts, **options):
        if requests < 1:
            raise CommandError("--requests muss mindestens 1 sein.")
        if settings.DEBUG:
            self.stderr.write("Hinweis: DEBUG ist an; gemessen wird ohne Debug (DEBUG=false).")
        chosen = dict(PERSONAS)
        for account in accounts or []:
            name, _, username = account.partition("=")
            if name not in PERSONAS or not username:
                raise CommandError(f"--as erwartet PERSONA=BENUTZERNAME, nicht {account}.")
            chosen[name] = username
        personas = {name: chosen[name] for name in (persona or PERSONAS)}
        users = {u.username: u for u in User.objects.filter(username__in=personas.values())}
        pages = [
            (label, url)
            for label, url in main_pages()
            if not page or any(text.casefold() in label.casefold() for text in page)
        ]
        if not pages:
            raise CommandError("Keine Seite passt zu --page.")
        results: list[Measurement] = []
        for name, username in personas.items():
            if username not in users:
                raise CommandError(f"Demokonto {username} fehlt (seed_demo ausführen).")
            client = verified_client(users[username])
            floor_url = reverse("floor")
            status, floor_queries, _times, _ = measure(client, floor_url, requests=1, warmup=warmup)
            if status != 200:
                raise CommandError(f"Die Vergleichsseite antwortet {status} für {username}.")
            floor_row = len(results)
            all_floor_times = []
            for label, url in pages:
                status, queries, times, floor_times = measure(
                    client, url, requests=requests, warmup=warmup, floor_url=floor_url
                )
                all_floor_times += floor_times
                p50 = statistics.median(times)
                ratio = p50 / statistics.median(floor_times)
                results.append(
                    Measurement(label, name, status, queries, p50, percentile(times, 0.95), ratio)
                )
            client.logout()  # the benchmark's session leaves the session store again
            results.insert(
                floor_row,
                Measurement(
                    "Vergleichsseite",
                    name,
                    200,
                    floor_queries,
                    statistics.median(all_floor_times),
                    percentile(all_floor_times, 0.95),
                    1.0,
                ),
            )
        self.report(results, target)
        failed = [m for m in results if m.ratio > target or m.status >= 500]
        if check and failed:
            raise CommandError(
                f"{len(failed)} Seite(n) über dem Ziel von {target:g}× der Vergleichsseite."
            )

    def report(self, results: list[Measurement], target: float) -> None:
        header = (
            f"{'Seite':<26} {'Persona':<16} {'HTTP':>4} {'SQL':>4} "
            f"{'p50 ms':>8} {'p95 ms':>8} {'×':>6}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for m in results:
            mark = "  über dem Ziel" if m.ratio > target else ""
            self.stdout.write(
                f"{m.label:<26} {m.persona:<16} {m.status:>4} {m.queries:>4} "
                f"{m.p50:>8.1f} {m.p95:>8.1f} {m.ratio:>6.1f}{mark}"
            )
        self.stdout.write("\nDie fünf langsamsten Seiten (p50 / Vergleichsseite):")
        for m in sorted(results, key=lambda m: m.ratio, reverse=True)[:5]:
            self.stdout.write(f"  {m.ratio:5.1f}×  {m.label} ({m.persona}), {m.p50:.1f} ms")
