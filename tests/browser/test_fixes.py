"""Regressions of the findings of issue 13 that only a browser shows: focus, keyboard,
layout."""

import datetime

import pytest
from django.urls import reverse

from cooperation.models import CooperationPhaseKind
from tests import factories as f

from .helpers import NARROW, WIDE, focused


def test_escape_closes_the_new_meeting_menu_and_returns_the_focus(page, log_in, world):
    log_in(world.office)
    page.goto(reverse("meetings:meeting_list"))
    menu = page.locator("details.menu")
    menu.locator("summary").click()
    assert menu.get_attribute("open") is not None
    menu.get_by_role("link", name=world.board.name).focus()
    page.keyboard.press("Escape")
    assert menu.get_attribute("open") is None
    assert focused(page)["tag"] == "summary"


def test_the_main_navigation_is_one_line_at_1280_px(page, log_in, world):
    log_in(world.office)
    page.goto("/")
    tops = page.locator(".main-nav li").evaluate_all("items => items.map(i => i.offsetTop)")
    assert len(tops) > 8
    assert len(set(tops)) == 1, tops


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["1280", "320"])
def test_the_phase_name_is_not_broken_inside_the_word(page, log_in, world, size):
    f.PhaseFactory(phase=CooperationPhaseKind.IMPLEMENTATION, since=datetime.date(2026, 1, 1))
    log_in(world.board_member)
    page.set_viewport_size(size)
    page.goto("/")
    name = page.locator(".phase-name")
    assert name.inner_text() == "Umsetzungs-/Implementierungsphase"
    # It may break after "Umsetzungs-/", but the word itself lies on one line box.
    lines = name.evaluate(
        "el => { const word = 'Implementierungsphase';"
        " const text = [...el.childNodes].find(n => n.nodeType === 3 && n.data.includes(word));"
        " const start = text.data.indexOf(word), r = document.createRange();"
        " r.setStart(text, start); r.setEnd(text, start + word.length);"
        " return r.getClientRects().length; }"
    )
    assert lines == 1
    assert name.evaluate("el => el.scrollWidth <= el.clientWidth")


def test_the_move_buttons_look_like_the_other_secondary_controls(page, log_in, world):
    f.AgendaItemFactory(meeting=world.meeting, position=3, title="Verschiedenes")
    log_in(world.office)
    page.goto(world.meeting.get_absolute_url())
    item = page.locator(".agenda-item").nth(1)
    up = item.get_by_role("button", name="Nach oben")
    down = item.get_by_role("button", name="Nach unten")
    secondary = page.locator("a.button-secondary").first
    style = "el => { const s = getComputedStyle(el); return [s.color, s.borderTopColor]; }"
    assert up.evaluate(style) == down.evaluate(style) == secondary.evaluate(style)
    gap = down.bounding_box()["x"] - (up.bounding_box()["x"] + up.bounding_box()["width"])
    assert gap >= 8


def test_the_finding_form_narrows_the_functions_and_facilities_to_the_chosen_area(
    page, log_in, world
):
    theatre = f.CentralFunctionFactory(name="Theater", area__name="Kultur und Freizeit")
    f.FacilityFactory(name="Nordharzer Städtebundtheater", central_function=theatre)
    log_in(world.wg_member)
    page.goto(reverse("workinggroups:finding_create", args=[world.working_group.pk]))
    functions = page.locator("#id_central_function")
    assert functions.locator("option", has_text="Theater").count() == 0
    assert page.get_by_label("Bahnhof Halberstadt (Halberstadt)").is_visible()

    area = page.locator("#id_function_area")
    area.focus()
    area.select_option(str(theatre.area_id))

    # Swapped in by htmx from the page asked for again: no reload, the focus stays.
    functions.locator("option", has_text="Theater").wait_for(state="attached")
    assert functions.locator("option", has_text="Regionalbahnhöfe").count() == 0
    assert page.get_by_label("Nordharzer Städtebundtheater", exact=False).is_visible()
    assert page.get_by_label("Bahnhof Halberstadt (Halberstadt)").count() == 0
    assert focused(page)["id"] == "id_function_area"
