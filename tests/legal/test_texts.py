"""The office edits the legal texts: versioned, with history and the acting user; a
concurrent save is refused (409) and leaves the stored text as it was."""

import datetime
import html

import pytest
from django.urls import reverse

from legal import services
from legal.models import LegalText, LegalTextKind

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def statement_data(**overrides):
    data = {
        "title": "Erklärung zur Barrierefreiheit",
        "text": "### Nicht barrierefreie Inhalte\n\n- PDF-Dokumente",
        "conformity": "partial",
        "reviewed_on": "2026-11-16",
        "feedback_email": "barrierefrei@impuls-harz.example",
        "enforcement_body": "Ombudsstelle des Landes Sachsen-Anhalt\n39261 Zerbst/Anhalt",
        "version": "0",
    }
    data.update(overrides)
    return data


def imprint(actor, **data):
    return services.legal_text_save(
        kind=LegalTextKind.IMPRINT,
        data={"title": "Impressum", "text": "Erste Fassung.", **data},
        expected_version=0,
        actor=actor,
    )


def test_the_office_writes_a_missing_text_and_its_history_names_the_office(client, world):
    client.force_login(world.office)
    url = reverse("legal:text_update", args=["barrierefreiheit"])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["version"] == 0

    response = client.post(url, statement_data())

    assert response.status_code == 302
    assert response.url == reverse("legal:text_history", args=["barrierefreiheit"])
    saved = LegalText.objects.get(kind=LegalTextKind.ACCESSIBILITY)
    assert (saved.version, saved.conformity, saved.reviewed_on) == (
        1,
        "partial",
        datetime.date(2026, 11, 16),
    )
    record = saved.history.get()
    assert record.history_user == world.office
    assert record.history_type == "+"


def test_an_edit_is_a_new_version_in_the_history_with_the_acting_user(client, world):
    saved = imprint(world.office)
    client.force_login(world.office)

    response = client.post(
        reverse("legal:text_update", args=["impressum"]),
        {"title": "Impressum", "text": "Neue Anschrift: Quedlinburg.", "version": "1"},
    )

    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.version, saved.text) == (2, "Neue Anschrift: Quedlinburg.")
    newest = saved.history.order_by("-history_date").first()
    assert newest.history_user == world.office
    assert newest.history_type == "~"
    history = text(client.get(reverse("legal:text_history", args=["impressum"])))
    assert "Erste Fassung." in history  # the old value, in the history section
    assert "Neue Anschrift: Quedlinburg." in history
    assert "Geschäftsstelle" in history


def test_saving_unchanged_writes_no_version(client, world):
    saved = imprint(world.office)
    client.force_login(world.office)

    client.post(
        reverse("legal:text_update", args=["impressum"]),
        {"title": "Impressum", "text": "Erste Fassung.", "version": "1"},
    )

    saved.refresh_from_db()
    assert saved.version == 1
    assert saved.history.count() == 1


def test_a_concurrent_save_is_refused_with_both_texts_side_by_side(client, world):
    saved = imprint(world.office)
    url = reverse("legal:text_update", args=["impressum"])
    client.force_login(world.office)
    assert client.get(url).context["form"].initial["version"] == 1
    # Someone else saves first.
    services.legal_text_save(
        kind=LegalTextKind.IMPRINT,
        data={"text": "Fassung aus dem zweiten Tab."},
        expected_version=1,
        actor=world.office,
    )
    history_rows = saved.history.count()

    response = client.post(
        url, {"title": "Impressum", "text": "Meine Fassung aus Tab eins.", "version": "1"}
    )

    assert response.status_code == 409
    content = text(response)
    assert "Jemand anderes hat diesen Text am" in content
    assert "Fassung aus dem zweiten Tab." in content
    assert "Meine Fassung aus Tab eins." in content
    assert response.context["form"]["version"].value() == 2
    saved.refresh_from_db()
    assert (saved.version, saved.text) == (2, "Fassung aus dem zweiten Tab.")
    assert saved.history.count() == history_rows


def test_a_second_first_save_is_a_conflict(client, world):
    imprint(world.office)
    client.force_login(world.office)

    response = client.post(
        reverse("legal:text_update", args=["impressum"]),
        {"title": "Impressum", "text": "Auch eine erste Fassung.", "version": "0"},
    )

    assert response.status_code == 409
    assert LegalText.objects.get().text == "Erste Fassung."


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"version": ""}, "version", "Dieses Feld ist zwingend erforderlich."),
        ({"conformity": "ein_bisschen"}, "conformity", "Bitte eine gültige Auswahl treffen."),
        ({"reviewed_on": "1900-01-01"}, "reviewed_on", "1990"),
        ({"feedback_email": "keine-adresse"}, "feedback_email", "gültige E-Mail-Adresse"),
        ({"enforcement_body": ""}, "enforcement_body", "zwingend erforderlich"),
        ({"title": "Zwei\nZeilen"}, "title", "Zeilenumbr"),
    ],
)
def test_bad_input_is_refused_with_german_messages_at_the_field(
    client, world, overrides, field, message
):
    client.force_login(world.office)

    response = client.post(
        reverse("legal:text_update", args=["barrierefreiheit"]), statement_data(**overrides)
    )

    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field]), (
        response.context["form"].errors
    )
    assert not LegalText.objects.exists()


def test_the_imprint_form_has_no_fields_of_the_statement(client, world):
    client.force_login(world.office)
    form = client.get(reverse("legal:text_update", args=["impressum"])).context["form"]
    assert set(form.fields) == {"title", "text", "version"}


@pytest.mark.parametrize("persona", ["board_member", "admin_halberstadt", "wg_lead"])
def test_nobody_but_the_office_edits_or_reads_the_history(client, world, persona):
    imprint(world.office)
    client.force_login(world.personas[persona])

    assert client.get(reverse("legal:text_list")).status_code == 403
    assert client.get(reverse("legal:text_history", args=["impressum"])).status_code == 403
    response = client.post(
        reverse("legal:text_update", args=["impressum"]),
        {"title": "Impressum", "text": "Übernommen.", "version": "1"},
    )
    assert response.status_code == 403
    assert LegalText.objects.get().text == "Erste Fassung."


def test_an_unknown_kind_and_an_unwritten_history_are_not_found(client, world):
    client.force_login(world.office)
    assert client.get(reverse("legal:text_update", args=["agb"])).status_code == 404
    assert client.get(reverse("legal:text_history", args=["datenschutz"])).status_code == 404


def test_the_list_shows_written_and_missing_texts(client, world):
    imprint(world.office)
    client.force_login(world.office)

    content = text(client.get(reverse("legal:text_list")))

    assert "noch nicht geschrieben" in content
    assert reverse("legal:text_update", args=["datenschutz"]) in content
    assert reverse("legal:text_history", args=["impressum"]) in content


def test_the_office_pages_run_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    saved = imprint(world.office)
    for i in range(5):
        services.legal_text_save(
            kind=saved.kind,
            data={"text": f"Fassung {i}"},
            expected_version=i + 1,
            actor=world.office,
        )
    client.force_login(world.office)
    client.get(reverse("legal:text_list"))  # the session's first request writes to it

    # Session, user, second factor, two permission lookups, texts, open feedback.
    with django_assert_num_queries(7):
        assert client.get(reverse("legal:text_list")).status_code == 200
    # ... the text and its history (six versions, their users joined).
    with django_assert_num_queries(7):
        assert client.get(reverse("legal:text_history", args=["impressum"])).status_code == 200
    with django_assert_num_queries(6):
        assert client.get(reverse("legal:text_update", args=["impressum"])).status_code == 200


def test_the_header_links_the_office_to_the_legal_texts(client, world):
    client.force_login(world.office)
    assert f'href="{reverse("legal:text_list")}"' in client.get("/").content.decode()
    client.force_login(world.board_member)
    assert f'href="{reverse("legal:text_list")}"' not in client.get("/").content.decode()
