"""Pages for logged-in users are kept out of shared and browser caches."""

from django.urls import reverse

PRIVATE = "private, no-store"


def test_it_keeps_pages_of_logged_in_users_out_of_caches(client, world):
    client.force_login(world.board_member)

    for url in [
        reverse("overview:dashboard"),
        reverse("cooperation:partner_list"),
        world.meeting.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE, url


def test_it_marks_a_file_download_without_its_own_header_private(client, world):
    client.force_login(world.board_member)

    response = client.get(reverse("cooperation:contract_document", args=[world.contract.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_it_keeps_the_header_a_view_chose(client, world):
    client.force_login(world.board_member)

    paper = client.get(reverse("meetings:paper_download", args=[world.public_paper.pk]))
    feed = client.get(reverse("meetings:calendar_feed", args=[world.board_member.calendar_token]))

    assert paper.status_code == feed.status_code == 200
    assert paper["Cache-Control"] == "private, no-store"  # set by the download itself
    assert feed["Cache-Control"] == "private, no-cache"  # calendar programs revalidate


def test_it_leaves_anonymous_answers_alone(client, world):
    response = client.get(reverse("overview:dashboard"))

    assert response.status_code == 302
    assert not response.has_header("Cache-Control")


def test_a_public_answer_that_sets_a_cookie_is_made_private(rf):
    from django.http import HttpResponse

    from core.middleware import NoSharedCookieMiddleware

    def public_with_cookie(request):
        response = HttpResponse("Seite")
        response["Cache-Control"] = "public, max-age=300"
        response.set_cookie("sessionid", "abc")
        return response

    def public_without_cookie(request):
        response = HttpResponse("Seite")
        response["Cache-Control"] = "public, max-age=300"
        return response

    guarded = NoSharedCookieMiddleware(public_with_cookie)(rf.get("/oeffentlich/"))
    untouched = NoSharedCookieMiddleware(public_without_cookie)(rf.get("/oeffentlich/"))

    assert guarded["Cache-Control"] == "private, no-store"
    assert untouched["Cache-Control"] == "public, max-age=300"
