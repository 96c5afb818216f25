"""After a failed submit the error summary names each invalid field and links to it
(static/js/impuls.js gives it the focus; tests/browser/test_journeys.py sees that)."""

import re

from django.urls import reverse


def test_the_error_summary_links_to_each_invalid_field(client, world):
    client.force_login(world.wg_member)
    url = reverse("workinggroups:finding_create", args=[world.working_group.pk])
    response = client.post(url, {"type": "obstacle", "title": "", "text": ""})
    assert response.status_code == 400
    html = response.content.decode()
    summary = re.search(
        r'<div class="error-summary" role="alert" tabindex="-1">(.*?)</div>', html, re.S
    )
    assert summary
    links = re.findall(r'<a href="#(id_\w+)">([^<]+)</a>', summary.group(1))
    assert [target for target, _ in links] == ["id_title", "id_text", "id_function_area"]
    assert links[0][1].startswith("Titel: ")
    for target, _ in links:
        assert f'id="{target}"' in html


def test_a_valid_form_has_no_error_summary(client, world):
    client.force_login(world.wg_member)
    url = reverse("workinggroups:finding_create", args=[world.working_group.pk])
    assert "error-summary" not in client.get(url).content.decode()
