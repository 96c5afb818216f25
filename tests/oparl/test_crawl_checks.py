"""The crawl's checks can fail: each rule that the API tests rely on reports a
violation when it is broken (so "0 errors" there means something)."""

from .crawl import OPARL, Result, _check_list, _check_object

ITEM = {
    "id": "http://127.0.0.1:8000/oparl/v1/agendaitem/1/",
    "type": OPARL + "AgendaItem",
    "order": 1,
    "created": "2026-01-01T10:00:00+01:00",
    "modified": "2026-01-01T10:00:00+01:00",
}


def _errors(check, *args):
    result = Result()
    check(*args, result)
    return result.errors


def test_a_valid_object_passes():
    assert _errors(_check_object, ITEM, "here") == []


def test_a_schema_violation_is_reported():
    assert _errors(_check_object, ITEM | {"order": "eins"}, "here")


def test_a_missing_created_or_modified_is_reported_embedded_too():
    bare = {k: v for k, v in ITEM.items() if k != "modified"}
    assert _errors(_check_object, bare, "here")
    meeting = {
        "id": "http://127.0.0.1:8000/oparl/v1/meeting/1/",
        "type": OPARL + "Meeting",
        "created": ITEM["created"],
        "modified": ITEM["modified"],
    }
    assert _errors(_check_object, meeting | {"agendaItem": [bare]}, "here")
    untyped = {k: v for k, v in ITEM.items() if k != "type"}
    assert _errors(_check_object, meeting | {"agendaItem": [untyped]}, "here")


def test_a_tombstone_with_more_than_its_four_keys_is_reported():
    tombstone = {"id": ITEM["id"], "type": ITEM["type"], "deleted": True, "modified": "x"}
    assert _errors(_check_object, tombstone, "here") == []
    assert _errors(_check_object, tombstone | {"name": "weg"}, "here")


def _page(current, total, links):
    return {
        "data": [],
        "pagination": {
            "totalElements": 0,
            "elementsPerPage": 20,
            "currentPage": current,
            "totalPages": total,
        },
        "links": links,
    }


def test_list_rules_are_reported():
    url = "http://127.0.0.1:8000/oparl/v1/meeting/?limit=20&page=1"
    ok = _page(1, 2, {"first": url, "next": url.replace("page=1", "page=2")})
    assert _errors(_check_list, ok, url) == []
    assert _errors(_check_list, _page(1, 2, {"first": url}), url)  # next missing
    assert _errors(_check_list, _page(2, 2, {"first": url, "next": url}), url)  # next on last
    dropped = _page(1, 2, {"first": url, "next": "http://127.0.0.1:8000/oparl/v1/meeting/?page=2"})
    assert _errors(_check_list, dropped, url)  # the limit is not kept
    assert _errors(_check_list, {"data": []}, url)
