"""No lost update on the minutes: every save names the version it started from,
the first one too (0: the item has no minutes yet)."""

import html
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import Minutes

pytestmark = pytest.mark.django_db

INCOMPLETE = "Das Formular ist unvollständig."


def edit_url(item):
    return reverse("meetings:minutes_edit", args=[item.pk])


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_it_opens_the_form_of_unwritten_minutes_at_version_zero(client, world):
    client.force_login(world.office)

    response = client.get(edit_url(world.public_item))

    assert response.status_code == 200
    assert response.context["form"]["version"].value() == 0


def test_it_refuses_a_save_without_a_version_over_existing_minutes(client, world):
    services.minutes_save(
        item=world.public_item, text="Erste Fassung", expected_version=0, actor=world.office
    )
    client.force_login(world.office)

    response = client.post(edit_url(world.public_item), {"text": "Überschrieben?"})

    assert response.status_code == 400
    assert INCOMPLETE in page(response)
    assert response.context["form"]["text"].value() == "Überschrieben?"  # input kept
    minutes = Minutes.objects.get(agenda_item=world.public_item)
    assert (minutes.text, minutes.version) == ("Erste Fassung", 1)


def test_it_refuses_a_first_save_without_a_version(client, world):
    client.force_login(world.office)

    response = client.post(edit_url(world.public_item), {"text": "Ohne Version"})

    assert response.status_code == 400
    assert INCOMPLETE in page(response)
    assert not Minutes.objects.filter(agenda_item=world.public_item).exists()


def test_it_refuses_the_second_of_two_first_saves_and_keeps_the_first(client, world):
    """Two people open the unwritten minutes (version 0) and save one after the other."""
    client.force_login(world.office)
    url = edit_url(world.public_item)

    first = client.post(url, {"text": "Fassung von Tab A", "version": 0})
    second = client.post(url, {"text": "Fassung von Tab B", "version": 0})

    assert first.status_code == 302
    assert second.status_code == 409
    content = page(second)
    assert "Fassung von Tab A" in content and "Fassung von Tab B" in content
    assert second.context["form"]["text"].value() == "Fassung von Tab B"
    # The next save is meant to replace the version now shown.
    assert second.context["form"]["version"].value() == 1
    minutes = Minutes.objects.get(agenda_item=world.public_item)
    assert (minutes.text, minutes.version) == ("Fassung von Tab A", 1)


def test_it_refuses_a_service_save_of_new_minutes_at_another_version(world):
    with pytest.raises(ValidationError) as raised:
        services.minutes_save(
            item=world.public_item, text="Text", expected_version=3, actor=world.office
        )
    assert raised.value.code == "conflict"
    assert not Minutes.objects.filter(agenda_item=world.public_item).exists()


# --- PostgreSQL: two first saves at the same moment -------------------------------------


@pytest.mark.django_db(transaction=True)
def test_it_answers_one_of_two_simultaneous_first_saves_with_a_conflict(world):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL (row locks between parallel transactions); "
            "set DATABASE_URL to a PostgreSQL database to run it."
        )
    item = world.public_item
    url = edit_url(item)
    clients = []
    for _ in range(2):
        client = Client(raise_request_exception=False)
        client.force_login(world.office)
        clients.append(client)

    # Whoever writes first holds its transaction open a moment, so that the other
    # save certainly runs into it.
    original_save = services.minutes.save_tracked

    def slow_save(instance, **kwargs):
        original_save(instance, **kwargs)
        if isinstance(instance, Minutes):
            threading.Event().wait(0.5)

    start = threading.Barrier(2)
    statuses, errors = [], []

    def save(client, text):
        try:
            start.wait(timeout=30)
            statuses.append(client.post(url, {"text": text, "version": 0}).status_code)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(services.minutes, "save_tracked", slow_save):
        threads = [
            threading.Thread(target=save, args=(client, f"Fassung {index}"))
            for index, client in enumerate(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert not errors, errors
    assert sorted(statuses) == [302, 409]
    minutes = Minutes.objects.get(agenda_item=item)
    assert minutes.version == 1
    assert minutes.text in {"Fassung 0", "Fassung 1"}
