import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_it_renders_main_pages_for_a_partner_admin(client, world):
    client.force_login(world.admin_halberstadt)
    for url in [
        reverse("overview:dashboard"),
        reverse("cooperation:partner_list"),
        reverse("cooperation:partner_detail", args=[world.halberstadt.pk]),
        reverse("cooperation:partner_update", args=[world.halberstadt.pk]),
        reverse("cooperation:contract"),
        reverse("cooperation:body_list"),
        reverse("cooperation:body_detail", args=[world.board.pk]),
        reverse("functions:catalogue"),
        reverse("workinggroups:matrix"),
        reverse("functions:facility_list"),
        reverse("functions:facility_create"),
        reverse("functions:facility_detail", args=[world.facility_halberstadt.pk]),
        reverse("functions:facility_update", args=[world.facility_halberstadt.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
