"""The demo's needs and offers (issue 15, item 4): the four towns and the district have
profiles, some offers already meet needs, and the walk-through of the issue works:
Quedlinburg's administrator adds an offer and sees it matched with Wernigerode's need."""

from django.urls import reverse

from accounts.models import User
from cooperation.models import Partner
from demo.winwin import PROFILES, seed_winwin
from functions.models import CentralFunction
from tests.demo.test_seed_demo import seeded  # noqa: F401 (the module's seeded demo)
from winwin.models import PartnerProfile, ProfileEntry


def test_the_four_towns_and_the_district_have_profiles(seeded, db):  # noqa: F811
    profiles = PartnerProfile.objects.select_related("partner")
    assert {p.partner.short_name for p in profiles} == set(PROFILES)
    assert all(p.strengths and p.weaknesses for p in profiles)
    for short_name in PROFILES:
        kinds = set(
            ProfileEntry.objects.filter(partner__short_name=short_name).values_list(
                "kind", flat=True
            )
        )
        assert kinds == {"need", "offer"}, short_name
    # Written by the partners' administrators, as the history says.
    offer = ProfileEntry.objects.get(title__startswith="Fachärztliche Sprechstunden des MVZ")
    assert offer.history.get().history_user.username == "admin.halberstadt"


def test_seeding_again_writes_nothing(seeded, db):  # noqa: F811
    before = ProfileEntry.history.count()
    assert seed_winwin(actor=User.objects.get(username="admin")) == 0
    assert ProfileEntry.history.count() == before


def test_quedlinburgs_administrator_adds_an_offer_and_sees_it_matched(seeded, client):  # noqa: F811
    theatre = CentralFunction.objects.get(name="Orchester und Theater")
    area_url = reverse("winwin:area", args=[theatre.area_id])
    client.force_login(User.objects.get(username="admin.quedlinburg"))
    before = client.get(area_url, {"funktion": theatre.pk})
    assert before.context["matches"] == []  # Wernigerode's need waits for an offer
    quedlinburg = Partner.objects.get(short_name="Quedlinburg")
    response = client.post(
        reverse("winwin:entry_create", args=[quedlinburg.pk, "angebot"]),
        {
            "central_function": theatre.pk,
            "title": "Gastspiele der Quedlinburger Bühne des Nordharzer Städtebundtheaters",
            "description": "",
            "capacity": "sechs Gastspiele je Spielzeit",
            "conditions": "Bühne ab acht Metern Breite, Technik vor Ort",
        },
    )
    assert response.status_code == 302 and response.url == area_url
    after = client.get(area_url)
    pairs = [
        (m.offer.partner.short_name, m.need.partner.short_name) for m in after.context["matches"]
    ]
    assert ("Quedlinburg", "Wernigerode") in pairs
    page = after.content.decode()
    assert "Regelmäßige Theatergastspiele in Wernigerode" in page
    assert "sechs Gastspiele je Spielzeit" in page


def test_the_demo_shows_matches_from_the_start(seeded, client):  # noqa: F811
    specialists = CentralFunction.objects.get(name="Fachärzte")
    client.force_login(User.objects.get(username="ag.gesundheit.mitglied"))
    response = client.get(reverse("winwin:area", args=[specialists.area_id]))
    pairs = {
        (m.offer.partner.short_name, m.need.partner.short_name, m.central_function.name)
        for m in response.context["matches"]
    }
    assert ("Halberstadt", "Wernigerode", "Fachärzte") in pairs
    assert ("Halberstadt", "Quedlinburg", "Fachärzte") in pairs
    assert ("Blankenburg", "Halberstadt", "Krankenhäuser") in pairs
    # The working group's member may turn them into findings.
    assert reverse("winwin:match_finding", args=[specialists.area_id]) in response.content.decode()
