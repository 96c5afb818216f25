"""The portal's main jobs, done in a real browser as the personas do them."""

import re
from pathlib import Path

from django.urls import reverse

from tests.factories import PDF_BYTES
from workinggroups.models import Finding

from .helpers import focused, tab_to


def test_a_board_member_reads_the_next_meeting_and_downloads_a_paper_by_keyboard_only(
    page, log_in, world
):
    log_in(world.board_member)
    page.goto("/")
    tab_to(page, world.meeting.title)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{world.meeting.get_absolute_url()}")
    assert world.meeting.title in page.locator("h1").inner_text()
    assert page.get_by_text(world.public_item.title).first.is_visible()

    tab_to(page, world.public_paper.original_name)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert Path(download.value.path()).read_bytes() == PDF_BYTES


def test_a_working_group_member_writes_a_finding(page, log_in, world):
    log_in(world.wg_member)
    page.goto(reverse("workinggroups:group_detail", args=[world.working_group.pk]))
    page.get_by_role("link", name="Befund erfassen").first.click()
    page.wait_for_url("**/befunde/neu/")

    # Submitted empty: the error summary takes the focus and leads to the fields.
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_load_state()
    assert "error-summary" in focused(page)["classes"]
    summary = page.locator(".error-summary")
    summary.get_by_role("link", name="Titel").focus()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_title"

    page.keyboard.type("Fehlende Ladesäulen am Bahnhof")
    page.locator("#id_type").select_option(label="Hemmnis")
    page.locator("#id_text").fill("Am **Bahnhof Halberstadt** gibt es keine Ladesäulen.")
    page.locator("#id_function_area").select_option(str(world.working_group.function_area_id))
    page.get_by_label("Stadt Halberstadt").check()
    page.get_by_role("button", name="Entwurf speichern").click()

    page.wait_for_url(re.compile(r"/befunde/\d+/(#.*)?$"))
    finding = Finding.objects.get(title="Fehlende Ladesäulen am Bahnhof")
    assert finding.get_absolute_url() in page.url
    assert finding.author == world.wg_member
    assert list(finding.partners.all()) == [world.halberstadt]
    assert page.locator("h1").inner_text() == "Fehlende Ladesäulen am Bahnhof"
    assert page.locator("strong", has_text="Bahnhof Halberstadt").is_visible()


def test_the_office_builds_a_council_report_and_downloads_it(page, log_in, world):
    log_in(world.office)
    page.goto("/berichte/")
    page.locator('main a[href="/berichte/neu/"]').click()
    page.wait_for_url("**/berichte/neu/")
    page.get_by_label("Zeitraum von").fill("2026-01-01")
    page.get_by_label("Zeitraum bis").fill("2026-12-31")
    # Tests run the worker's job at once, inside the request (the immediate backend):
    # the answer comes when WeasyPrint has built the PDF.
    page.get_by_role("button", name="Bericht erstellen").click(timeout=60_000)
    page.wait_for_url(re.compile(r"/dokumente/\d+/$"), timeout=60_000)

    link = page.get_by_role("link", name=re.compile("PDF herunterladen"))
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.endswith(".pdf")
