import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_it_speaks_german_even_to_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de">' in response.content.decode()
    assert "Anmelden" in response.content.decode()


@pytest.mark.django_db
def test_it_switches_to_english_when_the_user_chooses_it(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page
