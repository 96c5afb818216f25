"""The OParl API over the test world: a crawl from the System object validates every
object against the OParl 1.1 schemas and keeps the spec's rules, reaches every published
meeting, paper and decision, and never shows the markers planted in non-public content
(the public pages' marker test, tests/public/test_no_leak.py, extended to the API)."""

import datetime
import hashlib
import json
from urllib.parse import quote

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from meetings import services as meeting_services
from meetings.models import Decision, Meeting, Paper

from ..public.test_no_leak import _plant
from .crawl import OPARL, api_root, crawl

pytestmark = pytest.mark.django_db

TYPES = {
    "System",
    "Body",
    "LegislativeTerm",
    "Organization",
    "Person",
    "Membership",
    "Meeting",
    "Location",
    "AgendaItem",
    "Paper",
    "Consultation",
    "File",
}
LISTS = {
    "body",
    "organization",
    "person",
    "membership",
    "legislativeterm",
    "meeting",
    "location",
    "agendaitem",
    "paper",
    "consultation",
    "file",
}


def _ids(result, name):
    return {o["id"] for o in result.of_type(name)}


def _since(when: datetime.datetime) -> str:
    return quote(when.isoformat(timespec="seconds"))


def test_it_crawls_the_whole_api_with_no_schema_error_and_no_leak(client, world):
    markers = _plant(world)
    result = crawl(client)
    assert result.errors == []
    assert {o["type"].removeprefix(OPARL) for o in result.objects.values()} == TYPES
    assert {url.removeprefix(api_root()).rstrip("/") for url in result.lists} == LISTS

    # Every published meeting, paper and decision is reached; nothing else is.
    root = api_root()
    assert _ids(result, "Meeting") == {
        f"{root}meeting/{pk}/" for pk in Meeting.objects.published().values_list("pk", flat=True)
    }
    published_papers = set(Paper.objects.published().values_list("pk", flat=True))
    assert published_papers
    assert _ids(result, "Paper") == {f"{root}paper/{pk}/" for pk in published_papers}
    assert _ids(result, "File") == {f"{root}file/{pk}/" for pk in published_papers}
    numbers = {
        d["number"]
        for item in result.of_type("AgendaItem")
        for d in item.get("impuls:decisions", [])
    }
    assert numbers == {d.format_number() for d in Decision.objects.published()}
    # The approved minutes with their correction are there (drafts are markers).
    item = result.objects[f"{root}agendaitem/{world.public_item.pk}/"]
    assert item["impuls:minutes"]["text"] == "Genehmigte Niederschrift"
    assert [c["text"] for c in item["impuls:minutes"]["corrections"]] == ["Berichtigt."]
    assert f"{root}agendaitem/{world.confidential_item.pk}/" not in result.objects
    assert f"{root}paper/{world.confidential_paper.pk}/" not in result.objects

    for url, body in result.bodies.items():
        for marker, name in markers.all.items():
            assert marker.encode() not in body, f"{name} leaks on {url}"


def test_persons_are_board_seats_by_public_office_and_staff_appear_as_their_partner(client, world):
    result = crawl(client)
    assert result.errors == []
    persons = {p["name"] for p in result.of_type("Person")}
    assert persons == {"Oberbürgermeister:in", "Geschäftsstelle"}
    root = api_root()
    group_seats = [
        m
        for m in result.of_type("Membership")
        if m["organization"] == f"{root}organization/gremium-{world.working_group.body.pk}/"
    ]
    assert group_seats and all("person" not in m for m in group_seats)
    assert {m["onBehalfOf"] for m in group_seats} == {
        f"{root}organization/partner-{world.halberstadt.pk}/"
    }
    text = b"".join(result.bodies.values()).decode()
    for user in (world.wg_member, world.wg_lead, world.office):
        assert user.email not in text
        assert f'"{user.username}"' not in text


def test_the_decision_carries_votes_quorum_number_status_and_commissioned_groups(client, world):
    item = client.get(f"/oparl/v1/agendaitem/{world.public_item.pk}/").json()
    [decision] = item["impuls:decisions"]
    assert decision["number"] == world.decision.format_number()
    assert decision["voteCounts"] == {"yes": 1, "no": 0, "abstain": 0, "notVoting": 0}
    assert decision["status"] == "open"
    assert decision["overdue"] is False
    assert decision["commissionedWorkingGroups"] == [
        f"{api_root()}organization/gremium-{world.working_group.body.pk}/"
    ]
    # The world's meeting is invited, not held: its quorum is not frozen yet.
    assert "quorum" not in decision


def test_lists_page_with_next_links_that_keep_the_filters(client, world):
    for n in range(3):
        meeting_services.agenda_item_create(
            meeting=world.meeting, title=f"Punkt {n}", actor=world.office
        )
    since = _since(timezone.now() - datetime.timedelta(days=1))
    start = f"{api_root()}agendaitem/?limit=2&created_since={since}&modified_until=2100-01-01"
    result = crawl(client, start)
    assert result.errors == []
    assert len(result.of_type("AgendaItem")) == 4
    first = client.get(f"/oparl/v1/agendaitem/?limit=2&created_since={since}").json()
    assert first["pagination"] == {
        "totalElements": 4,
        "elementsPerPage": 2,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert "limit=2" in first["links"]["next"] and "page=2" in first["links"]["next"]
    assert "created_since=" in first["links"]["last"]


def test_a_withheld_paper_and_an_item_made_non_public_appear_as_tombstones(client, world):
    before = timezone.now() - datetime.timedelta(seconds=5)
    paper = world.public_paper
    meeting_services.paper_withhold(
        paper=paper, reason="Personenbezogene Daten", actor=world.office
    )
    result = crawl(client, f"{api_root()}paper/?modified_since={_since(before)}")
    assert result.errors == []
    root = api_root()
    assert result.tombstones[f"{root}paper/{paper.pk}/"]["deleted"] is True
    assert set(result.tombstones[f"{root}paper/{paper.pk}/"]) == {
        "id",
        "type",
        "deleted",
        "modified",
    }
    files = client.get(f"/oparl/v1/file/?modified_since={_since(before)}").json()["data"]
    assert {"id": f"{root}file/{paper.pk}/", "deleted": True}.items() <= files[-1].items()
    # Not among the live objects any more, and the object itself is gone.
    assert client.get(f"/oparl/v1/paper/{paper.pk}/").status_code == 404
    # Without modified_since, or with a later one, there is no tombstone.
    assert all("deleted" not in p for p in client.get("/oparl/v1/paper/").json()["data"])
    later = _since(timezone.now() + datetime.timedelta(minutes=1))
    assert client.get(f"/oparl/v1/paper/?modified_since={later}").json()["data"] == []

    item = world.public_item
    meeting_services.agenda_item_update(item=item, data={"is_public": False}, actor=world.office)
    items = client.get(f"/oparl/v1/agendaitem/?modified_since={_since(before)}").json()["data"]
    assert {"id": f"{root}agendaitem/{item.pk}/", "deleted": True}.items() <= items[-1].items()
    # The paper, withheld and now on a non-public item too, is one tombstone.
    papers = client.get(f"/oparl/v1/paper/?modified_since={_since(before)}").json()["data"]
    assert [p["id"] for p in papers if p.get("deleted")] == [f"{root}paper/{paper.pk}/"]


def test_a_deleted_published_meeting_appears_as_a_tombstone(client, world):
    before = timezone.now() - datetime.timedelta(seconds=5)
    other = Meeting.objects.create(
        body=world.board,
        title="Zu löschen",
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
        location="Rathaus",
        status="invited",
    )
    pk = other.pk
    other.delete()
    data = client.get(f"/oparl/v1/meeting/?modified_since={_since(before)}").json()["data"]
    assert {"id": f"{api_root()}meeting/{pk}/", "deleted": True}.items() <= data[-1].items()


@pytest.mark.parametrize(
    "query",
    [
        "modified_since=garbage",
        "created_until=2026-13-45T00:00:00",
        "limit=-5",
        "limit=0",
        "limit=abc",
        "page=abc",
        "page=0",
        "created_since=0001-01-01T00:00:00%2B14:00",
        "modified_until=",
        "limit=²",
        "page=" + "9" * 5000,
    ],
)
def test_bad_filters_answer_400_with_a_german_message(client, world, query):
    response = client.get(f"/oparl/v1/meeting/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    message = response.json()["error"]
    assert "muss" in message or "gültig" in message, message


def test_a_page_beyond_the_last_and_unknown_objects_answer_404_json(client, world):
    assert client.get("/oparl/v1/meeting/?page=99").status_code == 404
    for url in (
        "/oparl/v1/nothing/",
        "/oparl/v1/meeting/999999/",
        "/oparl/v1/meeting/abc/",
        "/oparl/v1/meeting/²/",
        "/oparl/v1/organization/gremium-²/",
        f"/oparl/v1/paper/{'9' * 5000}/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "error" in response.json()
    assert client.get("/oparl/v1/body/other/").status_code == 404


def test_the_limit_is_capped(client, world):
    data = client.get("/oparl/v1/meeting/?limit=100000").json()
    assert data["pagination"]["elementsPerPage"] == 100


def test_it_answers_only_get_and_head(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)("/oparl/v1/meeting/")
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert response.json()["error"] == "Die OParl-Schnittstelle kann nur gelesen werden (GET)."
    assert client.head("/oparl/v1/").status_code == 200
    # A browser's CORS preflight (a script sending If-None-Match itself).
    preflight = client.options("/oparl/v1/meeting/", HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert client.get("/oparl/v1/")["Access-Control-Expose-Headers"] == "ETag"


def test_the_answer_is_the_same_for_members_and_a_conditional_get_answers_304(client, world):
    anonymous = client.get("/oparl/v1/meeting/")
    client.force_login(world.board_member)
    member = client.get("/oparl/v1/meeting/")
    assert member.content == anonymous.content
    assert member["ETag"] == anonymous["ETag"]
    assert json.loads(member.content)["data"]
    again = client.get("/oparl/v1/meeting/", HTTP_IF_NONE_MATCH=member["ETag"])
    assert again.status_code == 304


def test_a_new_decision_changes_the_modified_of_its_item_and_meeting(client, world):
    since = timezone.now() + datetime.timedelta(seconds=1)
    url = f"/oparl/v1/meeting/?modified_since={_since(since)}"
    assert client.get(url).json()["data"] == []
    with time_machine.travel(since + datetime.timedelta(seconds=5)):
        meeting_services.decision_record(
            item=world.public_item,
            title="Noch ein Beschluss",
            text="Öffentlich.",
            votes_yes=1,
            actor=world.office,
        )
    [meeting] = client.get(url).json()["data"]
    assert meeting["id"].endswith(f"/meeting/{world.meeting.pk}/")
    assert meeting["modified"] >= since.isoformat()[:19]
    [item] = client.get(f"/oparl/v1/agendaitem/?modified_since={_since(since)}").json()["data"]
    assert item["id"].endswith(f"/agendaitem/{world.public_item.pk}/")
    # The embedded item says the same as the item itself.
    [embedded] = [i for i in meeting["agendaItem"] if i["id"] == item["id"]]
    assert embedded["modified"] == item["modified"]
    # A change of a non-public item leaves the meeting's `modified` alone.
    later = timezone.now() + datetime.timedelta(seconds=30)
    with time_machine.travel(later):
        meeting_services.agenda_item_update(
            item=world.confidential_item, data={"title": "Geändert"}, actor=world.office
        )
    assert client.get(f"/oparl/v1/meeting/?modified_since={_since(later)}").json()["data"] == []


def test_a_file_names_its_size_type_checksum_and_the_public_download(client, world):
    paper = world.public_paper
    data = client.get(f"/oparl/v1/file/{paper.pk}/").json()
    with paper.file.open("rb") as handle:
        content = handle.read()
    assert data["sha512Checksum"] == hashlib.sha512(content).hexdigest()
    assert data["size"] == len(content) == paper.size
    assert data["mimeType"] == "application/pdf"
    assert data["accessUrl"] == data["downloadUrl"]
    download = client.get(data["accessUrl"].removeprefix(settings.PORTAL_BASE_URL))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content


def test_ended_and_deleted_seats_appear_as_tombstones_of_persons_and_memberships(client, world):
    before = timezone.now() - datetime.timedelta(days=3)
    root = api_root()
    seat = world.board.memberships.get(user=world.board_member)
    group_seat = world.working_group.body.memberships.get(user=world.wg_member)
    # The board seat ended the day before yesterday; the working-group seat is deleted.
    seat.valid_from = timezone.localdate() - datetime.timedelta(days=30)
    seat.valid_until = timezone.localdate() - datetime.timedelta(days=2)
    seat.save()
    group_seat_pk = group_seat.pk
    group_seat.delete()
    since = _since(before)
    persons = client.get(f"/oparl/v1/person/?modified_since={since}").json()["data"]
    assert [p["id"] for p in persons if p.get("deleted")] == [f"{root}person/{seat.pk}/"]
    memberships = client.get(f"/oparl/v1/membership/?modified_since={since}").json()["data"]
    assert {m["id"] for m in memberships if m.get("deleted")} == {
        f"{root}membership/{seat.pk}/",
        f"{root}membership/{group_seat_pk}/",
    }
    # Neither is served any more.
    assert client.get(f"/oparl/v1/person/{seat.pk}/").status_code == 404
    assert client.get(f"/oparl/v1/membership/{group_seat_pk}/").status_code == 404


def test_urls_are_built_from_the_configured_base_url_not_the_request(client, world, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    result = crawl(client)
    assert result.errors == []
    assert result.objects
    for obj in result.objects.values():
        assert obj["id"].startswith("https://portal.example.org/oparl/v1/"), obj["id"]
    # The test client asks as "testserver": the URLs do not follow the request's host.
    body = client.get("/oparl/v1/body/impuls/").json()
    assert body["meeting"] == "https://portal.example.org/oparl/v1/meeting/"
