"""Every public page may be kept by a shared cache: `Cache-Control: public, max-age=300`,
an ETag, 304 on a matching conditional GET, and the same bytes for a logged-in member
as for an anonymous visitor (core.caching.PublicCacheMixin)."""

import pytest
from django.conf import settings
from django.urls import reverse

from . import helpers as h

pytestmark = pytest.mark.django_db


def _urls(world):
    report = h.report(requested_by=world.office)
    chapter = h.chapter(actor=world.office, title="Leitbild", text="Gemeinsam.")
    return [
        reverse("public:home"),
        reverse("public:body_detail", args=[world.board.pk]),
        reverse("public:meeting_list"),
        reverse("public:meeting_list") + f"?gremium={world.board.pk}",
        reverse("public:meeting_detail", args=[world.meeting.pk]),
        reverse("public:decision_list"),
        reverse("public:decision_detail", args=[world.decision.pk]),
        reverse("public:matrix"),
        reverse("public:finding_list"),
        reverse("public:finding_detail", args=[world.agreed_finding.pk]),
        reverse("public:concept"),
        reverse("public:chapter_detail", args=[chapter.pk]),
        reverse("public:report_list"),
        reverse("public:paper_download", args=[world.public_paper.pk]),
        reverse("public:report_download", args=[report.pk]),
    ]


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_every_page_is_publicly_cacheable_with_an_etag_and_answers_304(client, world):
    for url in _urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=300", url
        etag = response["ETag"]
        assert etag.startswith('"') and etag.endswith('"'), url
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304, url
        assert again.content == b"", url
        assert again["ETag"] == etag
        assert again["Cache-Control"] == "public, max-age=300"
        other = client.get(url, headers={"if-none-match": '"something-else"'})
        assert other.status_code == 200, url


def test_a_member_gets_the_same_bytes_as_an_anonymous_visitor(client, world):
    urls = _urls(world)
    anonymous = {url: client.get(url) for url in urls}
    client.force_login(world.office)  # sees every non-public item internally
    # The language switch in the footer of the internal pages does not change these.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for url in urls:
        response = client.get(url)
        assert _body(response) == _body(anonymous[url]), url
        assert response["ETag"] == anonymous[url]["ETag"], url
        assert response["Cache-Control"] == "public, max-age=300", url
        assert response["Content-Language"] == "de"


def test_a_page_changes_its_etag_when_its_content_changes(client, world):
    url = reverse("public:meeting_detail", args=[world.meeting.pk])
    before = client.get(url)["ETag"]
    world.public_item.title = "Neuer Titel"
    world.public_item.save()
    assert client.get(url, headers={"if-none-match": before}).status_code == 200


def test_what_is_not_published_is_not_cached_publicly(client, world):
    for url in (
        reverse("public:meeting_detail", args=[10**9]),
        reverse("public:paper_download", args=[world.confidential_paper.pk]),
        reverse("public:finding_detail", args=[world.draft_finding.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "public" not in response.get("Cache-Control", "")
        assert not response.has_header("ETag")


def test_an_invalid_filter_is_refused_and_not_cached(client, world):
    response = client.get(reverse("public:decision_list"), {"gremium": "abc"})
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")
