"""The public legal pages: texts as the office wrote them, cached, sanitised; a page that
says a missing text is being prepared; the footer links on every page."""

import datetime
import html

import pytest
from django.urls import reverse

from legal import services
from legal.models import Conformity, LegalTextKind

pytestmark = pytest.mark.django_db

PUBLIC_TEXT_PAGES = {
    LegalTextKind.IMPRINT: "legal:imprint",
    LegalTextKind.PRIVACY: "legal:privacy",
    LegalTextKind.ACCESSIBILITY: "legal:accessibility",
}
STATEMENT = {
    "title": "Erklärung zur Barrierefreiheit",
    "text": "### Nicht barrierefreie Inhalte\n\n- Eingescannte PDF-Dokumente",
    "conformity": Conformity.PARTIAL,
    "reviewed_on": datetime.date(2026, 11, 16),
    "feedback_email": "barrierefrei@impuls-harz.example",
    "enforcement_body": (
        "Ombudsstelle des Landes Sachsen-Anhalt\nKäsperstraße 31\n39261 Zerbst/Anhalt"
    ),
}


def text(response) -> str:
    return html.unescape(response.content.decode())


def write(kind, actor=None, **data):
    if kind == LegalTextKind.ACCESSIBILITY:
        data = {**STATEMENT, **data}
    data.setdefault("title", "Impressum")
    data.setdefault("text", "Regionale Planungsgemeinschaft Harz")
    return services.legal_text_save(kind=kind, data=data, expected_version=0, actor=actor)


@pytest.mark.parametrize("kind", list(PUBLIC_TEXT_PAGES))
def test_a_missing_text_is_a_page_saying_it_is_being_prepared(client, kind):
    response = client.get(reverse(PUBLIC_TEXT_PAGES[kind]))

    assert response.status_code == 200
    assert "wird gerade erstellt" in text(response)


def test_anonymous_visitors_read_the_imprint_as_the_office_wrote_it(client):
    write(LegalTextKind.IMPRINT, text="### Anbieter\n\nRegionale **Planungsgemeinschaft** Harz")

    response = client.get(reverse("legal:imprint"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Impressum</h1>" in content
    assert "<h3>Anbieter</h3>" in content
    assert "Regionale <strong>Planungsgemeinschaft</strong> Harz" in content


def test_the_accessibility_statement_has_every_part_the_law_asks_for(client):
    write(LegalTextKind.ACCESSIBILITY)

    content = text(client.get(reverse("legal:accessibility")))

    assert "nur teilweise vereinbar" in content
    assert "Eingescannte PDF-Dokumente" in content
    assert 'href="mailto:barrierefrei@impuls-harz.example"' in content
    assert f'href="{reverse("legal:feedback")}"' in content
    assert "Durchsetzungsverfahren" in content
    assert "Käsperstraße 31<br>39261 Zerbst/Anhalt" in content
    assert "zuletzt am 16. November 2026 überprüft" in content


def test_markdown_and_plain_fields_are_sanitised(client):
    write(
        LegalTextKind.ACCESSIBILITY,
        title="Erklärung <b>fett</b>",
        text=(
            'Text <script>alert("x")</script> [Link](javascript:alert(1)) '
            "<img src=x onerror=alert(1)>"
        ),
        enforcement_body="<script>alert(2)</script>Stelle",
    )

    content = client.get(reverse("legal:accessibility")).content.decode()

    assert "<script" not in content
    assert "javascript:" not in content
    assert "onerror" not in content
    assert "&lt;b&gt;fett&lt;/b&gt;" in content
    assert "&lt;script&gt;alert(2)&lt;/script&gt;Stelle" in content


@pytest.mark.parametrize("kind", list(PUBLIC_TEXT_PAGES))
def test_text_pages_may_be_kept_by_shared_caches_and_revalidated(client, kind):
    write(kind)
    url = reverse(PUBLIC_TEXT_PAGES[kind])

    response = client.get(url)

    assert response["Cache-Control"] in ("public, max-age=300", "max-age=300, public")
    assert response["ETag"]
    assert "Cookie" in response["Vary"]
    assert "Set-Cookie" not in str(response.cookies.output())
    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_the_etag_changes_when_the_text_changes(client):
    saved = write(LegalTextKind.IMPRINT)
    url = reverse("legal:imprint")
    before = client.get(url)["ETag"]

    services.legal_text_save(
        kind=saved.kind, data={"text": "Neue Anschrift"}, expected_version=1, actor=None
    )

    after = client.get(url, headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after["ETag"] != before


def test_a_logged_in_reader_gets_the_same_bytes_as_an_anonymous_visitor(client, world):
    write(LegalTextKind.IMPRINT)
    anonymous = client.get(reverse("legal:imprint"))
    client.force_login(world.board_member)

    response = client.get(reverse("legal:imprint"))

    assert response.content == anonymous.content
    assert response["ETag"] == anonymous["ETag"]
    assert not response.cookies  # nothing personal rides along with a shared copy


@pytest.mark.parametrize("kind", list(PUBLIC_TEXT_PAGES))
def test_a_text_page_runs_one_query(client, django_assert_num_queries, kind):
    write(kind)
    with django_assert_num_queries(1):
        assert client.get(reverse(PUBLIC_TEXT_PAGES[kind])).status_code == 200


def test_the_feedback_form_page_is_never_cached(client):
    response = client.get(reverse("legal:feedback"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" in response.content.decode()


# --- The footer links on every page -------------------------------------------------------

LINKS = ("legal:imprint", "legal:privacy", "legal:accessibility", "legal:feedback")


def assert_legal_links(response):
    content = response.content.decode()
    assert '<nav class="legal-links" aria-label="Rechtliche Hinweise">' in content
    for name in LINKS:
        assert f'href="{reverse(name)}' in content, name
    for label in ("Impressum", "Datenschutz", "Barrierefreiheit", "Barriere melden"):
        assert f">{label}</a>" in content, label


@pytest.mark.parametrize("name", [*PUBLIC_TEXT_PAGES.values(), "legal:feedback", "login"])
def test_public_pages_and_the_login_page_carry_the_legal_links(client, name):
    assert_legal_links(client.get(reverse(name)))


@pytest.mark.parametrize(
    "name",
    [
        "overview:dashboard",
        "cooperation:partner_list",
        "meetings:meeting_list",
        "legal:text_list",
        "legal:feedback_list",
    ],
)
def test_internal_pages_carry_the_legal_links(client, world, name):
    client.force_login(world.office)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_legal_links(response)


def test_the_refusal_pages_carry_them_too(client, world):
    client.force_login(world.no_membership)
    response = client.get(reverse("cooperation:partner_list"))
    assert response.status_code == 403
    assert_legal_links(response)


def test_report_a_barrier_names_the_page_it_was_on(client, world):
    client.force_login(world.board_member)
    page = client.get(reverse("meetings:meeting_list")).content.decode()
    assert f'href="{reverse("legal:feedback")}?adresse={reverse("meetings:meeting_list")}"' in page

    form = client.get(reverse("legal:feedback"), {"adresse": reverse("meetings:meeting_list")})
    assert form.context["form"]["page_address"].value() == reverse("meetings:meeting_list")
    # Anything else is not taken into the form.
    form = client.get(reverse("legal:feedback"), {"adresse": "javascript:alert(1)"})
    assert not form.context["form"]["page_address"].value()
