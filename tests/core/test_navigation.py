"""The main navigation marks exactly the section a page belongs to."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def current_items(html: str) -> list[str]:
    nav = html.split("<nav", 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="[^"]*" aria-current="page">([^<]*)</a>', nav)


@pytest.mark.parametrize(
    ("persona", "name", "args", "expected"),
    [
        ("office", "meetings:meeting_list", lambda w: [], ["Sitzungen"]),
        ("office", "meetings:meeting_detail", lambda w: [w.meeting.pk], ["Sitzungen"]),
        # Under a body: one item, not "Gremien" and "Sitzungen" both.
        ("office", "meetings:meeting_create", lambda w: [w.board.pk], ["Gremien"]),
        ("office", "cooperation:body_list", lambda w: [], ["Gremien"]),
        # The working-group report form is not the council reports' section.
        ("wg_lead", "workinggroups:report_create", lambda w: [w.working_group.pk], []),
        ("office", "overview:dashboard", lambda w: [], ["Übersicht"]),
        # The function catalogue is reached from the matrix and counts as its section.
        ("board_member", "functions:catalogue", lambda w: [], ["Funktionsmatrix"]),
        ("board_member", "workinggroups:matrix", lambda w: [], ["Funktionsmatrix"]),
        ("office", "councils:council_list", lambda w: [], ["Räte"]),
        ("office", "priorities:round_list", lambda w: [], ["Prioritäten"]),
    ],
)
def test_one_navigation_item_is_current_at_most(client, world, persona, name, args, expected):
    client.force_login(world.personas[persona])
    response = client.get(reverse(name, args=args(world)))
    assert response.status_code == 200
    assert current_items(response.content.decode()) == expected


def test_the_matrix_leads_to_the_function_catalogue(client, world):
    client.force_login(world.board_member)
    page = client.get(reverse("workinggroups:matrix")).content.decode()
    assert f'<a href="{reverse("functions:catalogue")}">Katalog der zentralörtlichen' in page
