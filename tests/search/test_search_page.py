"""The internal search page /suche/: the header box, results, kind filters, pages, bad
input; the reindex command."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from meetings.models import AgendaItem

from .. import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


def test_the_header_has_a_labelled_search_box(client, world):
    client.force_login(world.board_member)
    page = client.get(reverse("overview:dashboard")).content.decode()
    assert f'action="{URL}"' in page
    assert '<label for="header-search-q">' in page and 'name="q" id="header-search-q"' in page


def test_without_a_query_it_explains_what_can_be_searched(client, world):
    client.force_login(world.board_member)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Geben Sie" in response.content.decode()


def test_results_with_facets_and_marks(client, world):
    AgendaItem.objects.filter(pk=world.confidential_item.pk).update(description="Haubentaucher")
    client.force_login(world.board_member)
    response = client.get(URL, {"q": "Haubentaucher"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 Treffer für „Haubentaucher“" in page
    assert "<mark>Haubentaucher</mark>" in page
    assert 'Tagesordnungspunkte <span class="badge">1</span>' in page
    assert world.confidential_item.get_absolute_url() in page


def test_a_member_of_another_body_gets_nothing_of_a_non_public_item(client, world):
    AgendaItem.objects.filter(pk=world.confidential_item.pk).update(description="Haubentaucher")
    client.force_login(world.wg_member)
    page = client.get(URL, {"q": "Haubentaucher"}).content.decode()
    assert "0 Treffer" in page
    assert "Personalangelegenheit" not in page
    assert "<mark>" not in page


def test_kind_filter_and_pages(client, world):
    for n in range(25):
        f.AgendaItemFactory(meeting=world.meeting, position=10 + n, title=f"Rotkehlchen {n}")
    client.force_login(world.board_member)
    first = client.get(URL, {"q": "Rotkehlchen", "art": "agenda_item"}).content.decode()
    assert "25 Treffer" in first
    assert "Seite 1 von 2" in first
    assert "seite=2" in first and "art=agenda_item" in first
    second = client.get(URL, {"q": "Rotkehlchen", "art": "agenda_item", "seite": "2"})
    assert second.content.decode().count('class="search-hit"') == 5


@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 201}, {"q": "Rotkehlchen", "art": "gibtsnicht"}, {"q": " ".join(["wort"] * 11)}],
)
def test_bad_input_is_refused_with_a_german_message(client, world, params):
    client.force_login(world.board_member)
    response = client.get(URL, params)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert any(
        text in page for text in ("höchstens 200 Zeichen", "Unbekannte Art", "höchstens 10 Wörter")
    ), page


def test_the_page_runs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.board_member)
    client.get(URL, {"q": "Bericht"})
    for n in range(30):
        f.AgendaItemFactory(meeting=world.meeting, position=10 + n, title=f"Bericht {n}")
    with django_assert_max_num_queries(30) as few:
        client.get(URL, {"q": "Geschäftsstelle"})
    with django_assert_max_num_queries(30) as many:
        client.get(URL, {"q": "Bericht"})
    assert len(few.captured_queries) == len(many.captured_queries)


def test_search_reindex_rebuilds_the_vectors(world):
    AgendaItem.objects.filter(pk=world.public_item.pk).update(description="Wachtelkönig")
    if connection.vendor == "postgresql":
        # As if the column had been lost: the reindex fills it again.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE meetings_agendaitem SET search_vector = NULL")
    from search.selectors import search

    out = io.StringIO()
    call_command("search_reindex", "--extract", stdout=out)
    assert "Suchindex neu aufgebaut" in out.getvalue() or "Keine PostgreSQL" in out.getvalue()
    assert [h.object for h in search("Wachtelkönig", user=world.board_member).hits] == [
        world.public_item
    ]
