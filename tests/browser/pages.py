"""Every page kind of the portal with the persona it is for, taken from the permission
matrix (tests/test_permission_matrix.py): each GET row that answers 200 with an HTML
page, opened by the first of PRIORITY that may open it (the board's member for what the
board reads, the working group's member for the group's pages, the office for its forms).
A new URL gets its matrix row and so, without more ado, its accessibility check here."""

from django.test import Client
from django.urls import reverse

from tests.test_permission_matrix import ANON, GET, MATRIX

from .helpers import NARROW, WIDE, axe_violations, horizontal_overflow, too_wide

PRIORITY = ["board_member", "wg_member", "office", "participant"]
# Answers that are no page: files, calendar data, htmx fragments.
NOT_PAGES = {
    "cooperation:contract_document",
    "meetings:paper_download",
    "meetings:meeting_ics",
    "meetings:calendar_feed",
    "meetings:quorum",
    "documents:document_state",
    "workinggroups:attachment_download",
    "councils:extract_download",
    "documents:document_download",
    "my_data_download",
    "second_factor_qr",
    "participation:attachment_download",
    "participation:table_download",
    "public:participation_table",
    "participation:my_attachment_download",
}
# Pages every persona has, each with its own content.
EVERYONE = {"overview:dashboard"}


def pages_for(persona: str):
    """The matrix's GET rows that are `persona`'s pages."""
    rows = []
    seen = set()
    for row in MATRIX:
        if row.method != GET or row.name in NOT_PAGES or row.name in seen:
            continue
        if persona == ANON:
            mine = row.statuses.get(ANON) == 200
        elif row.name in EVERYONE:
            mine = row.statuses.get(persona) == 200
        else:
            allowed = [p for p in PRIORITY if row.statuses.get(p) == 200]
            mine = bool(allowed) and allowed[0] == persona
        if mine:
            seen.add(row.name)
            rows.append(row)
    return rows


def page_kinds(persona: str, world) -> list[tuple[str, str]]:
    """(template, url) of each page kind of `persona`: the matrix's pages for them, one
    per template the page is rendered from (the office's many confirmation pages share
    one form template, and one of them stands for all)."""
    client = Client()
    if persona != ANON:
        client.force_login(world.personas[persona])
    kinds = {}
    for row in pages_for(persona):
        url = reverse(row.name, args=row.args(world))
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        if not response["Content-Type"].startswith("text/html") or not response.templates:
            continue  # a file or a feed that NOT_PAGES does not list yet
        template = response.templates[0].name
        kinds.setdefault(template, url)
    return list(kinds.items())


def check_pages(page, log_in, world, persona: str) -> None:
    """Open each page kind of `persona` at 1280 px, then 320 px: axe finds no critical
    or serious violation, and the page is never wider than the window. All problems are
    reported together."""
    kinds = page_kinds(persona, world)
    assert kinds
    if persona != ANON:
        log_in(world.personas[persona])
    problems = []
    for template, url in kinds:
        page.set_viewport_size(WIDE)
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        for size in (WIDE, NARROW):
            page.set_viewport_size(size)
            where = f"{url} ({template}) at {size['width']} px"
            problems += [f"{where}: {v}" for v in axe_violations(page)]
            overflow = horizontal_overflow(page)
            if overflow > 0:
                problems.append(f"{where}: {overflow} px too wide: {too_wide(page)}")
    assert not problems, "\n".join(problems)
