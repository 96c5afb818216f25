"""The public search page (/oeffentlich/suche/): the members' search over published
content only, hits linked to the public pages, cacheable like every public page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.services import paper_add, paper_withhold

from ..search.test_extraction import docx_with, pdf_with

pytestmark = pytest.mark.django_db

URL = "/oeffentlich/suche/"


def _upload(world, callbacks, *, name, content, item, title):
    with callbacks(execute=True):
        return paper_add(
            meeting=world.meeting,
            agenda_item=item,
            title=title,
            uploaded_file=SimpleUploadedFile(name, content),
            actor=world.office,
        )


def test_an_anonymous_visitor_finds_a_paper_by_a_word_inside_its_pdf(
    client, world, django_capture_on_commit_callbacks
):
    paper = _upload(
        world,
        django_capture_on_commit_callbacks,
        name="gutachten.pdf",
        content=pdf_with("Der Rufbus Hochharz fährt ab Frühjahr."),
        item=world.public_item,
        title="Gutachten Verkehr",
    )

    response = client.get(URL, {"q": "Rufbus"})

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("public:paper_download", args=[paper.pk]) in page
    assert "<mark>Rufbus</mark>" in page
    assert client.get(reverse("public:paper_download", args=[paper.pk])).status_code == 200


def test_a_board_member_finds_a_non_public_item_that_the_public_search_does_not(
    client, world, django_capture_on_commit_callbacks
):
    _upload(
        world,
        django_capture_on_commit_callbacks,
        name="vermerk.docx",
        content=docx_with("Grundstückspreis Zaunkönigweg"),
        item=world.confidential_item,
        title="Vermerk",
    )
    world.confidential_item.title = "Ankauf Zaunkönigweg"
    world.confidential_item.save()

    public = client.get(URL, {"q": "Zaunkönigweg"}).content.decode()
    client.force_login(world.board_member)
    internal = client.get(reverse("search:results"), {"q": "Zaunkönigweg"}).content.decode()

    assert "Zaunkönigweg</mark>" in internal
    assert "<mark>" not in public and "Vermerk" not in public
    assert "search-hit" not in public


def test_a_withheld_paper_is_not_found_publicly(client, world, django_capture_on_commit_callbacks):
    paper = _upload(
        world,
        django_capture_on_commit_callbacks,
        name="liste.pdf",
        content=pdf_with("Teilnehmerliste Blaumeise"),
        item=world.public_item,
        title="Teilnehmerliste",
    )
    assert "Teilnehmerliste" in client.get(URL, {"q": "Blaumeise"}).content.decode()

    paper_withhold(paper=paper, reason="Namen", actor=world.office)

    page = client.get(URL, {"q": "Blaumeise"}).content.decode()
    assert "Teilnehmerliste" not in page and "<mark>" not in page


def test_hits_lead_to_the_public_pages(client, world):
    world.decision.title = "Radwegenetz Harzvorland"
    world.decision.save()

    page = client.get(URL, {"q": "Radwegenetz"}).content.decode()

    assert reverse("public:decision_detail", args=[world.decision.pk]) in page
    assert f'href="{reverse("meetings:decision_detail", args=[world.decision.pk])}"' not in page


def test_the_page_is_publicly_cacheable_and_the_same_for_a_member(client, world):
    anonymous = client.get(URL, {"q": "Radverkehr"})
    client.force_login(world.board_member)
    member = client.get(URL, {"q": "Radverkehr"})

    assert anonymous["Cache-Control"] == "public, max-age=300"
    assert member.content == anonymous.content
    assert (
        client.get(
            URL, {"q": "Radverkehr"}, headers={"If-None-Match": anonymous["ETag"]}
        ).status_code
        == 304
    )


@pytest.mark.parametrize("params", [{"q": "x" * 201}, {"q": "Bus", "art": "comment"}])
def test_bad_input_is_refused_with_a_german_message(client, world, params):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")
