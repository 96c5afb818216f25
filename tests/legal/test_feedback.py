"""The feedback form of the accessibility statement: anyone reports a barrier, the office
gets one plain-text e-mail, reads the messages and marks them as answered."""

import html

import pytest
from django.core import mail
from django.urls import reverse

from cooperation.models import Role
from legal import services
from legal.models import AccessibilityFeedback, LegalTextKind

from .. import factories as f

pytestmark = pytest.mark.django_db

MESSAGE = (
    'Der Plan <script>alert("x")</script> auf Seite 3 hat keinen Alternativtext & ist unlesbar.'
)


def text(response) -> str:
    return html.unescape(response.content.decode())


def send(client, capture, **overrides):
    data = {
        "message": MESSAGE,
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "page_address": "/oeffentlich/impressum/",
        "website": "",
    }
    data.update(overrides)
    with capture(execute=True):
        return client.post(reverse("legal:feedback"), data)


def test_a_visitor_reports_a_barrier_and_the_office_gets_one_plain_mail(
    client, world, django_capture_on_commit_callbacks
):
    response = send(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.message, feedback.name, feedback.email, feedback.page_address) == (
        MESSAGE,
        "Erika Mustermann",
        "erika@example.org",
        "/oeffentlich/impressum/",
    )
    assert feedback.history.get().history_type == "+"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.office.email]
    assert message.reply_to == ["erika@example.org"]
    assert message.subject == f"Rückmeldung zur Barrierefreiheit Nr. {feedback.pk}"
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", None)
    # The visitor's text as typed: plain, neither escaped nor interpreted.
    assert MESSAGE in message.body
    assert "&lt;" not in message.body and "&amp;" not in message.body
    assert "/oeffentlich/impressum/" in message.body
    assert reverse("legal:feedback_list") in message.body
    confirmation = client.get(response.url)
    assert "Vielen Dank. Ihre Nachricht wurde an die Geschäftsstelle" in text(confirmation)


def test_only_the_message_is_required(client, world, django_capture_on_commit_callbacks):
    response = send(client, django_capture_on_commit_callbacks, name="", email="", page_address="")

    assert response.status_code == 302
    assert AccessibilityFeedback.objects.get().email == ""
    assert mail.outbox[0].reply_to == []


def test_the_mail_goes_to_the_office_the_statement_address_and_the_setting(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.ACCESSIBILITY_FEEDBACK_EMAILS = ["barrierefreiheit@rpg-harz.example"]
    services.legal_text_save(
        kind=LegalTextKind.ACCESSIBILITY,
        data={
            "title": "Erklärung",
            "text": "Text",
            "conformity": "partial",
            "reviewed_on": "2026-11-16",
            "feedback_email": "feedback@impuls-harz.example",
            "enforcement_body": "Ombudsstelle",
        },
        expected_version=0,
        actor=world.office,
    )
    # A second office member; a working group's office is not the board's office.
    second = f.UserFactory(email="zweite@rpg-harz.example")
    f.membership(second, world.board, Role.OFFICE, partner=world.rpg)
    f.membership(f.UserFactory(email="ag@example.org"), world.working_group.body, Role.OFFICE)

    send(client, django_capture_on_commit_callbacks)

    assert mail.outbox[0].to == [
        "barrierefreiheit@rpg-harz.example",
        "feedback@impuls-harz.example",
        *sorted([world.office.email, "zweite@rpg-harz.example"]),
    ]


def test_a_failing_mail_server_keeps_the_message_for_the_office_page(
    client, world, settings, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)

    response = send(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1


def test_the_honeypot_refuses_robots_and_stores_nothing(
    client, world, django_capture_on_commit_callbacks
):
    response = send(client, django_capture_on_commit_callbacks, website="https://spam.example")

    assert response.status_code == 400
    assert "konnte nicht gesendet werden" in text(response)
    assert not AccessibilityFeedback.objects.exists()
    assert not AccessibilityFeedback.history.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    content = client.get(reverse("legal:feedback")).content.decode()
    assert '<div class="trap" aria-hidden="true">' in content
    assert 'name="website"' in content
    assert 'tabindex="-1"' in content


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"message": ""}, "message", "Dieses Feld ist zwingend erforderlich."),
        ({"message": "   "}, "message", "Dieses Feld ist zwingend erforderlich."),
        ({"message": "x" * 5001}, "message", "höchstens 5000 Zeichen"),
        ({"email": "keine-adresse"}, "email", "gültige E-Mail-Adresse"),
        ({"name": "Erika\nMustermann"}, "name", "Zeilenumbr"),
        ({"page_address": "javascript:alert(1)"}, "page_address", "beginnend mit https://"),
        ({"page_address": "//evil.example/"}, "page_address", "beginnend mit https://"),
        ({"message": "Nullbyte \x00"}, "message", "Null"),
    ],
)
def test_bad_input_is_refused_with_german_messages_and_nothing_stored(
    client, world, django_capture_on_commit_callbacks, overrides, field, message
):
    response = send(client, django_capture_on_commit_callbacks, **overrides)

    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert not AccessibilityFeedback.objects.exists()
    assert mail.outbox == []


def test_too_many_messages_from_one_address_are_refused(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.ACCESSIBILITY_FEEDBACK_LIMIT_PER_IP = 2
    for _ in range(2):
        assert send(client, django_capture_on_commit_callbacks).status_code == 302

    response = send(client, django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert "zu viele Nachrichten" in text(response)
    assert AccessibilityFeedback.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_logged_in_member_is_named_in_the_history(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.board_member)

    send(client, django_capture_on_commit_callbacks)

    assert AccessibilityFeedback.history.get().history_user == world.board_member


def test_the_form_page_and_a_submission_run_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_assert_num_queries(0):
        assert client.get(reverse("legal:feedback")).status_code == 200
    # In a savepoint: the row and its history row; after commit the row read again, the
    # statement's feedback address and the office's addresses.
    with django_assert_num_queries(7):
        assert send(client, django_capture_on_commit_callbacks).status_code == 302


# --- The office's list ---------------------------------------------------------------------


def feedback(n, **data):
    return [services.feedback_submit(message=f"Barriere {i}", **data) for i in range(n)]


def test_the_office_reads_the_feedback_newest_first_escaped_and_paginated(client, world):
    feedback(26)
    services.feedback_submit(message=MESSAGE, name="<b>Erika</b>")
    client.force_login(world.office)

    response = client.get(reverse("legal:feedback_list"))

    assert response.status_code == 200
    rows = list(response.context["feedback"])
    assert len(rows) == 25
    assert rows[0].message == MESSAGE
    assert rows[1].message == "Barriere 25"
    content = response.content.decode()
    assert "<script>" not in content
    assert "&lt;script&gt;" in content
    assert "&lt;b&gt;Erika&lt;/b&gt;" in content
    second = client.get(reverse("legal:feedback_list"), {"seite": 2})
    assert [row.message for row in second.context["feedback"]] == ["Barriere 1", "Barriere 0"]


def test_the_office_marks_a_message_as_answered_with_a_note(client, world):
    (item,) = feedback(1, email="erika@example.org")
    client.force_login(world.office)
    url = reverse("legal:feedback_answer", args=[item.pk])
    assert "Barriere 0" in text(client.get(url))

    response = client.post(url, {"note": "Am 2.12. per E-Mail beantwortet; PDF ersetzt."})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_answered
    assert item.answered_by == world.office
    assert item.answer_note == "Am 2.12. per E-Mail beantwortet; PDF ersetzt."
    record = item.history.order_by("-history_date").first()
    assert (record.history_user, record.history_change_reason) == (
        world.office,
        "Als beantwortet vermerkt",
    )
    listed = client.get(reverse("legal:feedback_list"), {"stand": "offen"})
    assert list(listed.context["feedback"]) == []
    listed = client.get(reverse("legal:feedback_list"), {"stand": "beantwortet"})
    assert list(listed.context["feedback"]) == [item]


def test_a_message_is_marked_as_answered_once(client, world):
    (item,) = feedback(1)
    services.feedback_mark_answered(feedback=item, note="Erledigt.", actor=world.office)
    client.force_login(world.office)

    response = client.post(
        reverse("legal:feedback_answer", args=[item.pk]), {"note": "Noch einmal."}
    )

    assert response.status_code == 409
    item.refresh_from_db()
    assert item.answer_note == "Erledigt."


def test_a_note_is_required(client, world):
    (item,) = feedback(1)
    client.force_login(world.office)

    response = client.post(reverse("legal:feedback_answer", args=[item.pk]), {"note": ""})

    assert response.status_code == 400
    item.refresh_from_db()
    assert not item.is_answered


def test_a_bad_filter_answers_400(client, world):
    client.force_login(world.office)
    assert client.get(reverse("legal:feedback_list"), {"stand": "egal"}).status_code == 400


@pytest.mark.parametrize("rows", [1, 30])
def test_the_list_runs_the_same_queries_whatever_the_rows(
    client, world, django_assert_num_queries, rows
):
    for item in feedback(rows):
        services.feedback_mark_answered(feedback=item, note="Erledigt.", actor=world.office)
    client.force_login(world.office)
    client.get(reverse("legal:feedback_list"))

    # Session, user, second factor, two permission lookups, count and page of rows.
    with django_assert_num_queries(7):
        assert client.get(reverse("legal:feedback_list")).status_code == 200
