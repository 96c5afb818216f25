"""axe-core and reflow on the office's page kinds (see test_pages.py)."""

from .pages import check_pages


def test_every_office_page_is_accessible_wide_and_narrow(page, log_in, world):
    check_pages(page, log_in, world, "office")
