"""The win-win pages at 1280 and 320 CSS px, for the personas that use them: the
partner's administrator keeping the profile (their forms are not among the pages that
tests/browser/pages.py takes from the matrix for the board, the group and the office),
and the working group's member on the win-win view with its match actions. axe finds no
critical or serious violation; no page scrolls sideways."""

from django.urls import reverse

from tests.winwin.test_winwin import need, offer
from winwin import services

from .helpers import NARROW, WIDE, axe_violations, horizontal_overflow, too_wide


def _check(page, urls) -> list[str]:
    problems = []
    for url in urls:
        page.set_viewport_size(WIDE)
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        for size in (WIDE, NARROW):
            page.set_viewport_size(size)
            where = f"{url} at {size['width']} px"
            problems += [f"{where}: {v}" for v in axe_violations(page)]
            overflow = horizontal_overflow(page)
            if overflow > 0:
                problems.append(f"{where}: {overflow} px too wide: {too_wide(page)}")
    return problems


def test_the_win_win_pages_are_accessible_wide_and_narrow(page, log_in, world):
    long_title = "Fachärztliche Sprechstunden des Medizinischen Versorgungszentrums " * 2
    the_offer = offer(world, title=long_title.strip()[:200])
    need(world)
    services.profile_save(
        partner=world.halberstadt,
        strengths="Klinikum mit Fachabteilungen",
        weaknesses="Kein Fernverkehrshalt",
        actor=world.admin_halberstadt,
    )
    area = world.working_group.function_area_id
    log_in(world.admin_halberstadt)
    problems = _check(
        page,
        [
            reverse("winwin:profile", args=[world.halberstadt.pk]),
            reverse("winwin:profile_update", args=[world.halberstadt.pk]),
            reverse("winwin:entry_create", args=[world.halberstadt.pk, "bedarf"]),
            reverse("winwin:entry_update", args=[the_offer.pk]),
            reverse("winwin:entry_detail", args=[the_offer.pk]),
            reverse("winwin:entry_delete", args=[the_offer.pk]),
        ],
    )
    log_in(world.wg_member)
    problems += _check(page, [reverse("winwin:area", args=[area])])
    log_in(world.board_member)  # the proposal's button names the meeting
    problems += _check(page, [reverse("winwin:area", args=[area])])
    assert not problems, "\n".join(problems)
