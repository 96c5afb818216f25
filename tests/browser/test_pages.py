"""axe-core on every page kind for its persona (tests/browser/pages.py), at 1280 and 320
CSS px: no critical or serious violation, and the page never scrolls sideways (WCAG
1.4.10 reflow: wide tables scroll inside their own region)."""

import pytest

from tests.test_permission_matrix import ANON

from .helpers import NARROW, WIDE, axe_violations, horizontal_overflow, too_wide
from .pages import page_kinds


@pytest.mark.parametrize("persona", [ANON, "board_member", "wg_member", "office"])
def test_every_page_is_accessible_wide_and_narrow(page, log_in, world, persona):
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
