"""Benchmark the OParl API on the current database (meant for the scale data).

Crawls `/oparl/v1/` in-process as a client would (django.test.Client, the whole
middleware stack): from the System object to the body, then every list of the body
page by page through its `next` links (`--limit` objects a page). Each page is parsed
and counted, then dropped, so memory stays flat whatever the size of the data. Prints
per list the objects (top level, and with the embedded ones), pages and time, then the
objects per second, the total time and the peak memory (the process's peak resident
size; with `--tracemalloc` also the peak of Python's allocations, which slows the run),
and checks the target of issue 12: the whole crawl in under 60 seconds.
"""

from __future__ import annotations

import json
import resource
import time
import tracemalloc as tracemalloc_module
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from .bench_pages import over_tls

TARGET_SECONDS = 60


def _embedded(value) -> int:
    """Objects with a `type` inside a value (an object counts itself)."""
    if isinstance(value, dict):
        own = 1 if str(value.get("type", "")).startswith("https://schema.oparl.org/") else 0
        return own + sum(_embedded(v) for v in value.values())
    if isinstance(value, list):
        return sum(_embedded(v) for v in value)
    return 0


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Command(BaseCommand):
    help = "Crawl the whole OParl API as a client would and print objects/s, time and memory."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=100, help="Objects per page (default and most: 100)."
        )
        parser.add_argument(
            "--tracemalloc", action="store_true", help="Also measure Python's peak allocations."
        )

    def _get(self, client, url: str) -> dict:
        parts = urlsplit(url)
        secure = parts.scheme == "https" or over_tls()
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = client.get(path, secure=secure)
        if response.status_code != 200:
            raise CommandError(f"{url}: Status {response.status_code}")
        return json.loads(response.content)

    def handle(self, *args, limit, tracemalloc: bool, **options):
        if not 1 <= limit <= 100:
            raise CommandError("--limit muss zwischen 1 und 100 liegen.")
        base = settings.PORTAL_BASE_URL
        client = Client(HTTP_HOST=urlsplit(base).netloc or "localhost")
        if tracemalloc:
            tracemalloc_module.start()
        rss_start = _peak_rss_mib()
        started = time.perf_counter()
        system = self._get(client, base + "/oparl/v1/")
        bodies = self._get(client, system["body"])["data"]
        total_objects = total_embedded = total_pages = 0
        self.stdout.write(f"OParl-Crawl über {base}/oparl/v1/, {limit} Objekte je Seite")
        for body in bodies:
            lists = [
                (key, value)
                for key, value in body.items()
                if isinstance(value, str)
                and value.startswith(base + "/oparl/v1/")
                and key not in ("id", "system")
            ]
            for key, url in lists:
                list_started = time.perf_counter()
                objects = embedded = pages = 0
                url = f"{url}?limit={limit}"
                while url:
                    page = self._get(client, url)
                    objects += len(page["data"])
                    embedded += _embedded(page["data"])
                    pages += 1
                    url = page["links"].get("next")
                    del page
                seconds = time.perf_counter() - list_started
                self.stdout.write(
                    f"  {key:<20} {objects:>8} Objekte ({embedded:>8} mit eingebetteten), "
                    f"{pages:>6} Seiten, {seconds:7.2f} s, Spitze {_peak_rss_mib():.0f} MiB"
                )
                total_objects += objects
                total_embedded += embedded
                total_pages += pages
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Objekte: {total_objects} ({total_embedded} mit eingebetteten)")
        self.stdout.write(f"Seiten: {total_pages}")
        self.stdout.write(f"Gesamtzeit: {elapsed:.2f} s")
        self.stdout.write(f"Objekte/s: {total_objects / elapsed:.0f}")
        self.stdout.write(
            f"Spitze des Speichers (RSS): {_peak_rss_mib():.0f} MiB (zu Beginn {rss_start:.0f} MiB)"
        )
        if tracemalloc:
            _current, peak = tracemalloc_module.get_traced_memory()
            tracemalloc_module.stop()
            self.stdout.write(f"Spitze der Python-Allokationen: {peak / 2**20:.1f} MiB")
        verdict = "erreicht" if elapsed < TARGET_SECONDS else "verfehlt"
        self.stdout.write(f"Ziel (< {TARGET_SECONDS} s für den ganzen Crawl): {verdict}")
