"""A form refused by the CSRF check gets a German page in the portal's layout."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_it_explains_a_refused_form_in_german(csrf_client, world):
    csrf_client.force_login(world.office)
    before = world.board.name

    response = csrf_client.post(
        reverse("cooperation:body_update", args=[world.board.pk]), {"name": "Übernommen"}
    )

    assert response.status_code == 403
    content = response.content.decode()
    assert '<html lang="de">' in content
    assert "<h1>Formular konnte nicht gesendet werden</h1>" in content
    assert "Nichts wurde gespeichert oder geändert." in content
    assert "CSRF" not in content and "Forbidden" not in content
    assert '<span class="account-name">Geschäftsstelle</span>' in content  # logged in
    world.board.refresh_from_db()
    assert world.board.name == before


def test_it_refuses_a_login_without_token_in_german(csrf_client, world):
    response = csrf_client.post(reverse("login"), {"username": "dora", "password": "x"})

    assert response.status_code == 403
    assert "Formular konnte nicht gesendet werden" in response.content.decode()
    assert User.objects.filter(username="dora").exists()
