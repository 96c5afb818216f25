"""axe-core on every page kind for its persona (tests/browser/pages.py), at 1280 and 320
CSS px: no critical or serious violation, and the page never scrolls sideways (WCAG
1.4.10 reflow: wide tables scroll inside their own region). The office's pages are in
test_pages_office.py, so that two test processes share the work."""

import pytest

from tests.test_permission_matrix import ANON

from .pages import check_pages


@pytest.mark.parametrize("persona", [ANON, "board_member", "wg_member", "participant"])
def test_every_page_is_accessible_wide_and_narrow(page, log_in, world, persona):
    check_pages(page, log_in, world, persona)
