"""`manage.py bench_pages` times the main pages per persona against the floor page
(the timings themselves are not checked: speed is measured, not tested)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from demo.management.commands import bench_pages
from tests.second_factor import device_for


@pytest.fixture
def accounts(world):
    users = {
        "Vorstand": world.board_member,
        "Geschäftsstelle": world.office,
        "AG-Mitglied": world.wg_member,
    }
    for user in users.values():
        device_for(user)
    return [arg for name, user in users.items() for arg in ("--as", f"{name}={user.username}")]


def bench(*args) -> str:
    out = io.StringIO()
    call_command("bench_pages", "--requests", "1", "--warmup", "0", *args, stdout=out)
    return out.getvalue()


def test_it_measures_every_main_page_for_each_persona_against_the_floor(world, accounts):
    lines = bench(*accounts).splitlines()

    pages = bench_pages.main_pages()
    assert len(pages) >= 27  # 20 lists and, on the world's objects, the detail pages
    for persona in bench_pages.PERSONAS:
        for label in ["Vergleichsseite", *(label for label, _url in pages)]:
            row = next(line for line in lines if line.startswith(f"{label:<26} {persona} "))
            status, queries = row[len(f"{label:<26} {persona}") :].split()[:2]
            assert status == "200" and int(queries) > 0, row
    assert "Die fünf langsamsten Seiten (p50 / Vergleichsseite):" in lines


def test_it_fails_with_check_when_a_page_is_above_the_target(world, accounts):
    with pytest.raises(CommandError, match="über dem Ziel"):
        bench(*accounts, "--persona", "Vorstand", "--check", "--target", "0.01")


def test_it_refuses_an_unknown_persona_account(world):
    with pytest.raises(CommandError, match="PERSONA=BENUTZERNAME"):
        bench("--as", "Niemand=x")


def test_page_picks_the_pages_whose_label_contains_the_text(world, accounts):
    lines = bench(*accounts, "--persona", "Vorstand", "--page", "sitzung")

    measured = {line[:26].strip() for line in lines.splitlines() if " Vorstand " in line}
    expected = {label for label, _url in bench_pages.main_pages() if "sitzung" in label.lower()}
    assert expected and measured == expected | {"Vergleichsseite"}


def test_page_refuses_a_text_no_page_matches(world, accounts):
    with pytest.raises(CommandError, match="Keine Seite passt"):
        bench(*accounts, "--page", "gibt es nicht")


def test_it_leaves_no_session_behind(world, accounts):
    from access.session_store import SessionStore

    sessions = SessionStore.get_model_class().objects
    before = set(sessions.values_list("session_key", flat=True))

    bench(*accounts, "--page", "Sitzungen")

    assert set(sessions.values_list("session_key", flat=True)) == before
